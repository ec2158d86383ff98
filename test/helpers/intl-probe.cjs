// Preloaded (NODE_OPTIONS=--require) into the built program by test/e2e/tui.test.ts:
// records every use of ICU's locale data (Intl constructors and the locale-aware
// String, Number and Date methods) with the time since the process started, and
// writes them as JSON to $PRISM_INTL_PROBE when the process exits.
'use strict';
const { writeFileSync } = require('node:fs');

const uses = [];
const note = (what) => uses.push({ what, atMs: performance.now(), stack: new Error().stack.split('\n').slice(3, 6).join(' | ') });
for (const name of ['Collator', 'DateTimeFormat', 'DisplayNames', 'ListFormat', 'NumberFormat', 'PluralRules', 'RelativeTimeFormat', 'Segmenter']) {
  const Real = Intl[name];
  if (typeof Real !== 'function') continue;
  Intl[name] = new Proxy(Real, {
    construct(target, args, newTarget) {
      note(`new Intl.${name}`);
      return Reflect.construct(target, args, newTarget === Intl[name] ? target : newTarget);
    },
    apply(target, self, args) {
      note(`Intl.${name}()`);
      return Reflect.apply(target, self, args);
    },
  });
}
for (const [proto, method] of [
  [String.prototype, 'localeCompare'],
  [String.prototype, 'toLocaleLowerCase'],
  [String.prototype, 'toLocaleUpperCase'],
  [Number.prototype, 'toLocaleString'],
  [BigInt.prototype, 'toLocaleString'],
  [Array.prototype, 'toLocaleString'],
  [Date.prototype, 'toLocaleString'],
  [Date.prototype, 'toLocaleDateString'],
  [Date.prototype, 'toLocaleTimeString'],
]) {
  const real = proto[method];
  Object.defineProperty(proto, method, {
    configurable: true,
    writable: true,
    value: function (...args) {
      note(method);
      return real.apply(this, args);
    },
  });
}
process.once('exit', () => writeFileSync(process.env.PRISM_INTL_PROBE, JSON.stringify(uses)));

// Syntax-aware colouring of generated scripts (bash and PowerShell): a small
// tokenizer that knows what the generator writes — comments, keywords, the
// command of each simple command, quoted strings (also across lines), here-
// documents, variables and options. Pure: text in, coloured segments per line
// out; the view maps kinds to theme colours (none with NO_COLOR).

export type TokenKind = 'plain' | 'comment' | 'keyword' | 'command' | 'string' | 'variable' | 'option' | 'operator';

export interface Segment {
  text: string;
  kind: TokenKind;
}

/** One line of segments per line of the text. */
export type Highlighted = Segment[][];

class Out {
  readonly lines: Segment[][] = [[]];

  push(text: string, kind: TokenKind): void {
    const parts = text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) this.lines.push([]);
      if (part === '') return;
      const line = this.lines[this.lines.length - 1];
      const last = line[line.length - 1];
      if (last && last.kind === kind) last.text += part;
      else line.push({ text: part, kind });
    });
  }
}

// ---------------------------------------------------------------------------
// bash

const BASH_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', '{', '}', '!', '[[', ']]']);
/** After these a new command starts. */
const BASH_OPENERS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '{', '!', 'time']);
const WORD_END = /[\s;&|()<>'"`]/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Index after the `)` that closes a `$(` or `(` opened just before `from` (quotes and nesting respected). */
/** Pushes the run of spaces and tabs starting at `i` (plain); returns where it ends. Both languages. */
function blanks(out: Out, text: string, i: number): number {
  let j = i;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  out.push(text.slice(i, j), 'plain');
  return j;
}

function closeParen(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length && depth > 0) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '"') i = closeDouble(text, i + 1);
    else {
      if (c === '(') depth++;
      else if (c === ')') depth--;
      i++;
    }
  }
  return i;
}

/** Index after the `"` closing a double-quoted string whose body starts at `from`. */
function closeDouble(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '$' && text[i + 1] === '(') i = closeParen(text, i + 2);
    else i++;
  }
  return text.length;
}

/** `$name`, `${...}`, `$1`, `$?`...: the length of the expansion at `i` (0 when `$` is literal). */
function variableLength(text: string, i: number): number {
  const next = text[i + 1];
  if (next === '{') {
    const end = text.indexOf('}', i + 2);
    return (end < 0 ? text.length : end + 1) - i;
  }
  if (next !== undefined && /[0-9?@#$!*-]/.test(next)) return 2;
  const m = NAME.exec(text.slice(i + 1, i + 200));
  return m ? 1 + m[0].length : 0;
}

function bashDouble(out: Out, body: string): void {
  let i = 0;
  let plain = '';
  const flush = () => {
    if (plain) out.push(plain, 'string');
    plain = '';
  };
  while (i < body.length) {
    const c = body[i];
    if (c === '\\' && i + 1 < body.length) {
      plain += body.slice(i, i + 2);
      i += 2;
    } else if (c === '$' && body[i + 1] === '(') {
      flush();
      const end = closeParen(body, i + 2);
      out.push(body.slice(i, end), 'variable');
      i = end;
    } else if (c === '$' && variableLength(body, i) > 0) {
      flush();
      const n = variableLength(body, i);
      out.push(body.slice(i, i + n), 'variable');
      i += n;
    } else {
      plain += c;
      i++;
    }
  }
  flush();
}

export function highlightBash(text: string): Highlighted {
  const out = new Out();
  let i = 0;
  let cmd = true;
  let caseDepth = 0;
  const heredocs: { delim: string; strip: boolean }[] = [];
  const n = text.length;
  const atWordStart = () => i === 0 || /[\s;&|(]/.test(text[i - 1]);

  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      out.push('\n', 'plain');
      i++;
      cmd = true;
      // Here-document bodies follow the line that opened them.
      while (heredocs.length) {
        const { delim, strip } = heredocs.shift() as { delim: string; strip: boolean };
        for (;;) {
          if (i >= n) break;
          const eol = text.indexOf('\n', i);
          const line = text.slice(i, eol < 0 ? n : eol);
          const done = (strip ? line.replace(/^\t+/, '') : line) === delim;
          out.push(line, done ? 'operator' : 'string');
          i = eol < 0 ? n : eol;
          if (done) break;
          if (eol >= 0) {
            out.push('\n', 'plain');
            i++;
          }
        }
      }
      continue;
    }
    if (c === ' ' || c === '\t') {
      i = blanks(out, text, i);
      continue;
    }
    if (c === '#' && atWordStart()) {
      const eol = text.indexOf('\n', i);
      out.push(text.slice(i, eol < 0 ? n : eol), 'comment');
      i = eol < 0 ? n : eol;
      continue;
    }
    if (c === '\\' && i + 1 < n) {
      out.push(text.slice(i, i + 2), 'plain');
      i += 2;
      cmd = false;
      continue;
    }
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end < 0 ? n : end + 1;
      out.push(text.slice(i, stop), 'string');
      i = stop;
      cmd = false;
      continue;
    }
    if (c === '"') {
      const stop = closeDouble(text, i + 1);
      bashDouble(out, text.slice(i, stop));
      i = stop;
      cmd = false;
      continue;
    }
    if (c === '$') {
      if (text[i + 1] === "'") {
        let j = i + 2;
        while (j < n && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
        out.push(text.slice(i, Math.min(n, j + 1)), 'string');
        i = Math.min(n, j + 1);
        cmd = false;
        continue;
      }
      if (text[i + 1] === '(') {
        // A command substitution: a new command starts inside it.
        out.push('$(', 'operator');
        i += 2;
        cmd = true;
        continue;
      }
      const len = variableLength(text, i);
      if (len > 0) {
        out.push(text.slice(i, i + len), 'variable');
        i += len;
        cmd = false;
        continue;
      }
    }
    if (c === '`') {
      out.push(c, 'operator');
      i++;
      cmd = true;
      continue;
    }
    if (/[;&|()<>]/.test(c)) {
      const op = /^(?:;;|&&|\|\||\|&|>>|<<<|<<-|<<|&>>|&>|\d?>&\d?|[;&|()<>])/.exec(text.slice(i, i + 4))?.[0] ?? c;
      out.push(op, 'operator');
      i += op.length;
      if (op === '<<' || op === '<<-') {
        const m = /^([ \t]*)(?:'([^'\n]*)'|"([^"\n]*)"|([^\s;&|()<>]+))/.exec(text.slice(i));
        if (m) {
          out.push(m[1], 'plain');
          out.push(m[0].slice(m[1].length), 'operator');
          heredocs.push({ delim: m[2] ?? m[3] ?? m[4], strip: op === '<<-' });
          i += m[0].length;
        }
        cmd = false;
      } else cmd = op === ';' || op === ';;' || op === '&&' || op === '||' || op === '|' || op === '|&' || op === '&' || op === '(';
      continue;
    }
    // A word (up to whitespace, an operator or a quote).
    let j = i;
    while (j < n && !WORD_END.test(text[j]) && !(text[j] === '$' && j > i)) j++;
    if (j === i) j = i + 1;
    const word = text.slice(i, j);
    if (cmd) {
      const assign = /^([A-Za-z_][A-Za-z0-9_]*)(\+?=)/.exec(word);
      if (assign) {
        out.push(assign[1], 'variable');
        out.push(assign[2], 'operator');
        i += assign[0].length;
        // Still in command position: `A=1 cmd` runs cmd; the value itself follows.
        if (i < n && !/\s/.test(text[i])) {
          const k = i;
          let e = k;
          while (e < n && !WORD_END.test(text[e]) && text[e] !== '$') e++;
          if (e > k) {
            out.push(text.slice(k, e), 'plain');
            i = e;
          }
        }
        continue;
      }
      if (BASH_KEYWORDS.has(word)) {
        out.push(word, 'keyword');
        if (word === 'case') caseDepth++;
        if (word === 'esac') caseDepth = Math.max(0, caseDepth - 1);
        cmd = BASH_OPENERS.has(word);
        i = j;
        continue;
      }
      // A case pattern ("all)") is not a command.
      if (caseDepth > 0 && text[j] === ')') {
        out.push(word, 'plain');
        i = j;
        continue;
      }
      out.push(word, 'command');
      cmd = false;
      i = j;
      continue;
    }
    if (word === 'in' || word === 'do' || word === 'then') {
      out.push(word, 'keyword');
      cmd = word !== 'in';
    } else out.push(word, word.startsWith('-') && word.length > 1 ? 'option' : 'plain');
    i = j;
  }
  return out.lines;
}

// ---------------------------------------------------------------------------
// PowerShell

const PS_KEYWORDS = new Set(['if', 'elseif', 'else', 'switch', 'foreach', 'for', 'while', 'do', 'until', 'function', 'param', 'return', 'try', 'catch', 'finally', 'throw', 'begin', 'process', 'end', 'in', 'break', 'continue', 'exit', 'filter', 'trap']);

export function highlightPowerShell(text: string): Highlighted {
  const out = new Out();
  let i = 0;
  let cmd = true;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    const rest2 = text.slice(i, i + 2);
    if (c === '\n') {
      out.push('\n', 'plain');
      i++;
      cmd = true;
      continue;
    }
    if (c === ' ' || c === '\t') {
      i = blanks(out, text, i);
      continue;
    }
    if (rest2 === '<#') {
      const end = text.indexOf('#>', i + 2);
      const stop = end < 0 ? n : end + 2;
      out.push(text.slice(i, stop), 'comment');
      i = stop;
      continue;
    }
    if (c === '#') {
      const eol = text.indexOf('\n', i);
      out.push(text.slice(i, eol < 0 ? n : eol), 'comment');
      i = eol < 0 ? n : eol;
      continue;
    }
    if (rest2 === "@'" || rest2 === '@"') {
      const close = `\n${rest2[1]}@`;
      const end = text.indexOf(close, i + 2);
      const stop = end < 0 ? n : end + close.length;
      out.push(text.slice(i, stop), 'string');
      i = stop;
      cmd = false;
      continue;
    }
    if (c === "'" || c === '\u2018' || c === '\u2019') {
      let j = i + 1;
      for (;;) {
        if (j >= n) break;
        if (/['\u2018\u2019\u201a\u201b]/.test(text[j])) {
          if (/['\u2018\u2019\u201a\u201b]/.test(text[j + 1] ?? '')) j += 2;
          else break;
        } else j++;
      }
      const stop = Math.min(n, j + 1);
      out.push(text.slice(i, stop), 'string');
      i = stop;
      cmd = false;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let plain = '"';
      while (j < n && text[j] !== '"') {
        if (text[j] === '`' && j + 1 < n) {
          plain += text.slice(j, j + 2);
          j += 2;
        } else if (text[j] === '$' && /[A-Za-z_{(]/.test(text[j + 1] ?? '')) {
          out.push(plain, 'string');
          plain = '';
          let e = j + 1;
          if (text[e] === '{') e = text.indexOf('}', e) + 1 || n;
          else if (text[e] === '(') e = closeParen(text, e + 1);
          else while (e < n && /[A-Za-z0-9_:]/.test(text[e])) e++;
          out.push(text.slice(j, e), 'variable');
          j = e;
        } else {
          plain += text[j];
          j++;
        }
      }
      out.push(`${plain}${j < n ? '"' : ''}`, 'string');
      i = Math.min(n, j + 1);
      cmd = false;
      continue;
    }
    if (c === '$') {
      let e = i + 1;
      if (text[e] === '{') e = text.indexOf('}', e) + 1 || n;
      else while (e < n && /[A-Za-z0-9_:?]/.test(text[e])) e++;
      out.push(text.slice(i, Math.max(e, i + 1)), 'variable');
      i = Math.max(e, i + 1);
      cmd = false;
      continue;
    }
    if (/[|;{}()[\],=+!<>]/.test(c)) {
      out.push(c, 'operator');
      i++;
      cmd = c === '|' || c === ';' || c === '{' || c === '(';
      continue;
    }
    let j = i;
    while (j < n && !/[\s|;{}()[\],='"$#<>]/.test(text[j])) j++;
    if (j === i) j = i + 1;
    const word = text.slice(i, j);
    if (PS_KEYWORDS.has(word.toLowerCase())) {
      out.push(word, 'keyword');
      cmd = word.toLowerCase() !== 'function' && word.toLowerCase() !== 'param';
    } else if (word.startsWith('-') && /^-[A-Za-z]/.test(word)) {
      out.push(word, 'option');
      cmd = false;
    } else if (cmd || /^[A-Za-z]+-[A-Za-z]+$/.test(word)) {
      out.push(word, 'command');
      cmd = false;
    } else {
      out.push(word, 'plain');
    }
    i = j;
  }
  return out.lines;
}

export function highlight(text: string, language: 'bash' | 'powershell'): Highlighted {
  return language === 'powershell' ? highlightPowerShell(text) : highlightBash(text);
}

/**
 * Hard-wraps one line of segments to `width` cells (one per code point), continuation rows
 * indented like the line plus two (at most half the width), keeping each piece's kind.
 */
export function wrapSegments(line: readonly Segment[], width: number): Segment[][] {
  const w = Math.max(4, width);
  const chars: { ch: string; kind: TokenKind }[] = [];
  for (const s of line) for (const ch of s.text) chars.push({ ch, kind: s.kind });
  if (chars.length <= w) return [line.map((s) => ({ ...s }))];
  let indent = 0;
  while (indent < chars.length && chars[indent].ch === ' ') indent++;
  const cont = Math.min(indent + 2, Math.floor(w / 2));
  const rows: Segment[][] = [];
  const emit = (from: number, to: number, pad: number) => {
    const row: Segment[] = pad ? [{ text: ' '.repeat(pad), kind: 'plain' }] : [];
    for (let k = from; k < to; k++) {
      const last = row[row.length - 1];
      if (last && last.kind === chars[k].kind && !(pad && row.length === 1)) last.text += chars[k].ch;
      else row.push({ text: chars[k].ch, kind: chars[k].kind });
    }
    rows.push(row);
  };
  emit(0, w, 0);
  for (let at = w; at < chars.length; at += w - cont) emit(at, Math.min(chars.length, at + w - cont), cont);
  return rows;
}

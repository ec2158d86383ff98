// Imported first by the entry. Ink draws nothing until exit when it believes it runs in CI
// (CI / CONTINUOUS_INTEGRATION set). A person at a terminal sees a blank dashboard then, so
// when both ends are terminals, those variables are neutralised before Ink loads.
if (process.stdout.isTTY && process.stdin.isTTY) {
  for (const k of ['CI', 'CONTINUOUS_INTEGRATION']) if (k in process.env) process.env[k] = 'false';
}
export {};

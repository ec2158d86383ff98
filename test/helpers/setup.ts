// Per-file test setup: the AWS SDK's NodeVersionSupportWarning (Node 20) is noise in
// every test's output; the product routes it to a log file the same way (src/cli/warnings.ts).
const original = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : warning.message;
  if (/NodeVersionSupportWarning|require node >=22/.test(text) || rest.some((r) => typeof r === 'string' && r.includes('NodeVersionSupportWarning'))) return;
  return original(warning as string, ...(rest as []));
}) as typeof process.emitWarning;

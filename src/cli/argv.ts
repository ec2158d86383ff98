// Whether a command line names a subcommand. The subcommands' definitions (and the
// modules only they import) load only then: the dashboard, the command line with
// no subcommand, compiles 14 KB and one module less before its first frame.

/**
 * True when `args` (argv after the script) holds a positional argument, which is a
 * subcommand (or a mistake commander reports once the commands are there), or
 * asks for help, whose text lists the subcommands. `valueOptions` are the root
 * command's options that take a value (`--region us-east-1`): their values are
 * not positionals.
 */
export function namesSubcommand(args: readonly string[], valueOptions: ReadonlySet<string>): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return i + 1 < args.length;
    if (a === '-h' || a === '--help') return true;
    if (a.startsWith('-') && a.length > 1) {
      if (!a.includes('=') && valueOptions.has(a)) i++;
      continue;
    }
    return true;
  }
  return false;
}

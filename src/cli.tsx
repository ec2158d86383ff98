// Entry: parse argv, pick the backend (AWS or the simulated region), run the
// dashboard or a non-interactive subcommand.
import { mark } from './trace.js';
import './cli/tty-env.js';
import { Command, Option, InvalidArgumentError } from 'commander';
import { routeWarnings } from './cli/warnings.js';
import { resolveBackend, type BackendFlags } from './services/backend.js';
import { StorageError } from './services/types.js';
import { namesSubcommand } from './cli/argv.js';
import { TerminalScreen } from './cli/terminal-screen.js';
import { keepYoungGenerationSmall } from './cli/memory.js';

mark('entry loaded');
routeWarnings();

export interface GlobalOptions extends BackendFlags {
  refresh: number;
  altScreen: boolean;
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number >= 0');
  return n;
}

function seconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 2) throw new InvalidArgumentError('expected seconds >= 2');
  return n;
}

export function buildProgram(): Command {
  const program = new Command('prism-storage')
    .description('Research storage on AWS — FSx (Lustre, OpenZFS, Windows, ONTAP), S3, EFS and EBS — in one terminal dashboard.\nWith no AWS credentials it runs on a built-in simulated region.')
    .version('0.1.0')
    .option('--demo', 'use the simulated region even when AWS credentials exist')
    .option('--aws', 'use AWS and fail when no credentials resolve')
    .option('--profile <name>', 'AWS profile (default: $AWS_PROFILE or the default chain)')
    .option('--region <code>', 'AWS region (default: $AWS_REGION or the profile\'s region)')
    .option('--regions <list>', 'several regions in one list: a,b,c or "all"')
    .option('--endpoint-url <url>', 'custom endpoint for every service (LocalStack, moto); also $AWS_ENDPOINT_URL')
    .option('--read-only', 'never change anything: every mutating action is hidden and refused')
    .option('--refresh <seconds>', 'inventory refresh interval', seconds, 30)
    .addOption(new Option('--sim-scale <n>', 'simulated region: add N generated resources').argParser(positiveInt))
    .addOption(new Option('--sim-faults <spec>', 'simulated region: inject faults, e.g. throttle=0.3,latency=200,deny=fsx,expired,offline'))
    .addOption(new Option('--sim-reset', 'simulated region: forget resources you created or deleted'))
    .addOption(new Option('--sim-seed <n>', 'simulated region: world seed').argParser(positiveInt).hideHelp())
    .addOption(new Option('--sim-ephemeral', 'simulated region: keep changes in memory only').hideHelp())
    .addOption(new Option('--no-alt-screen', 'draw in the normal screen buffer (for terminals without one)'))
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (str, write) => write(str) })
    .action(async () => {
      const opts = program.opts<GlobalOptions>();
      if (!process.stdout.isTTY || !process.stdin.isTTY) {
        process.stderr.write('prism-storage: the dashboard needs a terminal. For scripts use `prism-storage list --output json` (see --help).\n');
        process.exitCode = 2;
        return;
      }
      // Before the first list and the simulated region allocate (src/cli/memory.ts).
      keepYoungGenerationSmall();
      // Something on the screen at once, and the screen code (Ink, React, the screens)
      // loading while credentials are looked for.
      const screen = new TerminalScreen(process.stdout, opts.altScreen);
      screen.say(opts.demo ? 'prism-storage · starting…' : 'prism-storage · looking for AWS credentials…');
      const dashboard = import('./cli/dashboard.js');
      dashboard.catch(() => undefined);
      let backend;
      try {
        backend = await getBackend(opts);
      } catch (e) {
        screen.restore();
        throw e;
      }
      mark('backend ready');
      screen.say(`prism-storage · listing stores in ${backend.regions.join(', ')}${backend.mode === 'sim' ? ' (simulated region)' : ''}…`);
      // The first list is fetched while the screen code loads. Per-store details
      // (S3 bucket settings, EFS mount targets) wait for the first frame.
      let firstFrame = () => {};
      const detailsAfter = new Promise<void>((resolve) => (firstFrame = resolve));
      const { Session } = await import('./services/session.js');
      const session = new Session(backend, { refreshMs: opts.refresh * 1000, detailsAfter });
      session.start();
      mark('session started');
      let runDashboard;
      try {
        ({ runDashboard } = await dashboard);
      } catch (e) {
        session.stop();
        screen.restore();
        throw e;
      }
      mark('dashboard loaded');
      process.exitCode = await runDashboard(session, { screen, onFirstFrame: firstFrame });
    });
  program.exitOverride((err) => {
    // Usage errors exit 2 (documented); --help/--version exit 0.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') process.exit(0);
    process.exit(2);
  });
  return program;
}

/** The subcommands, loaded only when the command line names one (src/cli/argv.ts). */
async function withCommandsIfNamed(program: Command, args: string[]): Promise<Command> {
  const valueOptions = new Set(program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short].filter((f): f is string => !!f)));
  if (namesSubcommand(args, valueOptions)) {
    const { registerCommands } = await import('./cli/commands.js');
    registerCommands(program, () => getBackend(program.opts<GlobalOptions>()));
  }
  return program;
}

export async function getBackend(opts: GlobalOptions) {
  return resolveBackend(opts);
}

export function reportFatal(e: unknown): never {
  if (e instanceof StorageError) {
    process.stderr.write(`prism-storage: ${e.message}\n  ${e.hint}\n`);
    process.exit(e.type === 'validation' ? 2 : 1);
  }
  process.stderr.write(`prism-storage: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}

withCommandsIfNamed(buildProgram(), process.argv.slice(2))
  .then((program) => program.parseAsync(process.argv))
  .catch(reportFatal);

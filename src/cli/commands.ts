// Non-interactive subcommands (list, show, create, delete, mount, analytics,
// recommendations, optimize, patterns, costs, serve, completion). Each is a
// face of the services layer: no logic here that the dashboard and the REST
// server do not share (src/cli/ops/*); this file only declares the flags.
// A command's code (and the services only it needs) loads when it runs, so
// `--version`, `--help` and the status check start fast.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Backend } from '../services/backend.js';
import { STORAGE_TYPES, TYPE_LABEL } from '../services/types.js';
import { FOCUSES, KIND_WORDS, MOUNT_METHODS, OS_FAMILIES, OUTPUT_FORMATS, SHELLS, SORT_COLUMNS, WINDOWS, WORKLOAD_KINDS, WORKLOADS, type OutputFormat, type Shell } from './choices.js';
import { EXIT, EXIT_CODES_HELP, processIo, type CliIo } from './io.js';
import type { CommandContext } from './runner.js';

function number(what: string, min: number, max = Number.MAX_SAFE_INTEGER, integer = false) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) throw new InvalidArgumentError(`expected ${integer ? 'a whole number' : 'a number'} of ${what} from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`);
    return n;
  };
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

function outputOption(formats: readonly string[] = OUTPUT_FORMATS, dflt = 'table'): Option {
  return new Option('-o, --output <format>', 'output format').choices(formats).default(dflt);
}

const typeHelp = `storage kinds, comma-separated: ${KIND_WORDS.join(', ')}`;

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n\n${EXIT_CODES_HELP}\n`;
}

const settingsAdded = new WeakSet<Command>();

/** The create wizard's fields as `create` flags, grouped by kind in --help; secrets only as files. */
export async function addSettingOptions(create: Command): Promise<void> {
  if (settingsAdded.has(create)) return;
  settingsAdded.add(create);
  const { settingFlags } = await import('./settings.js');
  for (const s of settingFlags()) {
    const kinds = s.kinds.map((k) => TYPE_LABEL[k]).join(', ');
    const group = s.kinds.length > 1 ? 'Settings of several kinds:' : `${TYPE_LABEL[s.kinds[0]]} settings:`;
    const values = s.spec.kind === 'bool' ? ' (yes|no)' : s.spec.kind === 'multi' ? ' (comma-separated)' : '';
    const opt =
      s.spec.kind === 'secret'
        ? new Option(`--${s.flag}-file <path>`, `${s.spec.label}: read from this file, or - for stdin (never on the command line) [${kinds}]`)
        : new Option(`--${s.flag} <${s.spec.unit ?? 'value'}>`, `${s.spec.label}${values}: ${s.spec.help} [${kinds}]`);
    create.addOption(opt.helpGroup(group));
  }
}

export function registerCommands(program: Command, getBackend: () => Promise<Backend>, io: CliIo = processIo()): void {
  const ctx: CommandContext = { io, getBackend };
  const global = () => program.opts<{ refresh?: number }>();

  program.addHelpText(
    'after',
    `\nWithout a command, the dashboard opens. Every command takes the options above (e.g. --region, --read-only, --demo)\nbefore or after its name; \`prism-storage <command> --help\` shows its own.\n\n${EXIT_CODES_HELP}\n\nDocumentation: docs/cli.md\n`,
  );

  program
    .command('list')
    .alias('ls')
    .description('every store, in one list (the status check)')
    .addOption(new Option('-t, --type <kinds>', typeHelp))
    .option('-f, --filter <text>', 'words that must all match the name, id, region, state or a tag (Project=genomics)')
    .addOption(new Option('-s, --sort <column>', `sort by ${SORT_COLUMNS.join(', ')}; prefix - for descending (-cost)`))
    .addOption(outputOption())
    .option('-w, --watch', 'keep refreshing (every --refresh seconds) and redraw when something changes; Ctrl-C exits 0')
    .addHelpText(
      'after',
      examples([
        'prism-storage list',
        'prism-storage list --type fsx --sort -cost',
        'prism-storage list --regions us-east-1,us-west-2 --output json | jq \'.stores[] | select(.state != "available") | .name\'',
        'prism-storage list --filter Project=genomics --output csv > stores.csv',
        'prism-storage list --watch',
      ]),
    )
    .action(async (o: { type?: string; filter?: string; sort?: string; output: OutputFormat; watch?: boolean }) => (await import('./cmd/list.js')).listCommand(ctx, { ...o, refresh: global().refresh }));

  program
    .command('show')
    .argument('<store>', 'name, id or ARN')
    .description('everything about one store: identity, capacity, mount endpoints, security, tags')
    .addOption(outputOption())
    .addHelpText('after', examples(['prism-storage show genomics-scratch', 'prism-storage show fs-0123456789abcdef0 --output json']))
    .action(async (ref: string, o: { output: OutputFormat }) => (await import('./cmd/list.js')).showCommand(ctx, ref, o));

  const create = program
    .command('create')
    .argument('<name>', 'Name tag of the new store (the bucket name for S3 unless --bucket-name is given)')
    .description('create a store with the create wizard\'s defaults for the workload, changed by the flags below')
    .addOption(new Option('-t, --type <kind>', `what to create: ${STORAGE_TYPES.join(', ')} (or lustre, openzfs, windows, ontap)`))
    .addOption(new Option('--workload <workload>', 'what it is for (sizes the defaults)').choices(WORKLOADS))
    .option('--size <GiB>', 'how much data (sizes the defaults)', number('GiB', 1))
    .option('--throughput <MBps>', 'throughput the workload needs (sizes the defaults)', number('MB/s', 1))
    .option('--shared-by <hosts>', 'how many hosts use it at once', number('hosts', 1, 100_000, true))
    .option('--tag <key=value>', 'a tag (repeatable)', collect)
    .option('--set <key=value>', 'any setting by its field key, e.g. --set volumeType=io2 (repeatable)', collect)
    .option('--client-token <token>', 'idempotency token: repeat a failed create with the same token and it never makes two')
    .option('--dry-run', 'print the exact AWS calls (secrets masked) and change nothing')
    .option('--wait', 'wait until the store is available')
    .option('--timeout <minutes>', 'with --wait: give up after this long (default 15, FSx 90)', number('minutes', 1, 24 * 60))
    .addOption(outputOption(['table', 'json', 'yaml']));
  // Every setting the wizard has, as a flag (added when `create` or `completion` runs: the wizard's field list loads then).
  program.hook('preSubcommand', async (_program, sub) => {
    if (sub.name() === 'create') await addSettingOptions(create);
  });
  create
    .addHelpText(
      'after',
      examples([
        'prism-storage create scratch-vol --type ebs --size 500 --dry-run',
        'prism-storage create imagenet --type lustre --workload ml-training --size 4800 --tag Project=vision',
        'prism-storage create team-home --type efs --workload home-directories --wait --output json',
        'prism-storage create my-lab-archive --type s3 --workload archive --versioning yes',
        'prism-storage create nas --type ontap --admin-password-file ~/.fsxadmin --dry-run',
      ]),
    )
    .action(async (name: string, o: Record<string, unknown> & { output: OutputFormat }) => (await import('./cmd/mutate.js')).createCommand(ctx, name, o));

  program
    .command('delete')
    .alias('rm')
    .argument('<store>', 'name, id or ARN')
    .description('delete a store after saying what is lost and kept (EBS snapshot and FSx final backup first by default)')
    .option('--confirm <name>', 'the store\'s name (or id) again: required when not at a terminal')
    .option('--no-snapshot', 'EBS: do not snapshot the volume first')
    .option('--no-final-backup', 'FSx: skip the final backup')
    .option('--empty-first', 'S3: delete every object version first; EFS: delete mount targets and access points first (cannot be undone)')
    .option('--dry-run', 'say what would be lost, kept or block it; delete nothing')
    .addOption(outputOption(['table', 'json', 'yaml']))
    .addHelpText('after', examples(['prism-storage delete old-scratch                     # asks you to type the name', 'prism-storage delete vol-0abc123 --confirm vol-0abc123 --output json', 'prism-storage delete tmp-bucket --empty-first --dry-run']))
    .action(async (ref: string, o: { output: OutputFormat }) => (await import('./cmd/mutate.js')).deleteCommand(ctx, ref, o));

  program
    .command('mount')
    .argument('<store>', 'name, id or ARN')
    .argument('[instance]', 'EC2 instance id: mount there as the dashboard does (check it, attach an EBS volume, run the script through SSM Run Command)')
    .description('the mount script (install, mount, persist across reboots, unmount), or run it on an instance')
    .addOption(new Option('--method <method>', `how to mount: S3 ${MOUNT_METHODS.s3.join('|')}; EFS ${MOUNT_METHODS.efs.join('|')}; ONTAP ${MOUNT_METHODS['fsx-ontap'].join('|')}; Windows ${MOUNT_METHODS['fsx-windows'].join('|')}`))
    .addOption(new Option('--os <family>', 'client OS (detected from SSM when an instance is given)').choices(OS_FAMILIES))
    .option('--mount-point <path>', 'where to mount (a drive letter such as Z: with --windows)')
    .option('--ro', 'mount read-only')
    .option('--windows', 'a Windows client (SMB shares of FSx for Windows or ONTAP)')
    .option('--prefix <prefix>', 'S3: only this key prefix')
    .option('--cache-dir <dir>', 'S3: local cache directory')
    .option('--allow-delete', 'S3 (Mountpoint): allow deleting objects')
    .option('--allow-overwrite', 'S3 (Mountpoint): allow overwriting objects')
    .option('--passwd-file', 's3fs: a mode-600 credentials file instead of the instance role')
    .addOption(new Option('--nfs-version <v>', 'NFS version').choices(['3', '4.0', '4.1', '4.2']))
    .option('--volume <id>', 'OpenZFS or ONTAP volume id')
    .option('--svm <id>', 'ONTAP storage virtual machine id')
    .option('--access-point <id>', 'EFS access point id')
    .option('--no-iam', 'EFS: do not authorise with the instance\'s IAM role')
    .option('--share <name>', 'SMB share name')
    .addOption(new Option('--smb-version <v>', 'SMB dialect').choices(['2.1', '3.0', '3.1.1']))
    .addOption(new Option('--fs-type <type>', 'EBS: file system to create on an empty volume').choices(['xfs', 'ext4']))
    .option('--device <path>', 'EBS: device name (default: found by the volume id)')
    .option('--print', 'print the script even when an instance is given (do not run it)')
    .option('--timeout <minutes>', 'when running on an instance: stop waiting for the script after this long (default 30)', number('minutes', 1, 24 * 60))
    .addOption(new Option('-o, --output <format>', 'the script text, or the script and its warnings as a document').choices(['script', 'json', 'yaml']).default('script'))
    .addHelpText('after', examples(['prism-storage mount imagenet-train-lustre > mount.sh && sudo bash mount.sh', 'prism-storage mount research-bucket --method s3fs --os ubuntu --ro', 'prism-storage mount climate-model-home i-0123456789abcdef0          # runs it there (SSM)', 'prism-storage mount climate-model-home i-0123456789abcdef0 --print']))
    .action(async (ref: string, instance: string | undefined, o: { output: OutputFormat | 'script' }) => (await import('./cmd/mount.js')).mountCommand(ctx, ref, instance, o));

  program
    .command('analytics')
    .description('throughput, IOPS, latency and utilisation of each store over a period (CloudWatch)')
    .addOption(new Option('-p, --period <period>', 'time window').choices(WINDOWS).default('24h'))
    .option('-r, --resources <names>', 'names or ids, comma-separated (default: every store)', collect)
    .addOption(new Option('-t, --type <kinds>', typeHelp))
    .addOption(outputOption())
    .addHelpText('after', examples(['prism-storage analytics', 'prism-storage analytics --period 7d --type fsx', 'prism-storage analytics --resources genomics-scratch,vol-0abc --output csv']))
    .action(async (o: { period: string; resources?: string[]; type?: string; output: OutputFormat }) => (await import('./cmd/analyze.js')).analyticsCommand(ctx, o));

  program
    .command('recommendations')
    .alias('recs')
    .description('what to change to save money, go faster or avoid running out (30 days of metrics)')
    .addOption(new Option('--focus <focus>', 'only these').choices(FOCUSES))
    .option('-r, --resources <names>', 'names or ids, comma-separated (default: every store)', collect)
    .addOption(new Option('-t, --type <kinds>', typeHelp))
    .addOption(outputOption())
    .addHelpText('after', examples(['prism-storage recommendations', 'prism-storage recommendations --focus cost --output json | jq \'[.recommendations[].monthlySavingsUsd] | add\'']))
    .action(async (o: { focus?: string; resources?: string[]; type?: string; output: OutputFormat }) => (await import('./cmd/analyze.js')).recommendationsCommand(ctx, o));

  program
    .command('optimize')
    .argument('<store>', 'name, id or ARN')
    .description('what to change so a store suits a workload; --apply makes the change')
    .addOption(new Option('--workload <workload>', 'the kind of work').choices(WORKLOAD_KINDS))
    .option('--apply', 'make the change (asks for the name at a terminal; --confirm from a script)')
    .option('--confirm <name>', 'with --apply: the store\'s name (or id) again')
    .addOption(outputOption())
    .addHelpText('after', examples(['prism-storage optimize training-data --workload ml', 'prism-storage optimize vol-0abc --workload hpc --apply --confirm vol-0abc']))
    .action(async (ref: string, o: { workload?: string; output: OutputFormat }) => (await import('./cmd/analyze.js')).optimizeCommand(ctx, ref, o));

  program
    .command('patterns')
    .description('usage patterns: growth trend, daily and weekly rhythm, peak hours, idle time, anomalies, capacity runway')
    .option('-d, --days <n>', 'days of hourly data to analyse (1-30)', number('days', 1, 30, true), 30)
    .option('-r, --resources <names>', 'names or ids, comma-separated (default: every store)', collect)
    .addOption(new Option('-t, --type <kinds>', typeHelp))
    .addOption(outputOption())
    .addHelpText('after', examples(['prism-storage patterns --days 14', 'prism-storage patterns --resources imagenet-train-lustre --output json']))
    .action(async (o: { days: number; resources?: string[]; type?: string; output: OutputFormat }) => (await import('./cmd/analyze.js')).patternsCommand(ctx, o));

  program
    .command('costs')
    .description('estimated monthly cost of the stores, and what Cost Explorer billed (cached for an hour: each request costs $0.01)')
    .addOption(new Option('-t, --type <kinds>', typeHelp))
    .option('--refresh', 'ask Cost Explorer now even if the cached answer is younger than an hour')
    .addOption(outputOption())
    .addHelpText('after', examples(['prism-storage costs', 'prism-storage costs --output json | jq .billed.forecastUsd']))
    .action(async (o: { type?: string; refresh?: boolean; output: OutputFormat }) => (await import('./cmd/analyze.js')).costsCommand(ctx, o));

  program
    .command('serve')
    .description('the REST API (OpenAPI at /api/v1/openapi.json), token-protected, on 127.0.0.1 by default')
    .option('--port <port>', 'TCP port', number('port', 0, 65535, true), 8477)
    .option('--host <address>', 'address to listen on (anything but loopback is reachable from the network: use an SSH tunnel instead)', '127.0.0.1')
    .addHelpText(
      'after',
      `\nEvery /api request needs "Authorization: Bearer <token>"; the token is made on the first start and kept\n(mode 600) in $XDG_CONFIG_HOME/prism-storage/server-token. GET /healthz answers {"ok":true} without it.\n--read-only answers every change with 403.\n${examples(['prism-storage serve', 'curl -s -H "Authorization: Bearer $(cat ~/.config/prism-storage/server-token)" http://127.0.0.1:8477/api/v1/storage', 'ssh -L 8477:127.0.0.1:8477 headnode   # reach it from your laptop'])}`,
    )
    .action(async (o: { port: number; host: string }) => (await import('./serve.js')).serveCommand(ctx, { ...o, refresh: global().refresh }));

  program
    .command('completion')
    .argument('<shell>', SHELLS.join(' or '))
    .description('shell completion script: commands, options and their values')
    .addHelpText('after', examples(['prism-storage completion bash > ~/.local/share/bash-completion/completions/prism-storage', 'prism-storage completion zsh > "${fpath[1]}/_prism-storage"', 'source <(prism-storage completion bash)']))
    .action(async (shell: string) => {
      const [{ runLocal, usageError }, { completionScript }] = await Promise.all([import('./runner.js'), import('./completion.js')]);
      await addSettingOptions(create);
      await runLocal(ctx, 'table', () => {
        if (!(SHELLS as readonly string[]).includes(shell)) throw usageError(`unknown shell "${shell}"`, `use one of: ${SHELLS.join(', ')}`, 'InvalidShell');
        io.stdout.write(completionScript(program, shell as Shell));
        return EXIT.OK;
      });
    });
}


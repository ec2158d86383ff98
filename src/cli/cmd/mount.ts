// `mount <store> [<instance>]`: prints the mount script (install, mount,
// persist, unmount) for the store, or with an instance runs it there through
// SSM Run Command (a change: refused under --read-only). --print always only
// prints, tailored to the instance's zone and OS when one is named.
import { sanitize } from '../../services/sanitize.js';
import { EXIT } from '../io.js';
import type { OutputFormat } from '../output.js';
import { inventoryOnce, resolveStore } from '../ops/inventory.js';
import { instanceFacts, mountScript, runOnInstance, type MountChoices } from '../ops/mount.js';
import { docText } from '../render.js';
import { readOnlyError, run, usageError, type CommandContext } from '../runner.js';
import { auditFor } from './mutate.js';

export interface MountCliOptions {
  method?: string;
  os?: string;
  mountPoint?: string;
  ro?: boolean;
  windows?: boolean;
  prefix?: string;
  cacheDir?: string;
  allowDelete?: boolean;
  allowOverwrite?: boolean;
  passwdFile?: boolean;
  nfsVersion?: string;
  volume?: string;
  svm?: string;
  accessPoint?: string;
  iam?: boolean;
  share?: string;
  smbVersion?: string;
  fsType?: string;
  device?: string;
  print?: boolean;
  timeout?: number;
  /** 'script' (the script text, default), json or yaml (the MountScript document). */
  output: OutputFormat | 'script';
}

export function choicesOf(o: MountCliOptions): MountChoices {
  return {
    os: o.os,
    method: o.method,
    mountPoint: o.mountPoint,
    readOnly: o.ro,
    client: o.windows ? 'windows' : undefined,
    prefix: o.prefix,
    cacheDir: o.cacheDir,
    allowDelete: o.allowDelete,
    allowOverwrite: o.allowOverwrite,
    s3fsAuth: o.passwdFile ? 'passwd-file' : undefined,
    nfsVersion: o.nfsVersion,
    volumeId: o.volume,
    svmId: o.svm,
    accessPointId: o.accessPoint,
    iam: o.iam,
    share: o.share,
    smbVersion: o.smbVersion,
    fsType: o.fsType,
    device: o.device,
  };
}

export async function mountCommand(ctx: CommandContext, ref: string, instanceId: string | undefined, o: MountCliOptions): Promise<void> {
  const fmt = o.output;
  const io = ctx.io;
  await run(ctx, fmt, async (backend) => {
    if (fmt === 'csv' || fmt === 'table') throw usageError(`--output ${fmt} does not apply to mount`, 'use --output script (the default), json or yaml', 'InvalidOutput');
    const execute = instanceId !== undefined && !o.print;
    if (execute && backend.readOnly) throw readOnlyError('running a mount script on an instance');
    const store = resolveStore(await inventoryOnce(backend), ref);
    const choices = choicesOf(o);
    if (instanceId) {
      const facts = await instanceFacts(backend.pool, store.type === 's3' ? backend.region : store.region, instanceId);
      choices.instanceAz = facts.availabilityZone;
      if (choices.os === undefined) {
        if (facts.os) choices.os = facts.os;
        else io.stderr.write(`prism-storage: the OS of ${instanceId} is unknown${facts.platform ? ` (${sanitize(facts.platform)})` : ''}: writing for Amazon Linux 2023; --os to choose\n`);
      }
      if (execute && !facts.managed) {
        throw usageError(`${instanceId} is not reachable through Systems Manager`, `start the SSM agent and give the instance a role with AmazonSSMManagedInstanceCore, or print the script (--print) and run it there yourself`, 'NotManaged');
      }
    }
    const script = mountScript(store, choices);
    for (const w of script.warnings) io.stderr.write(`prism-storage: warning: ${sanitize(w)}\n`);
    if (!execute) {
      io.stdout.write(fmt === 'json' || fmt === 'yaml' ? docText(fmt, { store: { id: store.id, name: store.name, type: store.type, region: store.region }, ...script }) : script.script);
      return EXIT.OK;
    }
    const region = store.type === 's3' ? backend.region : store.region;
    io.stderr.write(`prism-storage: running the ${script.method} mount script on ${instanceId} through SSM Run Command\n`);
    const r = await runOnInstance(backend.pool, region, script, instanceId as string, {
      audit: auditFor(backend, io.env),
      timeoutMs: (o.timeout ?? 15) * 60_000,
      sleep: io.sleep,
      onStatus: (s) => io.stderr.write(`prism-storage: ${instanceId}: ${s}\n`),
    });
    if (fmt === 'json' || fmt === 'yaml') io.stdout.write(docText(fmt, { store: { id: store.id, name: store.name, type: store.type, region: store.region }, instanceId, method: script.method, run: r }));
    else {
      io.stdout.write(r.stdout);
      if (r.stderr) io.stderr.write(r.stderr.endsWith('\n') ? r.stderr : `${r.stderr}\n`);
    }
    if (r.status !== 'Success') {
      io.stderr.write(`prism-storage: the mount script ${r.status.toLowerCase()} on ${instanceId}${r.exitCode !== undefined && r.exitCode >= 0 ? ` (exit ${r.exitCode})` : ''}${r.statusDetails ? `: ${r.statusDetails}` : ''}\n`);
      return EXIT.FAILURE;
    }
    return EXIT.OK;
  });
}

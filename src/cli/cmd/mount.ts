// `mount <store> [<instance>]`: prints the mount script (install, mount,
// persist, unmount) for the store, or with an instance mounts it there through
// the dashboard's flow (mountOnInstance: check the instance, attach an EBS
// volume and wait, run the script through SSM Run Command), one stderr line
// per step; a change, refused under --read-only. --print only prints, tailored
// to the instance's zone and OS when one is named (reads only).
import { mountOnInstance, storeLabel, type MountRunResult } from '../../services/mount-instance.js';
import { sanitize } from '../../services/sanitize.js';
import { EXIT } from '../io.js';
import { errorLine, type OutputFormat } from '../output.js';
import { inventoryOnce, resolveStore } from '../ops/inventory.js';
import { instanceNotes, mountEventLine, mountOptionsFor, mountRunDoc, mountRunError, mountScript, scriptOnInstance, type MountChoices } from '../ops/mount.js';
import { docText } from '../render.js';
import { readOnlyError, run, usageError, type CommandContext } from '../runner.js';
import { auditFor } from './mutate.js';

/** Poll interval against the simulated region (its commands end within seconds), as on the mount screen. */
const SIM_INTERVAL_MS = 500;

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
  const say = (line: string) => io.stderr.write(`prism-storage: ${sanitize(line)}\n`);
  await run(ctx, fmt, async (backend) => {
    if (fmt === 'csv' || fmt === 'table') throw usageError(`--output ${fmt} does not apply to mount`, 'use --output script (the default), json or yaml', 'InvalidOutput');
    const execute = instanceId !== undefined && !o.print;
    if (execute && backend.readOnly) throw readOnlyError('running a mount script on an instance');
    const store = resolveStore(await inventoryOnce(backend), ref);
    const choices = choicesOf(o);
    // Bad choices are refused (exit 2) before anything is read about the instance or run there.
    const plain = mountScript(store, choices);
    const storeRef = { id: store.id, name: store.name, type: store.type, region: store.region };

    if (!execute) {
      let script = plain;
      if (instanceId !== undefined) {
        const t = await scriptOnInstance(backend.pool, store, choices, instanceId, { sleep: io.sleep });
        script = t.script;
        for (const n of instanceNotes(store, t.check, choices)) say(`${instanceId}: ${n}`);
      }
      for (const w of script.warnings) say(`warning: ${w}`);
      io.stdout.write(fmt === 'json' || fmt === 'yaml' ? docText(fmt, { store: storeRef, ...script }) : script.script);
      return EXIT.OK;
    }

    // The dashboard's flow: check the instance, attach an EBS volume and wait, run through SSM.
    const id = instanceId as string;
    say(`mounting ${storeLabel(store)} on ${id} (check, ${store.type === 'ebs' ? 'attach, ' : ''}run through SSM Run Command)`);
    const controller = new AbortController();
    const off = io.onInterrupt(() => controller.abort());
    let r: MountRunResult;
    try {
      r = await mountOnInstance(backend.pool, store, id, mountOptionsFor(store, choices), {
        audit: auditFor(backend, io.env),
        readOnly: backend.readOnly,
        signal: controller.signal,
        sleep: io.sleep,
        now: io.now,
        intervalMs: backend.mode === 'sim' ? SIM_INTERVAL_MS : undefined,
        commandTimeoutMs: o.timeout !== undefined ? o.timeout * 60_000 : undefined,
        osFromInstance: choices.os === undefined,
        onEvent: (e) => {
          // A failed step is named by the final line instead (one line, with what to do).
          if (e.type === 'step' && e.state === 'failed') return;
          const line = mountEventLine(e, id);
          if (line) say(line);
        },
      });
    } finally {
      off();
    }

    // Notes about the instance, once it ran there (not-managed / refused say everything in their one line).
    if (r.check && r.commandId) for (const n of instanceNotes(store, r.check, choices)) say(`${id}: ${n}`);
    if (r.commandId) for (const w of r.script?.warnings ?? []) say(`warning: ${w}`);
    if (fmt === 'json' || fmt === 'yaml') io.stdout.write(docText(fmt, mountRunDoc(store, r)));
    else {
      io.stdout.write(r.stdout);
      if (r.stderr) io.stderr.write(r.stderr.endsWith('\n') ? r.stderr : `${r.stderr}\n`);
    }
    if (r.ok) {
      say(r.message);
      return EXIT.OK;
    }
    const e = mountRunError(store, r);
    io.stderr.write(errorLine({ message: e.message, hint: r.status === 'not-managed' ? `${e.hint} (\`--print\` writes the script.)` : e.hint, service: e.service }));
    return EXIT.FAILURE;
  });
}

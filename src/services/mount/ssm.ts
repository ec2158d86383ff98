// Input for ssm:SendCommand with the AWS-RunShellScript document: runs a generated bash
// mount script on an instance. The agent writes `commands` (joined by newlines) to a file and
// runs it with /bin/sh, which may be dash: the commands are a small POSIX sh wrapper that
// writes the script to a private temp file and runs it with bash.
import { sanitize } from '../sanitize.js';
import { validationError } from '../types.js';
import type { MountScript } from './types.js';

/** SendCommand Comment: "Length Constraints: Maximum length of 100" (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_SendCommand.html). */
export const SSM_COMMENT_MAX = 100;
/**
 * SendCommand TimeoutSeconds is the delivery timeout: "If this time is reached and the command
 * hasn't already started running, it won't run" (same page). The script's own run time is
 * bounded by the document's executionTimeout parameter (3600 s by default).
 */
export const SSM_DELIVERY_TIMEOUT_SECONDS = 600;

const INSTANCE_ID = /^(i|mi)-[0-9a-f]{8,17}$/;

export interface RunShellScriptInput {
  DocumentName: 'AWS-RunShellScript';
  InstanceIds: string[];
  Parameters: { commands: string[] };
  Comment: string;
  TimeoutSeconds: number;
}

/** A here-document delimiter no line of the script equals (so the script cannot end it early). */
function delimiterFor(lines: readonly string[]): string {
  const taken = new Set(lines);
  let d = 'PRISM_MOUNT_SCRIPT_END';
  for (let i = 1; taken.has(d); i++) d = `PRISM_MOUNT_SCRIPT_END_${i}`;
  return d;
}

export function ssmRunShellScriptInput(script: MountScript, instanceId: string): RunShellScriptInput {
  if (!INSTANCE_ID.test(instanceId)) {
    throw validationError(`"${instanceId}" is not an EC2 instance or managed node id`, 'Use an id such as i-0123456789abcdef0 (or mi-... for a hybrid managed node).', instanceId);
  }
  if (script.language !== 'bash') {
    throw validationError('AWS-RunShellScript runs bash scripts only', 'Run PowerShell scripts on Windows instances with AWS-RunPowerShellScript, or generate the Linux (bash) script.', instanceId);
  }
  const text = script.script.endsWith('\n') ? script.script : `${script.script}\n`;
  const lines = text.slice(0, -1).split('\n');
  const head = ['umask 077', 'prism_script="$(mktemp /tmp/prism-mount.XXXXXX)" || exit 1'];
  let body: string[];
  if (text.includes('{{')) {
    // Systems Manager substitutes {{ssm:...}} / {{ parameter }} in command text: a script holding
    // "{{" travels base64-encoded so no part of it can be read as a parameter reference.
    body = [`printf '%s' '${Buffer.from(text, 'utf8').toString('base64')}' | base64 -d > "$prism_script"`];
  } else {
    const end = delimiterFor(lines);
    body = [`cat > "$prism_script" <<'${end}'`, ...lines, end];
  }
  const tail = ['bash "$prism_script" all', 'prism_rc=$?', 'rm -f "$prism_script"', 'exit "$prism_rc"'];
  const comment = sanitize(`prism-storage: mount ${script.kind} (${script.method})`).slice(0, SSM_COMMENT_MAX);
  return {
    DocumentName: 'AWS-RunShellScript',
    InstanceIds: [instanceId],
    Parameters: { commands: [...head, ...body, ...tail] },
    Comment: comment,
    TimeoutSeconds: SSM_DELIVERY_TIMEOUT_SECONDS,
  };
}

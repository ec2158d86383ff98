// The audit log the dashboard's mutations write: one per session, in the
// user's state directory ($XDG_STATE_HOME/prism-storage/audit.log), with the
// session's profile ('sim' in the simulated region). Shared by the create
// wizard and the delete dialog.
import { AuditLog } from '../../services/audit.js';
import type { Session } from '../../services/session.js';

const logs = new WeakMap<Session, AuditLog>();

export function auditFor(session: Session, env: NodeJS.ProcessEnv = process.env): AuditLog {
  const profile = session.backend.mode === 'sim' ? 'sim' : (session.backend.profile ?? 'default');
  const path = AuditLog.defaultPath(env);
  const known = logs.get(session);
  // A profile switch (or a changed state directory) gets a log that records the new profile.
  if (known && known.profile === profile && known.path === path) return known;
  const log = new AuditLog(path, { profile });
  logs.set(session, log);
  return log;
}

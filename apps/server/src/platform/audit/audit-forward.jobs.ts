import { scheduleRecurringJob, type JobDefinition } from '../jobs/index.js';
import type { Executor } from '../db/transaction.js';
import { forwardAuditEntries } from './audit-forward.js';

export const AUDIT_FORWARD_JOB = 'audit.forward';
const EVERY_MS = 60 * 1000;

/** Queues the forwarding of new audit entries, every minute, unless a run is pending or running on any node. */
export function scheduleAuditForward(db: Executor): Promise<number | null> {
  return scheduleRecurringJob(db, { kind: AUDIT_FORWARD_JOB, orRunning: true });
}

export const auditForwardJob: JobDefinition = {
  handler: async (_job, { ctx }) => {
    const file = ctx.config.auditForwardFile;
    if (!file) return { forwarded: 0 };
    await scheduleRecurringJob(ctx.database.db, { kind: AUDIT_FORWARD_JOB, runAt: new Date(Date.now() + EVERY_MS) });
    return { forwarded: await forwardAuditEntries(ctx.database.pool, file) };
  },
};

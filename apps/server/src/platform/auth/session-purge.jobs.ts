import { scheduleRecurringJob, type JobDefinition } from '../jobs/index.js';
import type { Executor } from '../db/transaction.js';
import { purgeExpiredSessions } from './session-store.js';
import { sessionPolicy } from './auth-plugin.js';
import { purgeStaleSignInThrottles } from './sign-in-throttle.js';

export const SESSION_PURGE_JOB = 'auth.purge-sessions';
const EVERY_MS = 60 * 60 * 1000;

/** Queues the hourly purge of expired sessions unless a run is already pending or running (on any node). */
export function scheduleSessionPurge(db: Executor): Promise<number | null> {
  return scheduleRecurringJob(db, { kind: SESSION_PURGE_JOB, orRunning: true });
}

// Expired sessions are refused when used, but their rows would otherwise stay until a restart; the same goes for
// sign-in counts whose window and lock-out passed long ago.
export const sessionPurgeJob: JobDefinition = {
  handler: async (_job, { ctx }) => {
    // The next run is queued first, so a run that fails for good does not end the hourly chain.
    await scheduleRecurringJob(ctx.database.db, { kind: SESSION_PURGE_JOB, runAt: new Date(Date.now() + EVERY_MS) });
    const purged = await purgeExpiredSessions(ctx.database.db, sessionPolicy(ctx));
    const throttles = await purgeStaleSignInThrottles(ctx.database.db, ctx.config.loginRateLimit.windowMinutes);
    return { purged, throttles };
  },
};

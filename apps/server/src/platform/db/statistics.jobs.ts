import { scheduleRecurringJob, type JobDefinition } from '../jobs/index.js';
import type { Executor } from './transaction.js';
import { refreshStatistics } from './statistics.js';

export const STATISTICS_JOB = 'db.refresh-statistics';
// Often enough that a day's new cases never wait long for statistics; the check itself reads one catalog view.
const EVERY_MS = 10 * 60 * 1000;

/** Queues the statistics refresh unless a run is already pending or running (on any node). */
export function scheduleStatisticsRefresh(db: Executor): Promise<number | null> {
  return scheduleRecurringJob(db, { kind: STATISTICS_JOB, orRunning: true });
}

// PGlite has no autovacuum: this job is the only thing that keeps its planner statistics in step with the data.
export const statisticsJob: JobDefinition = {
  handler: async (_job, { ctx, log, signal }) => {
    const analysed = await refreshStatistics(ctx.database.db, { signal });
    if (analysed.length > 0)
      log.info(
        { job: STATISTICS_JOB, tables: analysed.map((a) => a.table) },
        `planner statistics refreshed for ${analysed.length} tables`,
      );
    await scheduleRecurringJob(ctx.database.db, { kind: STATISTICS_JOB, runAt: new Date(Date.now() + EVERY_MS) });
    return { analysed };
  },
};

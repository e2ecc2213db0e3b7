import { scheduleRecurringJob, type JobDefinition } from '../jobs/index.js';
import type { Executor } from '../db/transaction.js';
import { fileStoreOf } from './file-references.js';
import { sweepOrphanFiles } from './file-sweep.js';

export const FILE_SWEEP_JOB = 'files.sweep-orphans';
const EVERY_MS = 6 * 60 * 60 * 1000;

/** Queues the sweep of orphan stored files unless a run is already pending or running (on any node). */
export function scheduleFileSweep(db: Executor): Promise<number | null> {
  return scheduleRecurringJob(db, { kind: FILE_SWEEP_JOB, orRunning: true });
}

// An upload is stored before the transaction that records it; when that fails, the file stays with no row.
export const fileSweepJob: JobDefinition = {
  handler: async (_job, { ctx, log, signal }) => {
    const graceMs = ctx.config.orphanFileGraceHours * 60 * 60 * 1000;
    const result = await sweepOrphanFiles(ctx.database.db, { store: fileStoreOf(ctx), graceMs, signal });
    log.info(
      { job: FILE_SWEEP_JOB, ...result },
      `orphan file sweep removed ${result.removedFiles} files (${result.removedBytes} bytes)`,
    );
    await scheduleRecurringJob(ctx.database.db, { kind: FILE_SWEEP_JOB, runAt: new Date(Date.now() + EVERY_MS) });
    return result;
  },
};

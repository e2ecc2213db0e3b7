import { PermanentJobError, registerJobHandler } from '../../platform/jobs/index.js';
import { CLOCK_RECOMPUTE_JOB, type ClockRecomputePayload } from '../calendar/index.js';
import { recomputeClocks } from './use-cases/recompute-clocks.js';

// A closure day added or removed: the clocks it can touch are derived again from the event log.
registerJobHandler(CLOCK_RECOMPUTE_JOB, {
  handler: async (job, { ctx, signal }) => {
    const { fromDay } = job.payload as Partial<ClockRecomputePayload>;
    if (typeof fromDay !== 'string') throw new PermanentJobError(`${CLOCK_RECOMPUTE_JOB} needs a fromDay`);
    return recomputeClocks(ctx.database.db, { fromDay, signal });
  },
});

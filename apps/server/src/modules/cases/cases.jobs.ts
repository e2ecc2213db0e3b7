import { PermanentJobError, type JobDefinition } from '../../platform/jobs/index.js';
import { CLOCK_RECOMPUTE_JOB, type ClockRecomputePayload } from '../calendar/index.js';
import { recomputeClocks } from './use-cases/recompute-clocks.js';
import { CALIBRATION_JOB, refreshStaleCalibrations } from './use-cases/get-forecast-calibration.js';

/** The cases module's job handlers, by kind. */
export const casesJobs: Record<string, JobDefinition> = {
  // A closure day added or removed: the clocks it can touch are derived again from the event log.
  [CLOCK_RECOMPUTE_JOB]: {
    handler: async (job, { ctx, signal }) => {
      const { fromDay } = job.payload as Partial<ClockRecomputePayload>;
      if (typeof fromDay !== 'string') throw new PermanentJobError(`${CLOCK_RECOMPUTE_JOB} needs a fromDay`);
      return recomputeClocks(ctx.database.db, { fromDay, signal });
    },
  },
  // A page found yesterday's calibration: the new day's is computed here, off the request path.
  [CALIBRATION_JOB]: {
    handler: async (_job, { ctx, signal }) => ({
      refreshed: await refreshStaleCalibrations(ctx.database.db, new Date(), signal),
    }),
  },
};

/** Background jobs: queue work in the same transaction as the change, handle it by kind, retry with backoff. */
export { enqueueJob, scheduleRecurringJob, type NewJob, type ClaimedJob } from './job-queue.js';
export {
  PermanentJobError,
  LeaseLostError,
  JobRunner,
  type JobHandler,
  type JobContext,
  type JobDefinition,
} from './job-runner.js';

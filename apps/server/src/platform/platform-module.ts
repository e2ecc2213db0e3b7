import type { ModuleDescriptor } from './context.js';
import { SESSION_PURGE_JOB, sessionPurgeJob } from './auth/session-purge.jobs.js';
import { FILE_SWEEP_JOB, fileSweepJob } from './files/file-sweep.jobs.js';
import { STATISTICS_JOB, statisticsJob } from './db/statistics.jobs.js';
import { AUDIT_FORWARD_JOB, auditForwardJob } from './audit/audit-forward.jobs.js';

/**
 * The building's own background work: purging expired sessions, sweeping stored files nothing names, and keeping
 * the planner's statistics fresh, and forwarding audit entries when asked to.
 */
export const platformModule: ModuleDescriptor = {
  name: 'platform',
  jobs: {
    [SESSION_PURGE_JOB]: sessionPurgeJob,
    [FILE_SWEEP_JOB]: fileSweepJob,
    [STATISTICS_JOB]: statisticsJob,
    [AUDIT_FORWARD_JOB]: auditForwardJob,
  },
};

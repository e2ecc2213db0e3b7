import type { JobDefinition } from '../../platform/context.js';
import { COMMITTEE_REPORT_JOB, makeCommitteeReport } from './committee-report.js';

export const goalsJobs: Readonly<Record<string, JobDefinition>> = {
  [COMMITTEE_REPORT_JOB]: { handler: makeCommitteeReport, backoffSeconds: (attempt) => 5 * attempt },
};

import type { ModuleDescriptor } from '../../platform/context.js';
import { goalsJobs } from './goals.jobs.js';
import { goalsRoutes } from './goals.routes.js';
import { HAND_ENTERED_INDICATORS } from './indicator-catalogue.js';

/**
 * Goals and key figures: the catalogue of the indicators every module registers, targets per unit and period,
 * result contracts, dashboards with drill-down to the case, and the committee reports (PDF and Excel).
 */
export const goalsModule: ModuleDescriptor = {
  name: 'goals',
  routes: goalsRoutes,
  jobs: goalsJobs,
  // The figures the authority keeps itself and enters by hand (economy, staff).
  indicators: HAND_ENTERED_INDICATORS,
};

export { getDashboard, getBreakdown, getIndicatorCases, setGoal, enterManualValue } from './goals.service.js';
export {
  requestReport,
  getReport,
  checkReport,
  makeCommitteeReport,
  COMMITTEE_REPORT_JOB,
} from './committee-report.js';
export { formatFigure } from './report-files.js';
export { importGoals, type ImportedGoals } from './import-goals.js';

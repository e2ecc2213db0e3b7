// Public face of the complaints module: complaints and appeals, the citizens' advisor's findings, their figures.
import type { ModuleDescriptor } from '../../platform/context.js';
import { complaintRoutes } from './complaints.routes.js';
import { complaintIndicators } from './indicators.js';

/** Complaints about procedure and decisions: received, reconsidered, forwarded, decided on appeal, answered. */
export const complaintsModule: ModuleDescriptor = {
  name: 'complaints',
  routes: complaintRoutes,
  indicators: complaintIndicators,
};

export { fileComplaint, registerComplaint } from './use-cases/receive-complaint.js';
export {
  answerComplaint,
  assignComplaint,
  reclassifyComplaint,
  reconsiderComplaint,
  registerAppealOutcome,
  type ComplaintContext,
} from './use-cases/handle-complaint.js';
export { getComplaint, listComplaints } from './use-cases/list-complaints.js';
export { getComplaintFigures } from './use-cases/get-complaint-figures.js';
export { createFinding, listFindings, setActionDone, setFindingStatus } from './use-cases/advisor-findings.js';
export { ownComplaintsOfCase, complaintsSection } from './complaints-portal.js';
export {
  importComplaintHistory,
  importFindings,
  type ImportedComplaint,
  type ImportedFinding,
} from './use-cases/import-complaint-history.js';

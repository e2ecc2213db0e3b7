// Public face of the cases module: the lifecycle use cases, the views, and the event-log activities it writes.
import { localDateOf } from '@sagsgang/clock';
import type { ModuleDescriptor } from '../../platform/context.js';
import { casesJobs } from './cases.jobs.js';
import { caseRoutes } from './cases.routes.js';
import { CASE_INDICATORS } from './indicators.js';
import { warmForecasts } from './forecast-history.js';

/** Case files and their event log: the lifecycle commands, the work queue, the clocks, the service-goal figures. */
export const casesModule: ModuleDescriptor = {
  name: 'cases',
  routes: caseRoutes,
  jobs: casesJobs,
  // A case document's content is a stored file: the orphan sweep must see these rows.
  fileReferences: ['case_document'],
  // Service-goal compliance, processing times, fully informed on receipt, cases slipping now.
  indicators: CASE_INDICATORS,
  // The expected decision on the first case page after a start comes from memory, not from a year of history.
  warmUp: async (ctx) => void (await warmForecasts(ctx.database.db, localDateOf(new Date()))),
};

export type { Actor, CaseContext, CommandResult } from './case-command.js';
export { openCase } from './use-cases/open-case.js';
export { screenCase } from './use-cases/screen-case.js';
export { requestInformation, receiveInformation } from './use-cases/request-information.js';
export { startHearing, recordHearingReply } from './use-cases/hearing.js';
export { recordNote } from './use-cases/record-note.js';
export {
  addDocument,
  type AddDocumentInput,
  type AddDocumentResult,
  type DocumentContent,
} from './use-cases/add-document.js';
export { attachDocument, type UploadedFile } from './use-cases/attach-document.js';
export { addApplicationDocuments, type ApplicationDocument } from './use-cases/add-application-documents.js';
export {
  openCaseDocument,
  openApplicantDocument,
  applicantDocuments,
  type ApplicantDocument,
  type DocumentDownload,
} from './use-cases/open-document.js';
export { changePhase } from './use-cases/change-phase.js';
export { extendDeadline } from './use-cases/extend-deadline.js';
export { decideCase, closeCase } from './use-cases/decide-case.js';
export { reassignCase, bulkReassign } from './use-cases/reassign-case.js';
export { getCaseDetail, getApplicantCase } from './use-cases/get-case.js';
export { breakGlass, grantCaseAccess, type CaseAccessGrantInput } from './use-cases/grant-case-access.js';
export { listApplicantCases, listOwnCases, type OwnCaseItem } from './use-cases/list-own-cases.js';
export {
  getApplicantCaseFile,
  isOwnCaseReference,
  type ApplicantCaseFile,
  type ApplicantCaseFacts,
} from './use-cases/get-applicant-case-file.js';
export {
  getApplicantCaseView,
  type ApplicantCaseView,
  type ApplicantDecision,
  type ApplicantEvent,
} from './use-cases/get-applicant-case-view.js';
export {
  currentlyMissing,
  openRequest,
  answerCovers,
  type MissingItem,
  type OpenRequest,
} from './applicant-requests.js';
export { APPLICANT_EVENTS } from './applicant-visibility.js';
export { getDecidedHistory, type DecidedCase } from './use-cases/get-decided-history.js';
export { expectedDecision, expectedDecisions } from './use-cases/get-expected-decision.js';
export { forecastFromExperience, type ExpectedDecision, type ExpectedDecisionInput } from './expected-decision.js';
export { getScreeningEvents, type ScreeningEventRow } from './use-cases/get-screening-events.js';
export { readEventLog, type EventLogQuery, type LoggedCase } from './use-cases/read-event-log.js';
export { recordAutomaticScreening, type AutomaticScreeningInput } from './use-cases/record-automatic-screening.js';
export { caseEventListeners, type CaseEventNotice, type CaseEventListener } from './case-event-listeners.js';
export type { EventRow } from './cases.repository.js';
export { getWorkQueue } from './use-cases/get-work-queue.js';
export { deriveClockRow, toClockEvents } from './case-clock.js';
export { recomputeClocks } from './use-cases/recompute-clocks.js';
export { getServiceGoalFigures } from './use-cases/get-service-goal-figures.js';
export {
  importCaseHistory,
  countCases,
  advanceCaseReferences,
  type ImportedCase,
  type ImportedCaseEvent,
} from './use-cases/import-case-history.js';
export { listAssignees } from './use-cases/list-assignees.js';
export {
  computeForecastCalibration,
  getCaseTypeCalibration,
  getForecastCalibration,
  type ForecastCalibration,
} from './use-cases/get-forecast-calibration.js';
export { reopenCase, type ReopenCaseInput } from './use-cases/reopen-case.js';
export {
  getComplaintCaseFacts,
  recordCaseEvent,
  importCaseRecords,
  handlesCasesOf,
  caseLogTails,
  decidedCasesForComplaints,
  type DecidedCaseForComplaint,
  type ComplaintCaseFacts,
  type ImportedCaseRecord,
} from './use-cases/complaint-facts.js';
export { lookUpCaseStatus, caseIdOfReference, type CaseStatusLookup } from './use-cases/get-case-status.js';
export { readCasePopulation, type CasePopulationQuery, type PopulationCase } from './use-cases/read-case-population.js';
export {
  streamEventLog,
  eventLogActivities,
  type ExportedCase,
  type EventExportFilter,
} from './use-cases/stream-event-log.js';

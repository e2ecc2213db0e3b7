// Public face of the cases module: the lifecycle use cases, the views, and the event-log activities it writes.
export type { Actor, CaseContext, CommandResult } from './case-command.js';
export { openCase } from './use-cases/open-case.js';
export { screenCase } from './use-cases/screen-case.js';
export { requestInformation, receiveInformation } from './use-cases/request-information.js';
export { startHearing, recordHearingReply } from './use-cases/hearing.js';
export { recordNote, addDocument } from './use-cases/record-note.js';
export { changePhase } from './use-cases/change-phase.js';
export { extendDeadline } from './use-cases/extend-deadline.js';
export { decideCase, closeCase } from './use-cases/decide-case.js';
export { reassignCase, bulkReassign } from './use-cases/reassign-case.js';
export { getCaseDetail, getApplicantCase, listApplicantCases } from './use-cases/get-case.js';
export { getApplicantCaseFile, type ApplicantCaseFile } from './use-cases/get-applicant-case-file.js';
export { recordAutomaticScreening, type AutomaticScreeningInput } from './use-cases/record-automatic-screening.js';
export { onCaseEvent, type CaseEventNotice, type CaseEventListener } from './case-event-listeners.js';
export type { CaseRow, EventRow } from './cases.repository.js';
export { getWorkQueue } from './use-cases/get-work-queue.js';
export { deriveClockRow, toClockEvents, authorityCalendar } from './case-clock.js';

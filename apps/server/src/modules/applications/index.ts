// Public face of the applications module: the guided application (drafts, uploads, submission) and screening.
import type { ModuleDescriptor } from '../../platform/context.js';
import { applicationsRoutes } from './applications.routes.js';

/** The guided application and its screening: the figures route here, the forms in the portal. */
export const applicationsModule: ModuleDescriptor = {
  name: 'applications',
  routes: applicationsRoutes,
  // An applicant's upload is a stored file: the orphan sweep must see these rows, a draft's removed ones included.
  fileReferences: ['applicant_document'],
};

export {
  buildForm,
  fileSpec,
  screeningRequirements,
  appliesKey,
  requirementCodeOf,
  DEFAULT_MAX_BYTES,
  type ApplicationForm,
  type FormStep,
} from './application-form.js';
export { validateStep } from './step-validation.js';
export { screenApplication, checkFile } from './screening/screening-rules.js';
export type { Finding, ScreeningResult } from './screening/screening-types.js';
export { startApplication, openForApplications } from './use-cases/start-application.js';
export {
  loadOwnApplication,
  ownApplicationDocuments,
  type OwnApplication,
  type ApplicationView,
  type ApplicationDocument,
} from './use-cases/load-own-application.js';
export { listOwnDrafts, getApplicantProfile, type OwnDraft } from './use-cases/list-own-drafts.js';
export { saveAnswers } from './use-cases/save-answers.js';
export {
  recordDraftUpload,
  removeDraftDocument,
  documentRequirement,
  judgeUpload,
} from './use-cases/upload-document.js';
export { submitApplication, type SubmitResult } from './use-cases/submit-application.js';
export { describeEvent, renderJournal } from './case-journal.js';
export {
  sendInformation,
  answerRequirement,
  type SentFile,
  type SendInformationResult,
} from './use-cases/send-information.js';
export { exportCaseFile } from './use-cases/access-to-file.js';
export { screeningFigures, type ScreeningFigure } from './screening-figures.js';

// Public face of the surveys module: satisfaction surveys after a contact and after a decision, annual surveys of
// users and staff, and their results with the uncertainty of each figure.
import type { ModuleDescriptor } from '../../platform/context.js';
import { inviteAfterDecision } from './survey-invitations.service.js';
import { surveyPageRoutes } from './survey-pages.routes.js';
import { shareSatisfiedIndicator } from './survey-results.service.js';
import { surveysJobs } from './surveys.jobs.js';
import { surveyApiRoutes } from './surveys.routes.js';

/** Definitions, invitations with one-time links, the answer pages, results, comments and follow-up tasks. */
export const surveysModule: ModuleDescriptor = {
  name: 'surveys',
  routes: (ctx) => async (app) => {
    await app.register(surveyApiRoutes(ctx));
    await app.register(surveyPageRoutes(ctx));
  },
  jobs: surveysJobs,
  caseEventListeners: [inviteAfterDecision],
  indicators: [shareSatisfiedIndicator],
};

export {
  inviteAfterContact,
  inviteAfterDecision,
  inviteToAnnualSurvey,
  launchAnnualSurvey,
  sendInvitation,
  SURVEY_INVITE_JOB,
  type ContactForSurvey,
  type InviteOutcome,
} from './survey-invitations.service.js';
export {
  publishSurvey,
  publishSurveyTemplates,
  listSurveys,
  type PublishedSurvey,
} from './survey-definitions.service.js';
export { SURVEY_TEMPLATES } from './survey-templates.js';
export { importSurveyHistory, type SurveyHistory } from './import-survey-history.js';
export { wilsonInterval, meanWithInterval } from './survey-statistics.js';

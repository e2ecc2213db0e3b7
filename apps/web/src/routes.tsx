import type { AppRoute } from './router/app-route.js';
import { StartPage } from './start/start-page.js';
import { UnitsPage } from './pages/units-page.js';
import { WORKFLOW_ROUTES } from './features/workflows/workflow-routes.js';
import { NAVIGATOR_ROUTES } from './features/navigator/navigator-routes.js';
import { CASE_ROUTES } from './features/cases/case-routes.js';
import { CASE_TYPE_ROUTES } from './features/case-types/case-type-routes.js';
import { ADMIN_ROUTES } from './features/admin/admin-routes.js';
import { COMPLAINT_ROUTES } from './features/complaints/complaint-routes.js';
import { CONTACTS_ROUTES } from './features/contacts/contacts-routes.js';
import { SURVEY_ROUTES } from './features/surveys/survey-routes.js';
import { SUPERVISION_ROUTES } from './features/supervision/supervision-routes.js';
import { GOAL_ROUTES } from './features/goals/goal-routes.js';

/**
 * Every page of the back office. A capability adds its page here (lazily, with React.lazy, when it is heavy) and
 * the start pages link to it from then on; until then they list it as being built.
 */
export const ROUTES: AppRoute[] = [
  { path: '/app/', component: StartPage },
  { path: '/app/admin/units', component: UnitsPage },
  ...WORKFLOW_ROUTES,
  ...NAVIGATOR_ROUTES,
  ...CASE_ROUTES,
  ...CASE_TYPE_ROUTES,
  ...ADMIN_ROUTES,
  ...COMPLAINT_ROUTES,
  ...CONTACTS_ROUTES,
  ...SURVEY_ROUTES,
  ...SUPERVISION_ROUTES,
  ...GOAL_ROUTES,
];

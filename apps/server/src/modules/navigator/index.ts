export { navigatorRoutes, NAVIGATOR_ROLES, PEOPLE_ROLES } from './navigator.routes.js';
import './navigator.jobs.js';

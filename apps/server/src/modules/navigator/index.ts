import type { ModuleDescriptor } from '../../platform/context.js';
import { navigatorJobs } from './navigator.jobs.js';
import { navigatorRoutes } from './navigator.routes.js';

/** The process navigator: conformance of the case log against the described workflows, run as background jobs. */
export const navigatorModule: ModuleDescriptor = { name: 'navigator', routes: navigatorRoutes, jobs: navigatorJobs };

export { NAVIGATOR_ROLES, PEOPLE_ROLES } from './navigator.routes.js';

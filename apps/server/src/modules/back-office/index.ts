import type { ModuleDescriptor } from '../../platform/context.js';
import { backOfficeRoutes } from './back-office.routes.js';

/** The React back office under /app/, served from the web app's build. */
export const backOfficeModule: ModuleDescriptor = { name: 'back-office', routes: () => backOfficeRoutes() };

export { DEFAULT_WEB_DIST } from './back-office.routes.js';

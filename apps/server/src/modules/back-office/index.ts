export { backOfficeRoutes, DEFAULT_WEB_DIST } from './back-office.routes.js';

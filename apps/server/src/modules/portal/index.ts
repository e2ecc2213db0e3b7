export { portalRoutes } from './portal.routes.js';
export { DKFDS_CSS, DKFDS_PREFIX } from './portal-assets.js';
export { LOCALE_COOKIE } from './portal-locale.js';
export { applicantPortalRoutes } from './applicant-portal.js';

export { portalRoutes } from './portal.routes.js';
export type { PortalSources, ApplyEntry, MyCaseEntry } from './portal-sources.js';
export { DKFDS_CSS, DKFDS_PREFIX } from './portal-assets.js';
export { LOCALE_COOKIE } from './portal-locale.js';
export { applicantPortalRoutes } from './applicant-portal.js';
export { applicantSources } from './applicant-sources.js';

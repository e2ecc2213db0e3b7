import type { ModuleDescriptor } from '../../platform/context.js';
import { applicantPortalRoutes } from './applicant-portal.js';
import { portalRoutes } from './portal.routes.js';
import { secondFactorPageRoutes } from './second-factor.routes.js';

/** The citizen portal, rendered on the server: the applicant's own pages first, then the public pages and assets. */
export const portalModule: ModuleDescriptor = {
  name: 'portal',
  routes: (ctx) => async (app) => {
    await app.register(applicantPortalRoutes(ctx));
    await app.register(portalRoutes(ctx));
    await app.register(secondFactorPageRoutes(ctx));
  },
};

export { DKFDS_CSS, DKFDS_PREFIX } from './portal-assets.js';
export { LOCALE_COOKIE } from './portal-locale.js';
export { pageContext, type PageContext } from './portal-page.js';
export { sendPage } from './portal-send.js';
export { registerPortalErrorPages } from './portal-errors.js';
// For capabilities that render their own citizen pages in the portal frame (surveys' answer pages).
export { alert, errorSummary, type FieldError } from './portal-components.js';
export { renderLayout } from './portal-layout.js';

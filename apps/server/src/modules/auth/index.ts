import type { ModuleDescriptor } from '../../platform/context.js';
import { authRoutes } from './auth.routes.js';
import { oidcRoutes } from './oidc.routes.js';
import { passwordSetupRoutes } from './password-setup.routes.js';

/** Password and OpenID Connect sign-in, sign-out and the signed-in person's own settings. */
export const authModule: ModuleDescriptor = {
  name: 'auth',
  routes: (ctx) => async (app) => {
    await app.register(authRoutes(ctx));
    await app.register(oidcRoutes(ctx));
    await app.register(passwordSetupRoutes(ctx));
  },
};

export { findSetupTarget, issuePasswordSetupLink, PASSWORD_SETUP_PATH } from './password-setup.service.js';

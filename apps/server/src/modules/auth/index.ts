import type { ModuleDescriptor } from '../../platform/context.js';
import { authRoutes } from './auth.routes.js';
import { oidcRoutes } from './oidc.routes.js';
import { passwordSetupRoutes } from './password-setup.routes.js';
import { secondFactorRoutes } from './second-factor.routes.js';
import { passkeyRoutes } from './passkey.routes.js';

/** Password and OpenID Connect sign-in, sign-out and the signed-in person's own settings. */
export const authModule: ModuleDescriptor = {
  name: 'auth',
  routes: (ctx) => async (app) => {
    await app.register(authRoutes(ctx));
    await app.register(oidcRoutes(ctx));
    await app.register(passwordSetupRoutes(ctx));
    await app.register(secondFactorRoutes(ctx));
    await app.register(passkeyRoutes(ctx));
  },
};

export { findSetupTarget, issuePasswordSetupLink, PASSWORD_SETUP_PATH } from './password-setup.service.js';
export { assertPasswordAcceptable } from './password-policy.js';
export {
  beginTotpEnrolment,
  completeEnrolledSignIn,
  completeSecondFactor,
  confirmTotpEnrolment,
  ENROL_FACTOR_PATH,
  factorStep,
  factorsOf,
  SECOND_FACTOR_PATH,
  type TotpEnrolment,
} from './second-factor.service.js';
export { setSessionCookie } from './auth.routes.js';
export { factorUser } from './second-factor.routes.js';
export { safeReturnTo } from './return-to.js';
export { startSession, endSession } from './auth.service.js';

import type { FastifyPluginAsync } from 'fastify';
import type { ModuleDescriptor } from '../../platform/context.js';
import { samlRoutes } from './saml.routes.js';
import { auditBusinessAccess } from './business-access.js';

/** SAML 2.0 sign-in: NemLog-in (OIOSAML 3) for citizens and businesses, an authority's SAML IdP for staff. */
export const samlModule: ModuleDescriptor = {
  name: 'saml',
  routes: (ctx) => {
    const plugin: FastifyPluginAsync = async (app) => {
      // On the app itself, not only on this module's routes: every page a business's session reads is audited.
      auditBusinessAccess(app, ctx);
      await app.register(samlRoutes(ctx));
    };
    // Fastify's documented opt-out of encapsulation (what fastify-plugin sets): the hook above applies app-wide.
    (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
    return plugin;
  },
};

export { requireAssurance } from './assurance-guard.js';

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { applyRoutes } from './apply.routes.js';

/** The applicant's own pages: the guided application, and (in my-case.routes) one case with its actions. */
export function applicantPortalRoutes(ctx: AppContext) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(applyRoutes(ctx));
  };
}

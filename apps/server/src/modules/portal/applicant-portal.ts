import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { AppContext } from '../../platform/context.js';
import { DEFAULT_MAX_BYTES } from '../applications/index.js';
import { applyRoutes } from './apply.routes.js';
import { myCaseRoutes } from './my-case.routes.js';
import { registerPortalErrorPages } from './portal-errors.js';

/** The applicant's own pages: the guided application, and one case with what can be done on it. */
export function applicantPortalRoutes(ctx: AppContext) {
  return async (app: FastifyInstance): Promise<void> => {
    registerPortalErrorPages(app, ctx);
    // Files stream to the file store; the per-requirement size limit is checked there. This cap only stops a
    // runaway upload (it ends the stream, and the file is then refused as too large).
    await app.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: DEFAULT_MAX_BYTES * 5, files: 20, fields: 100, fieldSize: 64 * 1024, parts: 130 },
    });
    await app.register(applyRoutes(ctx));
    await app.register(myCaseRoutes(ctx));
  };
}

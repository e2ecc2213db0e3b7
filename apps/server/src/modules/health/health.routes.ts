import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { pingDatabase } from '../../platform/db/ping.js';

const ZHealth = z.object({ status: z.enum(['ok', 'unavailable']), database: z.string(), engine: z.string() });

export function healthRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      {
        schema: {
          tags: ['platform'],
          summary: 'Liveness and database check',
          security: [],
          response: { 200: ZHealth, 503: ZHealth },
        },
      },
      async (_request, reply) => {
        try {
          await pingDatabase(ctx.database.db);
          return { status: 'ok' as const, database: 'ok', engine: ctx.database.engine };
        } catch (err) {
          reply.log.error({ err }, 'health check failed');
          return reply
            .status(503)
            .send({ status: 'unavailable' as const, database: 'unreachable', engine: ctx.database.engine });
        }
      },
    );
  };
}

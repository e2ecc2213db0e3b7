import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { readinessProbe } from '../../platform/readiness.js';

const ZLiveness = z.object({ status: z.literal('ok') });
const ZReadiness = z.object({
  status: z.enum(['ok', 'unavailable', 'draining']),
  database: z.enum(['ok', 'unreachable', 'timeout']),
  migrations: z.enum(['ok', 'behind', 'unknown']),
  files: z.enum(['ok', 'missing', 'foreign', 'unchecked']),
  engine: z.string(),
});

export function healthRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const probe = readinessProbe(ctx);
  return async (app) => {
    app.get(
      '/api/health/live',
      {
        schema: {
          tags: ['platform'],
          summary: 'Liveness: the process answers (the database is not asked)',
          response: { 200: ZLiveness },
          security: [],
        },
      },
      async () => ({ status: 'ok' as const }),
    );

    const readinessSchema = {
      tags: ['platform'],
      security: [],
      response: { 200: ZReadiness, 503: ZReadiness },
    };
    const readiness = async (_request: FastifyRequest, reply: FastifyReply) => {
      const { ready, ...result } = await probe();
      const body = { ...result, engine: ctx.database.engine };
      if (ready) return body;
      reply.log.warn({ readiness: body }, 'not ready');
      return reply.status(503).send(body);
    };
    app.get(
      '/api/health/ready',
      {
        schema: {
          ...readinessSchema,
          summary: 'Readiness: the database answers in time, at the schema this node expects, and it is not stopping',
        },
      },
      readiness,
    );
    app.get('/api/health', { schema: { ...readinessSchema, summary: 'Readiness (the older address)' } }, readiness);
  };
}

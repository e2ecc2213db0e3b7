import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAuditEntry, ZAuditExportQuery, ZAuditQuery } from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { requireStaff } from '../../platform/auth/guards.js';
import { exportAudit, searchAudit } from './audit.service.js';

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Search the audit log, newest first (admin)',
          querystring: ZAuditQuery,
          response: { 200: z.array(ZAuditEntry) },
        },
      },
      async (request) =>
        searchAudit(db, requireStaff(request, ['admin']), request.query, { requestId: request.id, ip: request.ip }),
    );
    app.get(
      '/api/audit/export',
      {
        schema: {
          tags: ['audit'],
          summary:
            "The audit log as filtered, as CSV or JSON; with subjectUserId, that person's access log (GDPR art. 15)",
          querystring: ZAuditExportQuery,
        },
        config: {
          openapi: {
            responses: {
              200: {
                description: 'A download: CSV, or JSON with the entries (and the filter, or whose access log it is)',
                content: {
                  'text/csv': { type: 'string' },
                  'application/json': z.looseObject({ entries: z.array(z.record(z.string(), z.unknown())) }),
                },
              },
            },
          },
        },
      },
      async (request, reply) => {
        const file = await exportAudit(db, requireStaff(request, ['admin']), request.query, {
          requestId: request.id,
          ip: request.ip,
        });
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('cache-control', 'no-store')
          .send(file.body);
      },
    );
  };
}

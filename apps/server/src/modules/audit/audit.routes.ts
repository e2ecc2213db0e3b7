import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZAuditExportQuery, ZAuditQuery } from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { requireStaff } from '../../platform/auth/guards.js';
import { exportForSubject, searchAudit } from './audit.service.js';

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.get('/api/audit', { schema: { tags: ['audit'], summary: 'Search the audit log (admin)', querystring: ZAuditQuery } }, async (request) =>
      searchAudit(db, requireStaff(request, ['admin']), request.query, { requestId: request.id, ip: request.ip }),
    );
    app.get(
      '/api/audit/export',
      { schema: { tags: ['audit'], summary: "A data subject's access log as CSV or JSON (GDPR art. 15)", querystring: ZAuditExportQuery } },
      async (request, reply) => {
        const file = await exportForSubject(db, requireStaff(request, ['admin']), request.query, { requestId: request.id, ip: request.ip });
        const ext = request.query.format === 'json' ? 'json' : 'csv';
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="access-log-${request.query.subjectUserId}.${ext}"`)
          .header('cache-control', 'no-store')
          .send(file.body);
      },
    );
  };
}

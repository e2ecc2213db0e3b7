import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AUDIT_PURPOSES,
  ZCaseTypeDefinitionShape,
  ZCaseTypeDetail,
  ZCaseTypeExportFile,
  ZCaseTypeImportResult,
  ZCaseTypeSummary,
  ZPublishCaseTypeResult,
} from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { requireStaff } from '../../platform/auth/guards.js';
import { STAFF_ROLES } from '../../platform/auth/principal.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import {
  assertMayPublish,
  exportCaseTypes,
  getCaseType,
  importCaseTypes,
  listCaseTypes,
  publishCaseType,
} from './case-types.service.js';

export function caseTypeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.get(
      '/api/case-types',
      {
        schema: {
          tags: ['case-types'],
          summary: 'The catalogue: current version of every case type',
          response: { 200: z.array(ZCaseTypeSummary) },
        },
      },
      async (request) => {
        requireStaff(request, STAFF_ROLES);
        return listCaseTypes(db);
      },
    );

    app.get(
      '/api/case-types/export',
      {
        schema: {
          tags: ['case-types'],
          summary: 'Export definitions as JSON (admin)',
          querystring: z.object({ codes: z.string().optional() }),
        },
        config: {
          openapi: {
            responses: {
              200: {
                description: 'The export file (a download)',
                content: { 'application/json': ZCaseTypeExportFile },
              },
            },
          },
        },
      },
      async (request, reply) => {
        const principal = requireStaff(request, ['admin']);
        const file = await exportCaseTypes(db, request.query.codes?.split(',').filter(Boolean));
        await recordAudit(db, {
          actorUserId: principal.userId,
          action: 'export',
          entityType: 'case_type',
          purpose: AUDIT_PURPOSES.caseTypeExport,
          requestId: request.id,
          details: { count: file.caseTypes.length },
        });
        reply.header('content-disposition', 'attachment; filename="case-types.json"');
        return file;
      },
    );

    app.get(
      '/api/case-types/:code',
      {
        schema: {
          tags: ['case-types'],
          summary: 'One case type with its versions',
          params: z.object({ code: z.string() }),
          response: { 200: ZCaseTypeDetail },
        },
      },
      async (request) => {
        requireStaff(request, STAFF_ROLES);
        return getCaseType(db, request.params.code);
      },
    );

    // The body is checked by the service, so a refusal names the offending field of the definition.
    app.post(
      '/api/case-types',
      {
        schema: {
          tags: ['case-types'],
          summary: 'Publish a case-type definition as its next version (admin)',
          body: z.unknown(),
          response: { 201: ZPublishCaseTypeResult, 200: ZPublishCaseTypeResult },
        },
        config: { openapi: { requestBody: { 'application/json': ZCaseTypeDefinitionShape } } },
      },
      async (request, reply) => {
        const principal = requireStaff(request, ['admin']);
        await assertMayPublish(db, principal, [request.body]);
        const r = await publishCaseType(db, request.body, principal.userId);
        return reply.status(r.published ? 201 : 200).send({ code: r.code, version: r.version, published: r.published });
      },
    );

    app.post(
      '/api/case-types/import',
      {
        schema: {
          tags: ['case-types'],
          summary: 'Import an export file: all definitions or none (admin)',
          body: z.unknown(),
          response: { 200: ZCaseTypeImportResult },
        },
        config: { openapi: { requestBody: { 'application/json': ZCaseTypeExportFile } } },
      },
      async (request) => {
        const principal = requireStaff(request, ['admin']);
        const caseTypes = (request.body as { caseTypes?: unknown } | null)?.caseTypes;
        await assertMayPublish(db, principal, Array.isArray(caseTypes) ? caseTypes : []);
        return importCaseTypes(db, request.body, principal.userId);
      },
    );
  };
}

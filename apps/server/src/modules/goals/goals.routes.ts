import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZBreakdown,
  ZBreakdownQuery,
  ZContract,
  ZContractFollowUp,
  ZContractInput,
  ZDashboard,
  ZDashboardQuery,
  ZGoalInput,
  ZGoalStatus,
  ZIndicator,
  ZIndicatorCases,
  ZManualValue,
  ZManualValueInput,
  ZReport,
  ZReportCheck,
  ZReportRequest,
  ZIsoDate,
} from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { requireStaff } from '../../platform/auth/guards.js';
import { sendDownload } from '../../platform/files/send-download.js';
import {
  checkReport,
  discardReport,
  getReport,
  listReports,
  reportFile,
  REPORTERS,
  requestReport,
} from './committee-report.js';
import {
  approveContract,
  contractFollowUp,
  createContract,
  CONTRACT_APPROVERS,
  enterManualValue,
  exportEventLog,
  getBreakdown,
  getDashboard,
  getIndicatorCases,
  GOAL_READERS,
  GOAL_SETTERS,
  listContracts,
  setGoal,
} from './goals.service.js';
import { indicatorCatalogue } from './indicator-catalogue.js';
import { EVENT_LOG_MEDIA } from './event-log-export.js';

const ZId = z.object({ id: z.uuid() });
const meta = (request: FastifyRequest) => ({ requestId: request.id, ip: request.ip });
const MEDIA = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Goals, key figures with drill-down, result contracts and the committee reports. */
export function goalsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['goals'];
    app.get(
      '/api/goals/indicators',
      {
        schema: {
          tags,
          summary: 'The catalogue of indicators the modules register',
          response: { 200: z.array(ZIndicator) },
        },
      },
      async (request) => {
        requireStaff(request, GOAL_READERS);
        return indicatorCatalogue(ctx.registry);
      },
    );
    app.post(
      '/api/goals/manual-values',
      {
        schema: {
          tags,
          summary: 'Enter a hand-kept figure (economy, staff) for a unit and period; audited',
          body: ZManualValueInput,
          response: { 200: ZManualValue },
        },
      },
      async (request) => enterManualValue(ctx, requireStaff(request, GOAL_SETTERS), request.body, meta(request)),
    );
    app.post(
      '/api/goals',
      {
        schema: {
          tags,
          summary: 'Set a target for a unit, indicator and period',
          body: ZGoalInput,
          response: { 201: ZGoalStatus },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await setGoal(ctx, requireStaff(request, GOAL_SETTERS), request.body, meta(request))),
    );
    app.get(
      '/api/goals/dashboard',
      {
        schema: {
          tags,
          summary: 'The goals of a unit and the units below it for a period: figure, status, trend',
          querystring: ZDashboardQuery,
          response: { 200: ZDashboard },
        },
      },
      async (request) => getDashboard(ctx, requireStaff(request, GOAL_READERS), request.query),
    );
    app.get(
      '/api/goals/breakdown',
      {
        schema: {
          tags,
          summary: 'An indicator for a unit, each unit below it and each case type (the drill-down)',
          querystring: ZBreakdownQuery,
          response: { 200: ZBreakdown },
        },
      },
      async (request) => getBreakdown(ctx, requireStaff(request, GOAL_READERS), request.query),
    );
    app.get(
      '/api/goals/cases',
      {
        schema: {
          tags,
          summary: 'The cases behind an indicator for a unit and period, worst first',
          querystring: ZBreakdownQuery,
          response: { 200: ZIndicatorCases },
        },
      },
      async (request) => ({
        cases: await getIndicatorCases(ctx, requireStaff(request, GOAL_READERS), request.query, meta(request)),
      }),
    );
    app.get(
      '/api/goals/contracts',
      {
        schema: {
          tags,
          summary: 'The result contracts of the units the reader sees',
          response: { 200: z.array(ZContract) },
        },
      },
      async (request) => listContracts(ctx, requireStaff(request, GOAL_READERS)),
    );
    app.post(
      '/api/goals/contracts',
      {
        schema: {
          tags,
          summary: "A new version of a centre's result contract for a year",
          body: ZContractInput,
          response: { 201: ZContract },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await createContract(ctx, requireStaff(request, GOAL_SETTERS), request.body, meta(request))),
    );
    app.post(
      '/api/goals/contracts/:id/approval',
      {
        schema: { tags, summary: 'Approve a version of a result contract', params: ZId, response: { 200: ZContract } },
      },
      async (request) =>
        approveContract(ctx, requireStaff(request, CONTRACT_APPROVERS), request.params.id, meta(request)),
    );
    app.get(
      '/api/goals/contracts/:id/follow-up',
      {
        schema: {
          tags,
          summary: 'Half- or full-year follow-up of a result contract, by area',
          params: ZId,
          querystring: z.object({ at: z.enum(['half', 'year']) }),
          response: { 200: ZContractFollowUp },
        },
      },
      async (request) =>
        contractFollowUp(ctx, requireStaff(request, GOAL_READERS), request.params.id, request.query.at),
    );
    app.get(
      '/api/goals/reports',
      {
        schema: {
          tags,
          summary: 'Committee reports of the units the reader sees',
          response: { 200: z.array(ZReport) },
        },
      },
      async (request) => listReports(ctx, requireStaff(request, REPORTERS)),
    );
    app.post(
      '/api/goals/reports',
      {
        schema: {
          tags,
          summary: 'Ask for a committee report; a background job makes and freezes it',
          body: ZReportRequest,
          response: { 202: ZReport },
        },
      },
      async (request, reply) =>
        reply.status(202).send(await requestReport(ctx, requireStaff(request, REPORTERS), request.body, meta(request))),
    );
    app.get(
      '/api/goals/reports/:id',
      {
        schema: {
          tags,
          summary: 'A committee report: progress, and its frozen figures',
          params: ZId,
          response: { 200: ZReport },
        },
      },
      async (request) => getReport(ctx, requireStaff(request, REPORTERS), request.params.id),
    );
    app.delete(
      '/api/goals/reports/:id',
      {
        schema: {
          tags,
          summary: 'Discard a report whose making failed (an issued report is frozen)',
          params: ZId,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await discardReport(ctx, requireStaff(request, REPORTERS), request.params.id, meta(request));
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/goals/reports/:id/check',
      {
        schema: {
          tags,
          summary: "Re-run an issued report's figures on today's data: have they changed since?",
          params: ZId,
          response: { 200: ZReportCheck },
        },
      },
      async (request) => checkReport(ctx, requireStaff(request, REPORTERS), request.params.id),
    );
    app.get(
      '/api/goals/event-log',
      {
        schema: {
          tags,
          summary: "The authority's event log as IEEE XES, OCEL 2.0 (JSON) or CSV with pm4py's column names",
          querystring: z.object({
            format: z.enum(['xes', 'ocel', 'csv']),
            unitId: z.uuid().optional(),
            caseTypeId: z.uuid().optional(),
            from: ZIsoDate('a date as YYYY-MM-DD').optional(),
            to: ZIsoDate('a date as YYYY-MM-DD').optional(),
          }),
        },
        config: {
          openapi: {
            responses: {
              200: {
                description: 'The event log, streamed',
                content: {
                  'application/xml': { type: 'string' },
                  'application/json': { type: 'string' },
                  'text/csv': { type: 'string' },
                },
              },
            },
          },
        },
      },
      async (request, reply) => {
        const stream = await exportEventLog(ctx, requireStaff(request, GOAL_READERS), request.query, meta(request));
        const media = EVENT_LOG_MEDIA[request.query.format];
        return reply
          .type(media.type)
          .header('content-disposition', `attachment; filename="event-log.${media.extension}"`)
          .header('cache-control', 'private, no-store')
          .send(stream);
      },
    );
    for (const kind of ['pdf', 'xlsx'] as const)
      app.get(
        `/api/goals/reports/:id/${kind}`,
        {
          schema: { tags, summary: `The issued report as ${kind.toUpperCase()}`, params: ZId },
          config: {
            openapi: {
              responses: {
                200: { description: `The ${kind.toUpperCase()} file`, content: { [MEDIA[kind]]: { type: 'string' } } },
              },
            },
          },
        },
        async (request, reply) => {
          const { file, name } = await reportFile(ctx, requireStaff(request, REPORTERS), request.params.id, kind);
          return sendDownload(reply, { mediaType: MEDIA[kind], fileName: name, bytes: file });
        },
      );
  };
}

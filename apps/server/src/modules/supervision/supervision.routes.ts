import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAuditFollowUp,
  ZAuditRemark,
  ZCreateAuditRemark,
  ZCreateInitiative,
  ZCreateProgramme,
  ZDrawSample,
  ZInitiative,
  ZInitiativeList,
  ZMonthlyReport,
  ZProgramme,
  ZProgrammeList,
  ZReplaceCase,
  ZReview,
  ZSample,
  ZSampleAnalysis,
  ZSampleList,
  ZSubmitReview,
  ZUpdateInitiative,
} from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { requireStaff } from '../../platform/auth/guards.js';
import { STAFF_ROLES } from '../../platform/auth/principal.js';
import { createProgramme, getProgramme, listProgrammes, supervisionPeople } from './use-cases/programmes.js';
import { drawSupervisionSample, getSample, listSamples, replaceSampleCase } from './use-cases/draw-sample.js';
import { getReview, submitReview } from './use-cases/review.js';
import { analyseSample } from './use-cases/analyse-sample.js';
import {
  auditFollowUp,
  createAuditRemark,
  createInitiative,
  listInitiatives,
  updateInitiative,
} from './use-cases/initiatives.js';
import { monthlyReport } from './use-cases/monthly-report.js';

const ZId = z.object({ id: z.uuid() });
const ZSampleCaseParams = z.object({ id: z.uuid(), caseId: z.uuid() });

/**
 * Management supervision. Every route is for staff; what each may do is decided per programme (the quality unit
 * runs it, team leads and its reviewers read it, reviewers review) in the use cases.
 */
export function supervisionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  const tags = ['supervision'];
  return async (app) => {
    const staff = (request: Parameters<typeof requireStaff>[0]) => requireStaff(request, STAFF_ROLES);

    app.get(
      '/api/supervision/programmes',
      {
        schema: {
          tags,
          summary: 'The supervision programmes the reader runs, leads or reviews',
          response: { 200: ZProgrammeList },
        },
      },
      async (request) => listProgrammes(db, staff(request)),
    );
    app.post(
      '/api/supervision/programmes',
      {
        schema: {
          tags,
          summary: 'Set up a supervision programme: focus, reason, checklist, holistic score, reviewers (quality)',
          body: ZCreateProgramme,
          response: { 201: ZProgramme },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createProgramme(db, staff(request), request.body, request.id)),
    );
    app.get(
      '/api/supervision/people',
      {
        schema: {
          tags,
          summary: 'The staff of a unit, to choose reviewers and owners among (quality, team leads)',
          querystring: z.object({ unitId: z.uuid() }),
          response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) }) },
        },
      },
      async (request) => supervisionPeople(db, staff(request), request.query.unitId),
    );
    app.get(
      '/api/supervision/programmes/:id',
      { schema: { tags, summary: 'A supervision programme', params: ZId, response: { 200: ZProgramme } } },
      async (request) => getProgramme(db, staff(request), request.params.id),
    );
    app.get(
      '/api/supervision/programmes/:id/samples',
      { schema: { tags, summary: "A programme's samples", params: ZId, response: { 200: ZSampleList } } },
      async (request) => listSamples(db, staff(request), request.params.id),
    );
    app.post(
      '/api/supervision/programmes/:id/samples',
      {
        schema: {
          tags,
          summary: 'Draw a reproducible sample (simple or stratified; fixed size or from a margin of error) (quality)',
          params: ZId,
          body: ZDrawSample,
          response: { 201: ZSample },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await drawSupervisionSample(db, staff(request), request.params.id, request.body, { requestId: request.id }),
          ),
    );
    app.get(
      '/api/supervision/programmes/:id/initiatives',
      {
        schema: {
          tags,
          summary: "A programme's improvement initiatives",
          params: ZId,
          response: { 200: ZInitiativeList },
        },
      },
      async (request) => listInitiatives(db, staff(request), request.params.id),
    );
    app.get(
      '/api/supervision/samples/:id',
      { schema: { tags, summary: 'A sample: its strata and drawn cases', params: ZId, response: { 200: ZSample } } },
      async (request) => getSample(db, staff(request), request.params.id),
    );
    app.get(
      '/api/supervision/samples/:id/analysis',
      {
        schema: {
          tags,
          summary: 'Error rates per criterion and unit with 95% intervals, scores, change from the round before',
          params: ZId,
          response: { 200: ZSampleAnalysis },
        },
      },
      async (request) => analyseSample(db, staff(request), request.params.id),
    );
    app.post(
      '/api/supervision/samples/:id/cases/:caseId/replace',
      {
        schema: {
          tags,
          summary: 'Replace a sampled case by the next of its stratum, with the reason (quality)',
          params: ZSampleCaseParams,
          body: ZReplaceCase,
          response: { 200: ZSample },
        },
      },
      async (request) =>
        replaceSampleCase(db, staff(request), request.params.id, request.params.caseId, request.body.reason, {
          requestId: request.id,
        }),
    );
    app.get(
      '/api/supervision/samples/:id/cases/:caseId/review',
      { schema: { tags, summary: "A sampled case's review", params: ZSampleCaseParams, response: { 200: ZReview } } },
      async (request) => getReview(db, staff(request), request.params.id, request.params.caseId),
    );
    app.post(
      '/api/supervision/samples/:id/cases/:caseId/review',
      {
        schema: {
          tags,
          summary:
            "Review a sampled case: each criterion once, the holistic score, a finding to follow up (the programme's reviewers)",
          params: ZSampleCaseParams,
          body: ZSubmitReview,
          response: { 201: ZReview },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await submitReview(db, staff(request), request.params.id, request.params.caseId, request.body, request.id),
          ),
    );
    app.post(
      '/api/supervision/initiatives',
      {
        schema: {
          tags,
          summary: 'An improvement initiative for a programme or an audit remark (quality)',
          body: ZCreateInitiative,
          response: { 201: ZInitiative },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createInitiative(db, staff(request), request.body, request.id)),
    );
    app.patch(
      '/api/supervision/initiatives/:id',
      {
        schema: {
          tags,
          summary: "An initiative's status (quality)",
          params: ZId,
          body: ZUpdateInitiative,
          response: { 200: ZInitiative },
        },
      },
      async (request) => updateInitiative(db, staff(request), request.params.id, request.body, request.id),
    );
    app.post(
      '/api/supervision/audit-remarks',
      {
        schema: {
          tags,
          summary: "An auditor's remark, per year and report (quality)",
          body: ZCreateAuditRemark,
          response: { 201: ZAuditRemark },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createAuditRemark(db, staff(request), request.body, request.id)),
    );
    app.get(
      '/api/supervision/audit-remarks/follow-up',
      {
        schema: {
          tags,
          summary: "The half-year follow-up of the auditor's remarks and their action plans",
          querystring: z.object({ halfYear: z.string().regex(/^\d{4}-H[12]$/, 'YYYY-H1 or YYYY-H2') }),
          response: { 200: ZAuditFollowUp },
        },
      },
      async (request) => auditFollowUp(db, staff(request), request.query.halfYear),
    );
    app.get(
      '/api/supervision/reports/monthly',
      {
        schema: {
          tags,
          summary: 'The monthly supervision report of a centre, or of the authority for management',
          querystring: z.object({ unitId: z.uuid(), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM') }),
          response: { 200: ZMonthlyReport },
        },
      },
      async (request) => monthlyReport(db, staff(request), request.query.unitId, request.query.month),
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCloseSurveyFollowUp,
  ZIsoDate,
  ZSurveyAnswerRequest,
  ZSurveyComments,
  ZSurveyDefinition,
  ZSurveyFollowUp,
  ZSurveyResults,
  ZSurveyResultsQuery,
} from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { requireStaff } from '../../platform/auth/guards.js';
import { BINARY } from '../../platform/http/openapi.js';
import { AppError } from '../../platform/errors.js';
import { adminReach } from '../org/index.js';
import { answerSurvey } from './survey-answering.service.js';
import { launchAnnualSurvey } from './survey-invitations.service.js';
import { listSurveys, publishSurvey, publishSurveyTemplates } from './survey-definitions.service.js';
import { resultsWorkbook } from './survey-export.js';
import { surveyAnswerLimit } from './survey-rate-limit.js';
import {
  closeFollowUp,
  getSurveyComments,
  getSurveyResults,
  listFollowUps,
  RESULT_READERS,
} from './survey-results.service.js';
import { SURVEY_TEMPLATES } from './survey-templates.js';

const ZPublished = z.object({
  id: z.uuid(),
  code: z.string(),
  version: z.number().int(),
  definition: ZSurveyDefinition,
});
const tags = ['surveys'];

/** The surveys API: definitions (administrators), answers by link, results, comments and follow-up tasks. */
export function surveyApiRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.get(
      '/api/surveys',
      { schema: { tags, summary: 'The current version of every survey', response: { 200: z.array(ZPublished) } } },
      async (request) => {
        requireStaff(request, RESULT_READERS);
        return listSurveys(db);
      },
    );

    app.get(
      '/api/surveys/templates',
      {
        schema: {
          tags,
          summary: 'The ready-made surveys: after a contact, after a decision, annual user and staff surveys',
          response: { 200: z.array(ZSurveyDefinition) },
        },
      },
      async (request) => {
        requireStaff(request, ['admin']);
        return [...SURVEY_TEMPLATES];
      },
    );

    app.post(
      '/api/surveys',
      {
        schema: {
          tags,
          summary: 'Publish a survey definition as the next version of its code (administrators)',
          body: z.unknown(),
          response: { 201: ZPublished },
        },
      },
      async (request, reply) => {
        requireStaff(request, ['admin']);
        return reply.status(201).send(await publishSurvey(db, request.body));
      },
    );

    app.post(
      '/api/surveys/templates/publish',
      {
        schema: {
          tags,
          summary: 'Publish the ready-made surveys (administrators)',
          response: { 201: z.array(ZPublished) },
        },
      },
      async (request, reply) => {
        requireStaff(request, ['admin']);
        return reply.status(201).send(await publishSurveyTemplates(db));
      },
    );

    app.post(
      '/api/surveys/annual/:kind',
      {
        schema: {
          tags,
          summary: 'Send an annual survey now: to all staff, or to a random sample of citizens (administrators)',
          params: z.object({ kind: z.enum(['annual_user', 'annual_staff']) }),
          body: z.object({ sampleSize: z.number().int().min(1).max(100_000).optional() }),
          response: { 201: z.object({ invited: z.number().int(), skipped: z.number().int() }) },
        },
      },
      async (request, reply) => {
        const principal = requireStaff(request, ['admin']);
        // It asks everyone: only an administrator of the whole authority sends it.
        if (!(await adminReach(db, principal)).authorityWide)
          throw new AppError('forbidden', 'Only an administrator of the whole authority sends an annual survey.');
        const r = await launchAnnualSurvey(db, { kind: request.params.kind, sampleSize: request.body.sampleSize });
        return reply.status(201).send(r);
      },
    );

    app.post(
      '/api/surveys/answers',
      {
        schema: {
          tags,
          summary: 'Answer a survey with its one-time link (no session: the link is the credential)',
          description:
            'Refused with 404 for an unknown link, 409 for one answered, declined or expired; 400 for answers out of range or to questions the survey does not have (nothing is stored).',
          security: [],
          body: ZSurveyAnswerRequest,
          response: { 201: z.object({ received: z.literal(true) }) },
        },
        config: { openapi: { errors: [409, 429] } },
        preHandler: surveyAnswerLimit(ctx),
      },
      async (request, reply) => {
        await answerSurvey(db, { token: request.body.token }, request.body.answers);
        return reply.status(201).send({ received: true });
      },
    );

    app.get(
      '/api/surveys/results',
      {
        schema: {
          tags,
          summary: 'Response rates and per-question figures with 95% intervals, overall or by a breakdown',
          querystring: ZSurveyResultsQuery,
          response: { 200: ZSurveyResults },
        },
      },
      async (request) => {
        const principal = requireStaff(request, RESULT_READERS);
        return getSurveyResults(db, principal, request.query, principal.locale);
      },
    );

    app.get(
      '/api/surveys/results.xlsx',
      {
        schema: { tags, summary: 'The results as an Excel workbook', querystring: ZSurveyResultsQuery },
        config: {
          openapi: {
            responses: {
              200: {
                description: 'The workbook',
                content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': BINARY },
              },
            },
          },
        },
      },
      async (request, reply) => {
        const principal = requireStaff(request, RESULT_READERS);
        const results = await getSurveyResults(db, principal, request.query, principal.locale);
        const file = await resultsWorkbook(results, principal.locale);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="survey-${request.query.survey}.xlsx"`)
          .header('cache-control', 'no-store')
          .send(file);
      },
    );

    app.get(
      '/api/surveys/comments',
      {
        schema: {
          tags,
          summary: 'Free-text answers, CPR numbers masked (quality role only)',
          querystring: z.object({
            survey: z.string().regex(/^[a-z][a-z0-9-]{1,47}$/),
            from: ZIsoDate('first day').optional(),
            to: ZIsoDate('last day').optional(),
            unitId: z.uuid().optional(),
            caseTypeId: z.uuid().optional(),
            outcome: z.string().max(40).optional(),
            maxScore: z.coerce.number().int().min(1).max(5).optional(),
          }),
          response: { 200: ZSurveyComments },
        },
      },
      async (request) => {
        const principal = requireStaff(request, ['quality']);
        return getSurveyComments(db, principal, request.query, principal.locale);
      },
    );

    app.get(
      '/api/surveys/follow-ups',
      {
        schema: {
          tags,
          summary: 'Follow-up tasks opened by very unhappy answers, for the units the reader leads or checks',
          querystring: z.object({ status: z.enum(['open', 'closed']).optional() }),
          response: { 200: z.array(ZSurveyFollowUp) },
        },
      },
      async (request) => {
        const principal = requireStaff(request, ['teamlead', 'quality']);
        return listFollowUps(db, principal, request.query.status, principal.locale);
      },
    );

    app.post(
      '/api/surveys/follow-ups/:id/close',
      {
        schema: {
          tags,
          summary: 'Close a follow-up task with what the unit did',
          params: z.object({ id: z.uuid() }),
          body: ZCloseSurveyFollowUp,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const principal = requireStaff(request, ['teamlead', 'quality']);
        await closeFollowUp(db, principal, request.params.id, request.body.note);
        return reply.status(204).send(null);
      },
    );
  };
}

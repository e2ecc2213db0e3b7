import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCasePath,
  ZPopulation,
  ZAnalysisInfo,
  ZAnalysisResult,
  ZCaseList,
  ZCaseListQuery,
  ZPeopleStats,
  ZReplay,
  ZStartAnalysis,
  ZUploadedLog,
  ZLogEncoding,
} from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { BINARY } from '../../platform/http/openapi.js';
import { requirePrincipal, requireStaff } from '../../platform/auth/guards.js';
import { casePath } from './use-cases/case-path.js';
import { discoverModel } from './use-cases/discover-model.js';
import { unitsWithRole, type StaffRole } from '../../platform/auth/principal.js';
import { enqueueJob } from '../../platform/jobs/index.js';
import { ANALYSIS_JOB_KIND, cancelAnalysis } from './navigator.jobs.js';
import { navigatorRepository as repo } from './navigator.repository.js';
import { MAX_LOG_BYTES, toUploadedLog, uploadLog } from './use-cases/upload-log.js';
import { startAnalysis } from './use-cases/start-analysis.js';
import { assertMayReadAnalysis, readableAnalyses } from './use-cases/analysis-access.js';
import {
  getAnalysisInfo,
  getAnalysisResult,
  getPeopleStats,
  getReplay,
  listAnalysedCases,
  listAnalysisInfos,
} from './use-cases/read-analysis.js';

/** Who may use the navigator: it is a tool for dialogue about the process, for those who lead and improve it. */
export const NAVIGATOR_ROLES: readonly StaffRole[] = ['analyst', 'teamlead', 'quality', 'admin'];
/** Per-person figures: team leads and analysts only. */
export const PEOPLE_ROLES: readonly StaffRole[] = ['teamlead', 'analyst'];

const ZId = z.object({ id: z.string().uuid() });
const LOG_MEDIA_TYPES = ['application/octet-stream', 'application/gzip', 'application/xml', 'text/xml', 'text/csv'];

export function navigatorRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.addContentTypeParser(
      [...LOG_MEDIA_TYPES],
      { parseAs: 'buffer', bodyLimit: MAX_LOG_BYTES },
      (_req, body, done) => done(null, body),
    );
    const tags = ['navigator'];

    app.post(
      '/api/navigator/logs',
      {
        bodyLimit: MAX_LOG_BYTES,
        schema: {
          tags,
          summary: 'Upload an event log (XES or CSV, optionally gzipped) from another system',
          description:
            'CSV is read in the encoding chosen, or detected: a byte-order mark, else UTF-8 when the bytes are valid ' +
            'UTF-8, else Windows-1252 (what Excel writes in Denmark). A file that is not valid in the chosen encoding is refused.',
          querystring: z.object({ name: z.string().trim().min(1).max(200), encoding: ZLogEncoding.default('auto') }),
          response: { 201: ZUploadedLog },
        },
        config: {
          openapi: {
            requestBody: Object.fromEntries(LOG_MEDIA_TYPES.map((type) => [type, BINARY])),
          },
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, NAVIGATOR_ROLES);
        if (!Buffer.isBuffer(request.body))
          throw new AppError(
            'unsupported_media_type',
            'Send the log file as the request body (application/octet-stream).',
          );
        // A client that goes away stops its import: the reading ends at its next chunk.
        const gone = new AbortController();
        const onClose = () => !reply.raw.writableFinished && gone.abort();
        reply.raw.once('close', onClose);
        try {
          const uploaded = await uploadLog(
            db,
            { name: request.query.name, bytes: request.body, encoding: request.query.encoding },
            p.userId,
            { limits: ctx.config.imports, signal: gone.signal },
          );
          return await reply.status(201).send(uploaded);
        } catch (err) {
          if (gone.signal.aborted) throw new AppError('validation', 'The client went away.', { reason: 'aborted' });
          throw err;
        } finally {
          reply.raw.off('close', onClose);
        }
      },
    );

    app.get(
      '/api/navigator/logs',
      { schema: { tags, summary: 'Uploaded event logs', response: { 200: z.array(ZUploadedLog) } } },
      async (request) => {
        requireStaff(request, NAVIGATOR_ROLES);
        return (await repo.listLogs(db)).map(toUploadedLog);
      },
    );

    app.post(
      '/api/navigator/analyses',
      {
        schema: {
          tags,
          summary: 'Check a population against a workflow model (runs in the background)',
          body: ZStartAnalysis,
          response: { 202: ZAnalysisInfo },
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, NAVIGATOR_ROLES);
        const info = await startAnalysis(
          db,
          request.body,
          p.userId,
          (trx, analysisId) => enqueueJob(trx, { kind: ANALYSIS_JOB_KIND, payload: { analysisId }, maxAttempts: 3 }),
          unitsWithRole(p, NAVIGATOR_ROLES),
        );
        return reply.status(202).send(info);
      },
    );

    app.get(
      '/api/navigator/analyses',
      {
        schema: {
          tags,
          summary: 'Stored analyses, newest first',
          querystring: z.object({ modelId: z.string().uuid().optional() }),
          response: { 200: z.array(ZAnalysisInfo) },
        },
      },
      async (request) => {
        const p = requireStaff(request, NAVIGATOR_ROLES);
        return readableAnalyses(db, p, await listAnalysisInfos(db, request.query.modelId), NAVIGATOR_ROLES);
      },
    );

    app.get(
      '/api/navigator/analyses/:id',
      {
        schema: {
          tags,
          summary: 'An analysis: status, progress and summary',
          params: ZId,
          response: { 200: ZAnalysisInfo },
        },
      },
      async (request) => {
        await assertMayReadAnalysis(db, requireStaff(request, NAVIGATOR_ROLES), request.params.id, NAVIGATOR_ROLES);
        return getAnalysisInfo(db, request.params.id);
      },
    );

    app.post(
      '/api/navigator/analyses/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Cancel a pending or running analysis',
          params: ZId,
          response: { 200: ZAnalysisInfo },
        },
      },
      async (request) => {
        await assertMayReadAnalysis(db, requireStaff(request, NAVIGATOR_ROLES), request.params.id, NAVIGATOR_ROLES);
        const info = await getAnalysisInfo(db, request.params.id);
        if (info.status !== 'pending' && info.status !== 'running')
          throw new AppError('invalid_state', `The analysis is already ${info.status}.`);
        await cancelAnalysis(db, info.id);
        return getAnalysisInfo(db, info.id);
      },
    );

    app.get(
      '/api/navigator/analyses/:id/result',
      {
        schema: {
          tags,
          summary: 'Overlays, variants, discovered process and figures per unit',
          params: ZId,
          response: { 200: ZAnalysisResult },
        },
      },
      async (request) => {
        await assertMayReadAnalysis(db, requireStaff(request, NAVIGATOR_ROLES), request.params.id, NAVIGATOR_ROLES);
        return getAnalysisResult(db, request.params.id);
      },
    );

    app.get(
      '/api/navigator/analyses/:id/people',
      {
        schema: {
          tags,
          summary: 'Figures per person (team leads and analysts; groups of 5 cases or more)',
          params: ZId,
          response: { 200: ZPeopleStats },
        },
      },
      async (request) => {
        await assertMayReadAnalysis(db, requireStaff(request, PEOPLE_ROLES), request.params.id, PEOPLE_ROLES);
        return getPeopleStats(db, request.params.id);
      },
    );

    app.get(
      '/api/navigator/analyses/:id/cases',
      {
        schema: {
          tags,
          summary: 'The cases behind a number',
          params: ZId,
          querystring: ZCaseListQuery,
          response: { 200: ZCaseList },
        },
      },
      async (request) => {
        await assertMayReadAnalysis(db, requireStaff(request, NAVIGATOR_ROLES), request.params.id, NAVIGATOR_ROLES);
        return listAnalysedCases(db, request.params.id, request.query);
      },
    );

    app.post(
      '/api/navigator/discover',
      {
        schema: {
          tags,
          summary: 'Discover a workflow (BPMN) from a population, to start a model from',
          body: z.object({ population: ZPopulation, noiseThreshold: z.number().min(0).max(1).default(0.2) }),
          response: { 200: z.object({ bpmnXml: z.string(), cases: z.number().int(), activities: z.number().int() }) },
        },
      },
      async (request) => {
        const p = requireStaff(request, NAVIGATOR_ROLES);
        const scope = unitsWithRole(p, NAVIGATOR_ROLES);
        const asked = request.body.population;
        const population =
          asked.kind === 'case-type'
            ? { ...asked, unitIds: asked.unitIds.length ? asked.unitIds.filter((u) => scope.includes(u)) : scope }
            : asked;
        if (population.kind === 'case-type' && population.unitIds.length === 0)
          throw new AppError('forbidden', 'You may only analyse cases of your own units.');
        return discoverModel(db, population, request.body.noiseThreshold);
      },
    );

    app.get(
      '/api/navigator/case-path/:caseId',
      {
        schema: {
          tags,
          summary: "A case's own path through its workflow, with its deviations (case page and citizen portal)",
          params: z.object({ caseId: z.string().uuid() }),
          response: { 200: ZCasePath },
        },
      },
      async (request) => casePath(db, requirePrincipal(request), request.params.caseId, request.id),
    );

    app.get(
      '/api/navigator/analyses/:id/replay',
      {
        schema: {
          tags,
          summary: 'Case paths for the replay',
          params: ZId,
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(20_000).default(10_000) }),
          response: { 200: ZReplay },
        },
      },
      async (request) => {
        await assertMayReadAnalysis(db, requireStaff(request, NAVIGATOR_ROLES), request.params.id, NAVIGATOR_ROLES);
        return getReplay(db, request.params.id, request.query.limit);
      },
    );
  };
}

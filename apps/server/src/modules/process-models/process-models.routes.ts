import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MAX_BPMN_BYTES,
  MAX_INT32,
  ZCreateModelVersion,
  ZCreateProcessModel,
  ZCurrentStep,
  ZModelMapping,
  ZModelTask,
  ZProcessModelDetail,
  ZProcessModelQuery,
  ZProcessModelSummary,
  ZSaveMapping,
  ZTaskGuidanceInput,
  ZUpdateProcessModel,
} from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { requireStaff } from '../../platform/auth/guards.js';
import { STAFF_ROLES, type StaffRole } from '../../platform/auth/principal.js';
import {
  createModelVersion,
  createProcessModel,
  getProcessModel,
  searchProcessModels,
  updateProcessModel,
  updateTaskGuidance,
} from './process-models.service.js';
import { getModelMapping, saveModelMapping } from './model-mapping.js';
import { knownActivities } from './case-activities.js';
import { currentStepOfCase } from './current-step.js';

/**
 * Who may draw and describe workflows at all; each change is then checked against the model's unit (its analysts,
 * or the authority's administrators). Every employee may read them.
 */
export const MODEL_EDITORS: readonly StaffRole[] = ['analyst', 'admin'];

const ZModelId = z.object({ id: z.string().uuid() });
const bodyLimit = MAX_BPMN_BYTES + 256 * 1024;

export function processModelRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    const tags = ['process-models'];
    app.get(
      '/api/process-models',
      {
        schema: {
          tags,
          summary: 'Browse and search the workflow portal',
          querystring: ZProcessModelQuery,
          response: { 200: z.array(ZProcessModelSummary) },
        },
      },
      async (request) => {
        requireStaff(request, STAFF_ROLES);
        return searchProcessModels(db, request.query);
      },
    );

    app.post(
      '/api/process-models',
      {
        bodyLimit,
        schema: {
          tags,
          summary: 'Create a workflow model from BPMN 2.0',
          body: ZCreateProcessModel,
          response: { 201: ZProcessModelDetail },
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, MODEL_EDITORS);
        return reply
          .status(201)
          .send(
            await createProcessModel(
              db,
              request.body,
              p.userId,
              { principal: p, requestId: request.id },
              ctx.config.imports,
            ),
          );
      },
    );

    app.get(
      '/api/process-models/for-case/:caseId/current-step',
      {
        schema: {
          tags,
          summary: "The workflow step a case is in, with that step's guidance and checklist",
          params: z.object({ caseId: z.string().uuid() }),
          response: { 200: ZCurrentStep, 204: z.null().describe('No workflow is described for the case type') },
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, STAFF_ROLES);
        const current = await currentStepOfCase(db, p, request.params.caseId, request.id);
        return current ?? reply.status(204).send(null);
      },
    );

    app.get(
      '/api/process-models/:id',
      {
        schema: {
          tags,
          summary: 'A workflow model with its diagram and steps',
          params: ZModelId,
          querystring: z.object({ version: z.coerce.number().int().positive().max(MAX_INT32).optional() }),
          response: { 200: ZProcessModelDetail },
        },
      },
      async (request) => {
        const p = requireStaff(request, STAFF_ROLES);
        return getProcessModel(db, request.params.id, request.query.version, p);
      },
    );

    app.patch(
      '/api/process-models/:id',
      {
        schema: {
          tags,
          summary: 'Rename, re-file or move a workflow model to another unit (only the fields named change)',
          params: ZModelId,
          body: ZUpdateProcessModel,
          response: { 200: ZProcessModelDetail },
        },
      },
      async (request) => {
        const p = requireStaff(request, MODEL_EDITORS);
        return updateProcessModel(db, request.params.id, request.body, { principal: p, requestId: request.id });
      },
    );

    app.post(
      '/api/process-models/:id/versions',
      {
        bodyLimit,
        schema: {
          tags,
          summary: 'Save a new version of the diagram',
          params: ZModelId,
          body: ZCreateModelVersion,
          response: { 201: ZProcessModelDetail },
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, MODEL_EDITORS);
        const editor = { principal: p, requestId: request.id };
        return reply
          .status(201)
          .send(await createModelVersion(db, request.params.id, request.body, p.userId, editor, ctx.config.imports));
      },
    );

    app.put(
      '/api/process-models/:id/versions/:version/tasks/:elementId',
      {
        schema: {
          tags,
          summary: "Write a step's guidance, legal references, checklist, links and deadline",
          params: ZModelId.extend({
            version: z.coerce.number().int().positive().max(MAX_INT32),
            elementId: z.string().min(1).max(300),
          }),
          body: ZTaskGuidanceInput,
          response: { 200: ZModelTask },
        },
      },
      async (request) => {
        const p = requireStaff(request, MODEL_EDITORS);
        return updateTaskGuidance(
          db,
          { modelId: request.params.id, version: request.params.version, elementId: request.params.elementId },
          request.body,
          { principal: p, requestId: request.id },
        );
      },
    );

    app.get(
      '/api/process-models/:id/mapping',
      {
        schema: {
          tags,
          summary: "How the event log's activities map to the steps",
          params: ZModelId,
          response: { 200: ZModelMapping },
        },
      },
      async (request) => {
        requireStaff(request, STAFF_ROLES);
        const model = await getProcessModel(db, request.params.id);
        return getModelMapping(db, request.params.id, await knownActivities(model.caseTypeCode));
      },
    );

    app.put(
      '/api/process-models/:id/mapping',
      {
        schema: {
          tags,
          summary: 'Tie activities to steps by hand',
          params: ZModelId,
          body: ZSaveMapping,
          response: { 200: ZModelMapping },
        },
      },
      async (request) => {
        const p = requireStaff(request, MODEL_EDITORS);
        await saveModelMapping(db, request.params.id, request.body.entries, { principal: p, requestId: request.id });
        const model = await getProcessModel(db, request.params.id);
        return getModelMapping(db, request.params.id, await knownActivities(model.caseTypeCode));
      },
    );
  };
}

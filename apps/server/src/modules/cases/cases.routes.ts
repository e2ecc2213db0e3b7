import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z, type ZodType } from 'zod';
import {
  ZApplicantCaseView,
  ZAssignee,
  ZBulkReassignRequest,
  ZBulkReassignResult,
  ZCaseDetail,
  ZChangePhaseRequest,
  ZCloseCaseRequest,
  ZCommandResult,
  ZDecideCaseRequest,
  ZExtendDeadlineRequest,
  ZOpenCaseRequest,
  ZReassignCaseRequest,
  ZReceiveInformationRequest,
  ZRecordHearingReplyRequest,
  ZRecordNoteRequest,
  ZRequestInformationRequest,
  ZScreenCaseRequest,
  ZStartHearingRequest,
  ZWorkQueuePage,
  ZWorkQueueQuery,
  ZFigures,
  ZFiguresQuery,
} from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { requireApplicant, requireStaff } from '../../platform/auth/guards.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { CaseContext, CommandResult } from './case-command.js';
import * as cases from './index.js';
import { caseDocumentRoutes } from './case-documents.routes.js';

const ZId = z.object({ id: z.uuid() });
const CASEWORK = ['caseworker', 'teamlead'] as const;
const FIGURE_READERS = ['caseworker', 'teamlead', 'quality', 'analyst', 'admin'] as const;

interface CommandRoute {
  path: string;
  summary: string;
  body: ZodType;
  run: (ctx: CaseContext, caseId: string, body: never) => Promise<CommandResult>;
}

const COMMANDS: CommandRoute[] = [
  { path: 'screening', summary: 'Record the screening verdict', body: ZScreenCaseRequest, run: cases.screenCase },
  {
    path: 'information-requests',
    summary: 'Ask the applicant for missing information (the clock may pause)',
    body: ZRequestInformationRequest,
    run: cases.requestInformation,
  },
  {
    path: 'information-received',
    summary: 'Record the answer to the open information request',
    body: ZReceiveInformationRequest,
    run: cases.receiveInformation,
  },
  {
    path: 'hearings',
    summary: 'Start a hearing of parties with a reply deadline',
    body: ZStartHearingRequest,
    run: cases.startHearing,
  },
  {
    path: 'hearing-replies',
    summary: 'Record the reply to the hearing',
    body: ZRecordHearingReplyRequest,
    run: cases.recordHearingReply,
  },
  { path: 'notes', summary: 'Record a note (who, when, what)', body: ZRecordNoteRequest, run: cases.recordNote },
  { path: 'phase', summary: 'Move the case to another phase', body: ZChangePhaseRequest, run: cases.changePhase },
  {
    path: 'extensions',
    summary: 'Extend the deadline, with a reason and a message to the applicant',
    body: ZExtendDeadlineRequest,
    run: cases.extendDeadline,
  },
  { path: 'decision', summary: 'Decide the case', body: ZDecideCaseRequest, run: cases.decideCase },
  { path: 'close', summary: 'Close a decided case', body: ZCloseCaseRequest, run: cases.closeCase },
  {
    path: 'reassign',
    summary: 'Give the case to someone else or another unit',
    body: ZReassignCaseRequest,
    run: cases.reassignCase,
  },
];

const result = (r: CommandResult) => ({
  id: r.case.id,
  version: r.case.version,
  state: r.case.state,
  eventId: r.eventId,
});

export function caseRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  const caseCtx = (actor: Principal): CaseContext => ({ db, actor });
  return async (app) => {
    await app.register(caseDocumentRoutes(ctx));

    app.post(
      '/api/cases',
      {
        schema: {
          tags: ['cases'],
          summary: 'Register a received application',
          body: ZOpenCaseRequest,
          response: { 201: ZCommandResult },
        },
      },
      async (request, reply) => {
        const principal = requireStaff(request, ['caseworker', 'teamlead', 'frontline']);
        const c = await cases.openCase(caseCtx(principal), request.body);
        return reply.status(201).send({ id: c.id, version: c.version, state: c.state, eventId: 0 });
      },
    );

    app.get(
      '/api/cases/queue',
      {
        schema: {
          tags: ['cases'],
          summary: 'The work queue of your units, most at risk first',
          querystring: ZWorkQueueQuery,
          response: { 200: ZWorkQueuePage },
        },
      },
      async (request) => cases.getWorkQueue(db, requireStaff(request, CASEWORK), request.query),
    );

    app.get(
      '/api/cases/figures',
      {
        schema: {
          tags: ['cases'],
          summary: 'Service-goal figures per case type from the event log',
          querystring: ZFiguresQuery,
          response: { 200: ZFigures },
        },
      },
      async (request) => cases.getServiceGoalFigures(db, requireStaff(request, FIGURE_READERS), request.query),
    );

    app.post(
      '/api/cases/reassign',
      {
        schema: {
          tags: ['cases'],
          summary: 'Reassign many cases at once (team lead)',
          body: ZBulkReassignRequest,
          response: { 200: ZBulkReassignResult },
        },
      },
      async (request) =>
        cases.bulkReassign({ ...caseCtx(requireStaff(request, ['teamlead'])), requestId: request.id }, request.body),
    );

    app.get(
      '/api/cases/assignees',
      {
        schema: {
          tags: ['cases'],
          summary: 'Who can be given cases in your units',
          response: { 200: z.array(ZAssignee) },
        },
      },
      async (request) => cases.listAssignees(db, requireStaff(request, CASEWORK)),
    );

    app.get(
      '/api/cases/:id',
      { schema: { tags: ['cases'], summary: 'The case file', params: ZId, response: { 200: ZCaseDetail } } },
      async (request) =>
        cases.getCaseDetail(
          db,
          requireStaff(request, ['caseworker', 'teamlead', 'frontline', 'quality', 'analyst']),
          request.params.id,
          request.id,
        ),
    );

    for (const command of COMMANDS) {
      app.post(
        `/api/cases/:id/${command.path}`,
        {
          schema: {
            tags: ['cases'],
            summary: command.summary,
            params: ZId,
            body: command.body,
            response: { 200: ZCommandResult },
          },
        },
        async (request) =>
          result(await command.run(caseCtx(requireStaff(request, CASEWORK)), request.params.id, request.body as never)),
      );
    }

    app.get(
      '/api/my/cases',
      {
        schema: {
          tags: ['cases'],
          summary: 'Your own cases (applicant)',
          response: { 200: z.array(ZApplicantCaseView) },
        },
      },
      async (request) => cases.listApplicantCases(db, requireApplicant(request)),
    );
    app.get(
      '/api/my/cases/:id',
      {
        schema: {
          tags: ['cases'],
          summary: 'One of your own cases (applicant)',
          params: ZId,
          response: { 200: ZApplicantCaseView },
        },
      },
      async (request) => cases.getApplicantCase(db, requireApplicant(request), request.params.id),
    );
  };
}

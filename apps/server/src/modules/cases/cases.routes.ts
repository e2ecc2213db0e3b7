import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z, type ZodType } from 'zod';
import {
  ZApplicantCaseView,
  ZAssignee,
  ZBulkReassignRequest,
  ZBulkReassignResult,
  ZBreakGlassRequest,
  ZBreakGlassResult,
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
  ZForecastCalibration,
} from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { requireApplicant, requireStaff } from '../../platform/auth/guards.js';
import { STAFF_ROLES, type Principal } from '../../platform/auth/principal.js';
import type { CaseContext, CommandResult } from './case-command.js';
import { caseEventListeners } from './case-event-listeners.js';
import { changePhase } from './use-cases/change-phase.js';
import { closeCase, decideCase } from './use-cases/decide-case.js';
import { extendDeadline } from './use-cases/extend-deadline.js';
import { getApplicantCase, getCaseDetail } from './use-cases/get-case.js';
import { listApplicantCases } from './use-cases/list-own-cases.js';
import { getServiceGoalFigures } from './use-cases/get-service-goal-figures.js';
import { getCaseTypeCalibration } from './use-cases/get-forecast-calibration.js';
import { getWorkQueue } from './use-cases/get-work-queue.js';
import { recordHearingReply, startHearing } from './use-cases/hearing.js';
import { listAssignees } from './use-cases/list-assignees.js';
import { openCase } from './use-cases/open-case.js';
import { bulkReassign, reassignCase } from './use-cases/reassign-case.js';
import { recordNote } from './use-cases/record-note.js';
import { receiveInformation, requestInformation } from './use-cases/request-information.js';
import { screenCase } from './use-cases/screen-case.js';
import { caseDocumentRoutes } from './case-documents.routes.js';
import { breakGlass } from './use-cases/grant-case-access.js';

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
  { path: 'screening', summary: 'Record the screening verdict', body: ZScreenCaseRequest, run: screenCase },
  {
    path: 'information-requests',
    summary: 'Ask the applicant for missing information (the clock may pause)',
    body: ZRequestInformationRequest,
    run: requestInformation,
  },
  {
    path: 'information-received',
    summary: 'Record the answer to the open information request',
    body: ZReceiveInformationRequest,
    run: receiveInformation,
  },
  {
    path: 'hearings',
    summary: 'Start a hearing of parties with a reply deadline',
    body: ZStartHearingRequest,
    run: startHearing,
  },
  {
    path: 'hearing-replies',
    summary: 'Record the reply to the hearing',
    body: ZRecordHearingReplyRequest,
    run: recordHearingReply,
  },
  { path: 'notes', summary: 'Record a note (who, when, what)', body: ZRecordNoteRequest, run: recordNote },
  { path: 'phase', summary: 'Move the case to another phase', body: ZChangePhaseRequest, run: changePhase },
  {
    path: 'extensions',
    summary: 'Extend the deadline, with a reason and a message to the applicant',
    body: ZExtendDeadlineRequest,
    run: extendDeadline,
  },
  { path: 'decision', summary: 'Decide the case', body: ZDecideCaseRequest, run: decideCase },
  { path: 'close', summary: 'Close a decided case', body: ZCloseCaseRequest, run: closeCase },
  {
    path: 'reassign',
    summary: 'Give the case to someone else or another unit',
    body: ZReassignCaseRequest,
    run: reassignCase,
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
  const listeners = caseEventListeners(ctx);
  const caseCtx = (actor: Principal): CaseContext => ({
    db,
    actor,
    listeners,
    receiptBackdateDays: ctx.config.receiptBackdateDays,
  });
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
        const c = await openCase(caseCtx(principal), request.body);
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
      async (request) => getWorkQueue(db, requireStaff(request, CASEWORK), request.query, new Date(), request.id),
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
      async (request) => getServiceGoalFigures(db, requireStaff(request, FIGURE_READERS), request.query),
    );

    app.get(
      '/api/forecast-calibration/:id',
      {
        schema: {
          tags: ['cases'],
          summary: 'How often the expected-decision promises of a case type held over the last 12 months',
          params: ZId,
          response: { 200: ZForecastCalibration },
        },
      },
      async (request) => {
        requireStaff(request, FIGURE_READERS);
        return getCaseTypeCalibration(db, { id: request.params.id }, new Date());
      },
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
        bulkReassign({ ...caseCtx(requireStaff(request, ['teamlead'])), requestId: request.id }, request.body),
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
      async (request) => listAssignees(db, requireStaff(request, CASEWORK)),
    );

    app.get(
      '/api/cases/:id',
      { schema: { tags: ['cases'], summary: 'The case file', params: ZId, response: { 200: ZCaseDetail } } },
      async (request) => getCaseDetail(db, requireStaff(request, STAFF_ROLES), request.params.id, request.id),
    );

    app.post(
      '/api/cases/:id/break-glass',
      {
        schema: {
          tags: ['cases'],
          summary: 'Open a case file without a working need, for an hour, giving a reason (audited)',
          params: ZId,
          body: ZBreakGlassRequest,
          response: { 201: ZBreakGlassResult },
        },
      },
      async (request, reply) => {
        const principal = requireStaff(request, STAFF_ROLES);
        const granted = await breakGlass(db, principal, {
          caseId: request.params.id,
          reason: request.body.reason,
          requestId: request.id,
        });
        return reply.status(201).send(granted);
      },
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
      async (request) => listApplicantCases(db, requireApplicant(request)),
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
      async (request) => getApplicantCase(db, requireApplicant(request), request.params.id),
    );
  };
}

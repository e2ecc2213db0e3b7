import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAnswerComplaintRequest,
  ZAppealOutcomeRequest,
  ZAssignComplaintRequest,
  ZComplaintDeadlines,
  ZComplaintFigures,
  ZComplaintFiguresQuery,
  ZComplaintListQuery,
  ZComplaintView,
  ZCreateFindingRequest,
  ZFindingActionDoneRequest,
  ZFindingStatusRequest,
  ZFindingView,
  ZReclassifyComplaintRequest,
  ZReconsiderComplaintRequest,
  ZRegisterComplaintRequest,
} from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal, requireStaff } from '../../platform/auth/guards.js';
import { STAFF_ROLES } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import { caseEventListeners } from '../cases/index.js';
import { adminReach } from '../org/index.js';
import { REGISTRARS } from './complaint-access.js';
import { registerComplaint } from './use-cases/receive-complaint.js';
import {
  answerComplaint,
  assignComplaint,
  reclassifyComplaint,
  reconsiderComplaint,
  registerAppealOutcome,
  type ComplaintContext,
} from './use-cases/handle-complaint.js';
import { getComplaint, listComplaints } from './use-cases/list-complaints.js';
import { FIGURE_READERS, getComplaintFigures } from './use-cases/get-complaint-figures.js';
import { createFinding, listFindings, setActionDone, setFindingStatus } from './use-cases/advisor-findings.js';
import { getComplaintDeadlines, setComplaintDeadlines } from './use-cases/complaint-deadlines.js';

const ZId = z.object({ id: z.uuid() });
const ZCreated = z.object({ id: z.uuid() });
const HANDLERS = ['caseworker', 'teamlead', 'quality'] as const;
const tags = ['complaints'];

export function complaintRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  const listeners = caseEventListeners(ctx);
  return async (app) => {
    const handling = <B>(
      path: string,
      summary: string,
      body: z.ZodType<B>,
      run: (c: ComplaintContext, id: string, input: B) => Promise<{ id: string }>,
    ) =>
      app.post(
        `/api/complaints/:id/${path}`,
        { schema: { tags, summary, params: ZId, body, response: { 200: ZComplaintView } } },
        async (request) => {
          const principal = requireStaff(request, HANDLERS);
          await run({ db, principal, listeners }, request.params.id, request.body as B);
          return getComplaint(db, principal, request.params.id, new Date(), request.id);
        },
      );

    app.get(
      '/api/complaints',
      {
        schema: {
          tags,
          summary: 'The complaints you may see',
          querystring: ZComplaintListQuery,
          response: { 200: z.array(ZComplaintView) },
        },
      },
      async (request) => listComplaints(db, requireStaff(request, HANDLERS), request.query),
    );

    app.post(
      '/api/complaints',
      {
        schema: {
          tags,
          summary: 'Register a complaint received at the counter, by phone, letter or e-mail',
          body: ZRegisterComplaintRequest,
          response: { 201: ZCreated },
        },
      },
      async (request, reply) => {
        const id = await registerComplaint(db, requireStaff(request, REGISTRARS), request.body);
        return reply.status(201).send({ id });
      },
    );

    app.get(
      '/api/complaints/figures',
      {
        schema: {
          tags,
          summary: 'Complaints per 1,000 decisions, reconsiderations, appeal outcomes and the reversal rate',
          querystring: ZComplaintFiguresQuery,
          response: { 200: ZComplaintFigures },
        },
      },
      async (request) => getComplaintFigures(db, requireStaff(request, FIGURE_READERS), request.query),
    );

    app.get(
      '/api/complaints/deadlines',
      {
        schema: {
          tags,
          summary: 'The response deadline of each kind of complaint',
          response: { 200: ZComplaintDeadlines },
        },
      },
      async (request) => {
        requireStaff(request, STAFF_ROLES);
        return getComplaintDeadlines(db);
      },
    );

    app.put(
      '/api/complaints/deadlines',
      {
        schema: {
          tags,
          summary: 'Set the response deadline of each kind of complaint (administrator)',
          body: ZComplaintDeadlines,
          response: { 200: ZComplaintDeadlines },
        },
      },
      async (request) => {
        const principal = requireStaff(request, ['admin']);
        // The deadlines hold for every unit: only an administrator of the whole authority sets them.
        if (!(await adminReach(db, principal)).authorityWide)
          throw new AppError('forbidden', 'Only an administrator of the whole authority can set the deadlines.');
        return setComplaintDeadlines(db, request.body);
      },
    );

    app.get(
      '/api/complaints/:id',
      { schema: { tags, summary: 'One complaint', params: ZId, response: { 200: ZComplaintView } } },
      async (request) => {
        const principal = requirePrincipal(request);
        if (principal.kind === 'staff') requireStaff(request, HANDLERS);
        return getComplaint(db, principal, request.params.id, new Date(), request.id);
      },
    );

    handling(
      'classification',
      'Reclassify the complaint (procedure or decision), with a reason',
      ZReclassifyComplaintRequest,
      reclassifyComplaint,
    );
    handling('handler', 'Give the complaint to another handler', ZAssignComplaintRequest, assignComplaint);
    handling(
      'reconsideration',
      'Reconsider the decision: uphold and forward to the appeal body, or change it',
      ZReconsiderComplaintRequest,
      reconsiderComplaint,
    );
    handling('appeal-outcome', "Register the appeal body's decision", ZAppealOutcomeRequest, registerAppealOutcome);
    handling('answer', 'Answer a complaint about the procedure', ZAnswerComplaintRequest, answerComplaint);

    app.get(
      '/api/advisor-findings',
      {
        schema: {
          tags,
          summary: "The citizens' advisor's findings concerning your units",
          response: { 200: z.array(ZFindingView) },
        },
      },
      async (request) => listFindings(db, requireStaff(request, FIGURE_READERS)),
    );

    app.post(
      '/api/advisor-findings',
      {
        schema: {
          tags,
          summary: "Record a finding of the citizens' advisor",
          body: ZCreateFindingRequest,
          response: { 201: ZCreated },
        },
      },
      async (request, reply) => {
        const id = await createFinding(db, requireStaff(request, ['quality']), request.body);
        return reply.status(201).send({ id });
      },
    );

    app.post(
      '/api/advisor-findings/:id/status',
      {
        schema: {
          tags,
          summary: 'Move a finding on in its follow-up',
          params: ZId,
          body: ZFindingStatusRequest,
          response: { 200: ZFindingView },
        },
      },
      async (request) =>
        setFindingStatus(db, requireStaff(request, ['quality']), request.params.id, request.body.status),
    );

    app.post(
      '/api/advisor-actions/:id/done',
      {
        schema: {
          tags,
          summary: 'Mark an action of a finding done (or not)',
          params: ZId,
          body: ZFindingActionDoneRequest,
          response: { 200: ZFindingView },
        },
      },
      async (request) => setActionDone(db, requireStaff(request, ['quality']), request.params.id, request.body.done),
    );
  };
}

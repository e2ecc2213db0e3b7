import type { Updateable } from 'kysely';
import type {
  TAnswerComplaintRequest,
  TAppealOutcomeRequest,
  TAssignComplaintRequest,
  TReclassifyComplaintRequest,
  TReconsiderComplaintRequest,
} from '@sagsgang/contracts';
import { hasRole, type Principal } from '../../../platform/auth/principal.js';
import { AppError } from '../../../platform/errors.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import {
  decideCase,
  getComplaintCaseFacts,
  handlesCasesOf,
  recordCaseEvent,
  reopenCase,
  type CaseEventListener,
  type ComplaintCaseFacts,
} from '../../cases/index.js';
import { complaintsRepository as repo, type ComplaintRow } from '../complaints.repository.js';
import type { ComplaintTable } from '../complaints.tables.js';
import { assertCanHandle } from '../complaint-access.js';
import { responseDeadline } from './receive-complaint.js';

export interface ComplaintContext {
  db: Executor;
  principal: Principal;
  now?: Date;
  /** Told of the case commands a complaint causes (a new decision, a reopened case). */
  listeners?: readonly CaseEventListener[];
}

export type ComplaintStep = 'reclassify' | 'assign' | 'reconsider' | 'register_appeal_outcome' | 'answer';

function invalidState(step: ComplaintStep, c: ComplaintRow, why: string): AppError {
  return new AppError('invalid_state', `Cannot ${step.replaceAll('_', ' ')} the complaint: ${why}`, {
    step,
    state: c.state,
    kind: c.kind,
  });
}

interface Change {
  changes: Updateable<ComplaintTable>;
  activity: string;
  attributes?: Record<string, unknown>;
}

/**
 * One step on a complaint, in one transaction: lock it, check access and version, let the step decide the change
 * (it may run case commands in the same transaction), write it and its event on the case's log.
 */
async function step(
  ctx: ComplaintContext,
  id: string,
  expectedVersion: number,
  decide: (c: ComplaintRow, facts: ComplaintCaseFacts, trx: Executor, now: Date) => Promise<Change> | Change,
): Promise<ComplaintRow> {
  const now = ctx.now ?? new Date();
  return inTransaction(ctx.db, async (trx) => {
    const c = await repo.findForUpdate(trx, id);
    if (!c) throw new AppError('not_found', 'No such complaint.');
    const facts = await getComplaintCaseFacts(trx, { id: c.case_id });
    assertCanHandle(ctx.principal, {
      id,
      unitId: c.unit_id,
      caseAssigneeId: facts.assigneeId,
      handlerId: c.handler_id,
      complainantId: c.complainant_id,
    });
    if (c.version !== expectedVersion)
      throw new AppError('conflict', 'Someone else changed this complaint since you opened it. Reload it.', {
        reason: 'stale_version',
        currentVersion: c.version,
      });
    const change = await decide(c, facts, trx, now);
    const updated = await repo.update(trx, id, expectedVersion, change.changes);
    if (!updated) throw new AppError('conflict', 'Someone else changed this complaint since you opened it.');
    await recordCaseEvent(trx, {
      caseId: c.case_id,
      activity: change.activity,
      actorId: ctx.principal.userId,
      occurredAt: now,
      attributes: { complaintId: id, kind: updated.kind, ...change.attributes },
    });
    return updated;
  });
}

/** Staff may move a complaint between procedure and decision while it is unanswered, with a reason. */
export function reclassifyComplaint(ctx: ComplaintContext, id: string, input: TReclassifyComplaintRequest) {
  return step(ctx, id, input.expectedVersion, async (c, facts, trx) => {
    if (c.state !== 'received') throw invalidState('reclassify', c, 'it has already been handled.');
    if (c.kind === input.kind)
      throw new AppError('validation', `kind: the complaint is already about the ${c.kind}.`, [
        { path: 'kind', message: 'unchanged' },
      ]);
    if (input.kind === 'decision' && !facts.latestDecision)
      throw new AppError('validation', 'kind: the case has no decision to complain about.', [
        { path: 'kind', message: 'no decision yet' },
      ]);
    const deadline = await responseDeadline(trx, input.kind, new Date(c.received_at));
    return {
      activity: 'complaint_reclassified',
      attributes: { from: c.kind, to: input.kind },
      changes: {
        kind: input.kind,
        reclassified_reason: input.reason,
        decision_event_id: input.kind === 'decision' ? (facts.latestDecision?.eventId ?? null) : null,
        response_deadline: deadline.responseDeadline,
        warn_date: deadline.warnDate,
      },
    };
  });
}

/** Gives the complaint to another handler of the unit (a caseworker, team lead or the quality unit). */
export function assignComplaint(ctx: ComplaintContext, id: string, input: TAssignComplaintRequest) {
  return step(ctx, id, input.expectedVersion, async (c, _facts, trx) => {
    if (c.state !== 'received') throw invalidState('assign', c, 'it has already been handled.');
    if (!(await handlesCasesOf(trx, input.handlerId, c.unit_id)))
      throw new AppError('validation', 'handlerId: this person does not handle cases of the unit.', [
        { path: 'handlerId', message: 'not in the unit' },
      ]);
    return {
      activity: 'complaint_assigned',
      attributes: { handlerId: input.handlerId },
      changes: { handler_id: input.handlerId },
    };
  });
}

/**
 * The authority's reconsideration of the decision complained of: upheld and forwarded to the appeal body named on
 * the case type, with the forwarding letter; or changed by a new decision on the case (the case is reopened and
 * decided anew, so its clock and figures count the new decision).
 */
export function reconsiderComplaint(ctx: ComplaintContext, id: string, input: TReconsiderComplaintRequest) {
  return step(ctx, id, input.expectedVersion, async (c, facts, trx, now) => {
    if (c.kind !== 'decision')
      throw invalidState('reconsider', c, 'only a complaint about a decision is reconsidered.');
    if (c.state !== 'received') throw invalidState('reconsider', c, 'it has already been reconsidered.');
    if (input.result === 'upheld') {
      const body = facts.definition.appeal?.body;
      if (!body) throw invalidState('reconsider', c, 'the case type names no appeal body to forward it to.');
      return {
        activity: 'complaint_forwarded',
        attributes: { reconsideration: 'upheld', appealBody: body.da },
        changes: {
          state: 'forwarded',
          reconsideration: 'upheld',
          reconsidered_at: now,
          reconsideration_reasons: input.reasons,
          forwarded_at: now,
          appeal_body: body.da,
          forwarding_letter: input.forwardingLetter,
        },
      };
    }
    if (!hasRole(ctx.principal, ['caseworker', 'teamlead'], c.unit_id))
      throw new AppError('forbidden', 'Only casework staff of the unit may make a new decision.', {
        unitId: c.unit_id,
      });
    const caseCtx = { db: trx, actor: ctx.principal, now, listeners: ctx.listeners };
    const reopened = await reopenCase(caseCtx, facts.id, {
      expectedVersion: facts.version,
      reason: 'reconsidered',
      complaintId: id,
    });
    await decideCase(caseCtx, facts.id, { expectedVersion: reopened.case.version, ...input.decision });
    return {
      activity: 'complaint_reconsidered',
      attributes: { reconsideration: input.result, outcome: input.decision.outcome },
      changes: {
        state: 'changed_by_authority',
        reconsideration: input.result,
        reconsidered_at: now,
        reconsideration_reasons: input.reasons,
      },
    };
  });
}

/**
 * The appeal body's decision on a forwarded complaint. A remitted case (hjemvist) goes back into its unit's work
 * queue, reopened, its clock resuming with the budget it had left.
 */
export function registerAppealOutcome(ctx: ComplaintContext, id: string, input: TAppealOutcomeRequest) {
  return step(ctx, id, input.expectedVersion, async (c, facts, trx, now) => {
    if (c.state === 'appeal_decided')
      throw invalidState('register_appeal_outcome', c, 'its outcome is registered already.');
    if (c.state !== 'forwarded') throw invalidState('register_appeal_outcome', c, 'it was never forwarded.');
    if (input.decidedOn < new Date(c.forwarded_at!).toISOString().slice(0, 10))
      throw new AppError('validation', 'decidedOn: must not be before the complaint was forwarded.', [
        { path: 'decidedOn', message: 'before forwarding' },
      ]);
    if (input.outcome === 'remitted') {
      // The appeal body acts through the authority's own staff here; the access was checked on the complaint.
      await reopenCase(
        { db: trx, actor: { system: true, userId: ctx.principal.userId }, now, listeners: ctx.listeners },
        facts.id,
        { expectedVersion: facts.version, reason: 'remitted', complaintId: id },
      );
    }
    return {
      activity: 'appeal_decided',
      attributes: { appealOutcome: input.outcome, decidedOn: input.decidedOn },
      changes: {
        state: 'appeal_decided',
        appeal_outcome: input.outcome,
        appeal_decided_on: input.decidedOn,
        appeal_reasons: input.reasons,
      },
    };
  });
}

/** The answer to a complaint about the procedure: a letter, an outcome and its cause. */
export function answerComplaint(ctx: ComplaintContext, id: string, input: TAnswerComplaintRequest) {
  return step(ctx, id, input.expectedVersion, (c, _facts, _trx, now) => {
    if (c.kind !== 'procedure')
      throw invalidState('answer', c, 'a complaint about a decision is reconsidered, not answered.');
    if (c.state !== 'received') throw invalidState('answer', c, 'it has been answered already.');
    return {
      activity: 'complaint_answered',
      attributes: { outcome: input.outcome, cause: input.cause },
      changes: {
        state: 'answered',
        answered_at: now,
        answer_letter: input.letter,
        procedure_outcome: input.outcome,
        procedure_cause: input.cause,
      },
    };
  });
}

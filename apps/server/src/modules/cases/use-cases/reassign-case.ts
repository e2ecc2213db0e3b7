import {
  AUDIT_PURPOSES,
  type TBulkReassignRequest,
  type TBulkReassignResult,
  type TReassignCaseRequest,
} from '@sagsgang/contracts';
import { AppError, isAppError } from '../../../platform/errors.js';
import { hasRole } from '../../../platform/auth/principal.js';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import {
  assertCaseAccess,
  requireState,
  runCommand,
  type Actor,
  type CaseContext,
  type CommandResult,
} from '../case-command.js';
import { casesRepository as repo } from '../cases.repository.js';

/** Team leads distribute work; a caseworker may only take a case themselves or hand it back to the unassigned pile. */
function assertMayReassign(actor: Actor, unitId: string, assigneeId: string | null, targetUnitId: string): void {
  if ('system' in actor) return;
  const lead = hasRole(actor, ['teamlead'], unitId) && hasRole(actor, ['teamlead'], targetUnitId);
  if (lead) return;
  assertCaseAccess(actor, unitId, ['caseworker']);
  if (targetUnitId !== unitId || (assigneeId !== null && assigneeId !== actor.userId)) {
    throw new AppError('forbidden', 'Only a team lead can give a case to someone else or move it to another unit.', {
      unitId,
    });
  }
}

export function reassignCase(ctx: CaseContext, caseId: string, input: TReassignCaseRequest): Promise<CommandResult> {
  return runCommand(ctx, {
    caseId,
    expectedVersion: input.expectedVersion,
    roles: ['caseworker', 'teamlead'],
    decide: async (c, _definition, _events, trx) => {
      requireState(c, ['received', 'in_progress', 'awaiting_applicant', 'awaiting_hearing', 'decided'], 'reassign');
      const unitId = input.unitId ?? c.unit_id;
      assertMayReassign(ctx.actor, c.unit_id, input.assigneeId, unitId);
      if (input.assigneeId && !(await repo.canHandleUnit(trx, input.assigneeId, unitId))) {
        throw new AppError('validation', 'assigneeId: this person does not handle cases of the unit', [
          { path: 'assigneeId', message: 'not in the unit' },
        ]);
      }
      return {
        activity: 'reassigned',
        attributes: {
          fromAssignee: c.assignee_id,
          toAssignee: input.assigneeId,
          fromUnit: c.unit_id,
          toUnit: unitId,
          ...(input.reason ? { reason: input.reason } : {}),
        },
        changes: { assignee_id: input.assigneeId, unit_id: unitId },
      };
    },
  });
}

/** Reassigns each case in its own transaction: one stale or foreign case does not stop the rest. */
export async function bulkReassign(ctx: CaseContext, input: TBulkReassignRequest): Promise<TBulkReassignResult> {
  const result: TBulkReassignResult = { reassigned: [], failed: [] };
  for (const item of input.cases) {
    try {
      await reassignCase(ctx, item.caseId, {
        expectedVersion: item.expectedVersion,
        assigneeId: input.assigneeId,
        reason: input.reason,
      });
      result.reassigned.push(item.caseId);
    } catch (err) {
      if (!isAppError(err)) throw err;
      if (err.code === 'forbidden' && !('system' in ctx.actor)) {
        await recordAudit(ctx.db, {
          actorUserId: ctx.actor.userId,
          action: 'denied',
          entityType: 'case',
          entityId: item.caseId,
          purpose: AUDIT_PURPOSES.accessRefused,
          requestId: ctx.requestId ?? null,
          details: { code: 'forbidden', operation: 'bulk_reassign' },
        });
      }
      result.failed.push({ caseId: item.caseId, code: err.code, message: err.message });
    }
  }
  return result;
}

import { approximateDays, type TDuration, type TExtendDeadlineRequest } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import { refuseStep, requireState, runCommand, type CaseContext, type CommandResult } from '../case-command.js';
import { deriveClockRow } from '../case-clock.js';
import { loadAuthorityCalendar } from '../../calendar/index.js';

function extensionDays(d: TDuration): number {
  return approximateDays(d);
}

/**
 * Extends the service-goal deadline, with a reason. The applicant must be told the new expected date, so it is
 * computed here and recorded with the event beside the message that tells them.
 */
export function extendDeadline(
  ctx: CaseContext,
  caseId: string,
  input: TExtendDeadlineRequest,
): Promise<CommandResult> {
  const now = ctx.now ?? new Date();
  return runCommand(ctx, {
    caseId,
    expectedVersion: input.expectedVersion,
    decide: async (c, definition, events, trx) => {
      requireState(c, ['received', 'in_progress', 'awaiting_applicant', 'awaiting_hearing'], 'extend_deadline');
      const rule = definition.serviceGoal.extension;
      if (!rule.allowed || !rule.maximum)
        throw refuseStep(
          c,
          'extend_deadline',
          'extension_not_allowed',
          'This case type does not allow the deadline to be extended.',
        );
      const used = events
        .filter((e) => e.activity === 'extended')
        .reduce((n, e) => n + extensionDays(e.attributes.by as TDuration), 0);
      if (used + extensionDays(input.by) > extensionDays(rule.maximum) + 0.5) {
        throw new AppError(
          'validation',
          `by: extensions may add at most ${rule.maximum.amount} ${rule.maximum.unit.replace('_', ' ')} in all`,
          [{ path: 'by', message: 'exceeds the maximum extension' }],
        );
      }
      const event = { activity: 'extended', occurredAt: now, attributes: { by: input.by } };
      const facts = {
        caseId: c.id,
        caseTypeId: c.case_type_id,
        unitId: c.unit_id,
        assigneeId: c.assignee_id,
        state: c.state,
        phaseCode: c.phase_code,
        outcome: c.outcome,
        receivedAt: new Date(c.received_at),
      };
      const calendar = await loadAuthorityCalendar(trx);
      const before = deriveClockRow(facts, events, definition, now, calendar);
      const after = deriveClockRow(facts, [...events, event], definition, now, calendar);
      if (!after.deadline)
        throw refuseStep(
          c,
          'extend_deadline',
          'no_deadline',
          'The clock has not started yet, so there is no deadline to extend.',
        );
      return {
        activity: 'extended',
        attributes: {
          by: input.by,
          reason: input.reason,
          previousDeadline: before.deadline,
          newDeadline: after.deadline,
          applicantMessage: input.applicantMessage,
          applicantNotified: true,
        },
      };
    },
  });
}

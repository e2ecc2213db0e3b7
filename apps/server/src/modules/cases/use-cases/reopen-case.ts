import { AppError } from '../../../platform/errors.js';
import { runCommand, type CaseContext, type CommandResult } from '../case-command.js';

export interface ReopenCaseInput {
  expectedVersion: number;
  /** Why the case is open again, as a code: 'remitted' (the appeal body sent it back), 'reconsidered'. */
  reason: 'remitted' | 'reconsidered';
  /** What caused it (the complaint), kept on the event for the drill-down. */
  complaintId?: string;
}

/**
 * Opens a decided or closed case again, back in its unit's work queue. The clock resumes where the decision stopped
 * it: the days the case stood decided are a pause, so the new deadline is the budget that was left at the decision.
 * The decision stops counting in the figures until the case is decided anew.
 */
export function reopenCase(ctx: CaseContext, caseId: string, input: ReopenCaseInput): Promise<CommandResult> {
  return runCommand(ctx, {
    caseId,
    expectedVersion: input.expectedVersion,
    decide: (c) => {
      if (c.state !== 'decided' && c.state !== 'closed')
        throw new AppError('invalid_state', `Cannot reopen the case: it is ${c.state.replaceAll('_', ' ')}.`, {
          state: c.state,
        });
      return {
        activity: 'reopened',
        attributes: {
          reason: input.reason,
          previousOutcome: c.outcome,
          ...(input.complaintId ? { complaintId: input.complaintId } : {}),
        },
        changes: { state: 'in_progress', outcome: null },
      };
    },
  });
}

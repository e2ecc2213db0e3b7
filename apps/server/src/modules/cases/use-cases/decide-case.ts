import type { TCloseCaseRequest, TDecideCaseRequest } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import { requireState, runCommand, type CaseContext, type CommandResult } from '../case-command.js';

/** The decision: outcome, reasons and the rules applied; appeal guidance whenever the request is not fully granted. */
export function decideCase(ctx: CaseContext, caseId: string, input: TDecideCaseRequest): Promise<CommandResult> {
  return runCommand(ctx, {
    caseId,
    expectedVersion: input.expectedVersion,
    decide: (c, definition) => {
      requireState(c, ['received', 'in_progress', 'awaiting_applicant', 'awaiting_hearing'], 'decide');
      if (!definition.outcomes.includes(input.outcome)) {
        throw new AppError('validation', `outcome: "${input.outcome}" is not an outcome of this case type`, [
          { path: 'outcome', message: 'not allowed' },
        ]);
      }
      const appeal =
        input.appealGuidance && definition.appeal
          ? { appealBody: definition.appeal.body, appealDeadline: definition.appeal.deadline }
          : {};
      return {
        activity: 'decided',
        attributes: {
          outcome: input.outcome,
          reasons: input.reasons,
          legalRules: input.legalRules,
          ...(input.appealGuidance ? { appealGuidance: input.appealGuidance } : {}),
          ...appeal,
          ...(c.state === 'awaiting_applicant' ? { openRequestClosed: true } : {}),
        },
        changes: { state: 'decided', outcome: input.outcome },
      };
    },
  });
}

export function closeCase(ctx: CaseContext, caseId: string, input: TCloseCaseRequest): Promise<CommandResult> {
  return runCommand(ctx, {
    caseId,
    expectedVersion: input.expectedVersion,
    decide: (c) => {
      requireState(c, ['decided'], 'close');
      return {
        activity: 'closed',
        attributes: input.reason ? { reason: input.reason } : {},
        changes: { state: 'closed' },
      };
    },
  });
}

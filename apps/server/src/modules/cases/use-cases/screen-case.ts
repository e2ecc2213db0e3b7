import type { TScreenCaseRequest } from '@sagsgang/contracts';
import { requireState, runCommand, type CaseContext, type CommandResult } from '../case-command.js';

/** The caseworker's screening verdict: fully informed, or the list of what is missing. */
export function screenCase(ctx: CaseContext, caseId: string, input: TScreenCaseRequest): Promise<CommandResult> {
  return runCommand(ctx, {
    caseId,
    expectedVersion: input.expectedVersion,
    decide: (c) => {
      requireState(c, ['received', 'in_progress'], 'screen');
      const fullyInformed = input.verdict === 'fully_informed';
      return {
        activity: 'screened',
        attributes: { fullyInformed, missing: fullyInformed ? [] : input.missing },
        changes: { state: 'in_progress' },
      };
    },
  });
}

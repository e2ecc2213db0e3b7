import { requireState, runCommand, type CaseContext, type CommandResult } from '../case-command.js';

export interface AutomaticScreeningInput {
  expectedVersion: number;
  fullyInformed: boolean;
  /** What the rules found missing or unusable, by requirement, in plain words for the caseworker. */
  missing: { requirementCode: string; text: string }[];
  /** The rules' findings as values (code, requirement, file), kept for the caseworker and the figures. */
  findings: unknown[];
}

/**
 * The automatic checks run on receipt. They do not change the case's state or start the clock: the caseworker's
 * verdict (`screened`) confirms or overrides them.
 */
export function recordAutomaticScreening(
  ctx: CaseContext,
  caseId: string,
  input: AutomaticScreeningInput,
): Promise<CommandResult> {
  return runCommand(ctx, {
    caseId,
    expectedVersion: input.expectedVersion,
    decide: (c) => {
      requireState(c, ['received'], 'record_automatic_screening');
      return {
        activity: 'screened_automatically',
        attributes: { fullyInformed: input.fullyInformed, missing: input.missing, findings: input.findings },
      };
    },
  });
}

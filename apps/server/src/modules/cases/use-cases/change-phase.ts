import type { TChangePhaseRequest } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import { refuseStep, requireState, runCommand, type CaseContext, type CommandResult } from '../case-command.js';

/** Moves the case to a phase of its case type. Going back or skipping is allowed: the navigator shows it. */
export function changePhase(ctx: CaseContext, caseId: string, input: TChangePhaseRequest): Promise<CommandResult> {
  return runCommand(ctx, {
    caseId,
    expectedVersion: input.expectedVersion,
    decide: (c, definition) => {
      requireState(c, ['received', 'in_progress', 'awaiting_applicant', 'awaiting_hearing'], 'change_phase');
      const phase = definition.phases.find((p) => p.code === input.phaseCode);
      if (!phase) {
        throw new AppError('validation', `phaseCode: the case type has no phase "${input.phaseCode}"`, [
          { path: 'phaseCode', message: 'unknown phase' },
        ]);
      }
      if (c.phase_code === phase.code)
        throw refuseStep(c, 'change_phase', 'same_phase', `The case is already in the phase "${phase.code}".`);
      return {
        activity: 'phase_changed',
        attributes: { from: c.phase_code, to: phase.code, notifyApplicant: phase.notifyApplicant },
        changes: { phase_code: phase.code },
      };
    },
  });
}

import type { TRecordNoteRequest } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import { runCommand, type CaseContext, type CommandResult } from '../case-command.js';

/** The duty to record notes: who said what, and when. Notes may be added at any stage, also after closing. */
export function recordNote(ctx: CaseContext, caseId: string, input: TRecordNoteRequest): Promise<CommandResult> {
  const now = ctx.now ?? new Date();
  return runCommand(ctx, {
    caseId,
    expectedVersion: input.expectedVersion,
    decide: () => {
      if (new Date(input.when) > now)
        throw new AppError('validation', 'when: cannot be in the future', [{ path: 'when', message: 'in the future' }]);
      return {
        activity: 'note_recorded',
        attributes: { kind: input.kind, who: input.who, when: input.when, what: input.what },
      };
    },
  });
}

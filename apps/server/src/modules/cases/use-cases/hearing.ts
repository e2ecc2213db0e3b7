import type { TRecordHearingReplyRequest, TStartHearingRequest } from '@sagsgang/contracts';
import { localDateOf } from '@sagsgang/clock';
import { AppError } from '../../../platform/errors.js';
import { refuseStep, requireState, runCommand, type CaseContext, type CommandResult } from '../case-command.js';

/** Hearing of parties: the party may comment on information before the decision, by the reply date. */
export function startHearing(ctx: CaseContext, caseId: string, input: TStartHearingRequest): Promise<CommandResult> {
  const today = localDateOf(ctx.now ?? new Date());
  return runCommand(ctx, {
    caseId,
    expectedVersion: input.expectedVersion,
    decide: (c) => {
      requireState(c, ['received', 'in_progress'], 'start_hearing');
      if (input.replyBy <= today) {
        throw new AppError('validation', 'replyBy: the reply deadline must be after today', [
          { path: 'replyBy', message: 'not after today' },
        ]);
      }
      return {
        activity: 'hearing_started',
        attributes: { party: input.party, subject: input.subject, replyBy: input.replyBy },
        changes: { state: 'awaiting_hearing' },
      };
    },
  });
}

export function recordHearingReply(
  ctx: CaseContext,
  caseId: string,
  input: TRecordHearingReplyRequest,
): Promise<CommandResult> {
  return runCommand(ctx, {
    caseId,
    expectedVersion: input.expectedVersion,
    decide: (c) => {
      if (c.state !== 'awaiting_hearing')
        throw refuseStep(c, 'register_hearing_reply', 'no_hearing_pending', 'No hearing is waiting for a reply.');
      return { activity: 'hearing_replied', attributes: { summary: input.summary }, changes: { state: 'in_progress' } };
    },
  });
}

import type { TReceiveInformationRequest, TRequestInformationRequest } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import { refuseStep, requireState, runCommand, type CaseContext, type CommandResult } from '../case-command.js';

/** Asks the applicant for what is missing; the clock pauses if the case type says so. */
export function requestInformation(
  ctx: CaseContext,
  caseId: string,
  input: TRequestInformationRequest,
): Promise<CommandResult> {
  return runCommand(ctx, {
    caseId,
    expectedVersion: input.expectedVersion,
    decide: (c, definition) => {
      if (c.state === 'awaiting_applicant')
        throw refuseStep(
          c,
          'request_information',
          'request_pending',
          'An information request is already waiting for an answer.',
        );
      requireState(c, ['received', 'in_progress'], 'request_information');
      return {
        activity: 'information_requested',
        attributes: {
          items: input.items,
          message: input.message,
          dueDate: input.dueDate,
          pausesClock: definition.serviceGoal.pauseWhileAwaitingApplicant,
        },
        changes: { state: 'awaiting_applicant' },
      };
    },
  });
}

/** Records the applicant's answer to the open request; the clock resumes. */
export function receiveInformation(
  ctx: CaseContext,
  caseId: string,
  input: TReceiveInformationRequest,
): Promise<CommandResult> {
  const now = ctx.now ?? new Date();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  return runCommand(ctx, {
    caseId,
    expectedVersion: input.expectedVersion,
    decide: (c, _definition, events) => {
      if (c.state !== 'awaiting_applicant')
        throw refuseStep(
          c,
          'register_information',
          'no_request_pending',
          'No information request is waiting for an answer.',
        );
      const requested = [...events].reverse().find((e) => e.activity === 'information_requested');
      if (requested && receivedAt < new Date(requested.occurredAt)) {
        throw new AppError('validation', 'receivedAt: cannot be before the request was sent', [
          { path: 'receivedAt', message: 'before the request' },
        ]);
      }
      if (receivedAt > now)
        throw new AppError('validation', 'receivedAt: cannot be in the future', [
          { path: 'receivedAt', message: 'in the future' },
        ]);
      return {
        activity: 'information_received',
        attributes: { fullyInformed: input.fullyInformed, ...(input.summary ? { summary: input.summary } : {}) },
        changes: { state: 'in_progress' },
        occurredAt: receivedAt,
      };
    },
  });
}

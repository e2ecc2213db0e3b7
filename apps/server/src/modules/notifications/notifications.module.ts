import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { onCaseEvent } from '../cases/index.js';
import { notifyApplicantOfCaseEvent } from './case-event-notifier.js';

/** E-mails to applicants: queued in the transaction of the case change that causes them, sent by a job. */
export function notificationsModule(_ctx: AppContext) {
  return async (_app: FastifyInstance): Promise<void> => {
    onCaseEvent(notifyApplicantOfCaseEvent);
  };
}

import type { Executor } from '../../platform/db/transaction.js';
import { enqueueJob } from '../../platform/jobs/index.js';
import type { NotificationKind } from './notification-templates.js';
import { notificationsRepository as repo } from './notifications.repository.js';

export const NOTIFICATION_JOB = 'notification.send';

export interface QueueNotificationInput {
  caseId: string | null;
  recipientUserId: string;
  kind: NotificationKind;
  /** Template values; texts may be given in several languages ({ da, en, sv }) and ISO dates are formatted. */
  values: Record<string, unknown>;
}

/**
 * Queues an e-mail in the caller's transaction: the notification row and the job that sends it commit with the
 * case change they report, or not at all. Sending happens later, in the job, with retries.
 */
export async function queueNotification(trx: Executor, input: QueueNotificationInput): Promise<number> {
  const id = await repo.insert(trx, input);
  // Eight attempts with the runner's doubling backoff span about 20 minutes of relay trouble.
  await enqueueJob(trx, { kind: NOTIFICATION_JOB, payload: { notificationId: id }, maxAttempts: 8 });
  return id;
}

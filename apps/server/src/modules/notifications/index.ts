// Public face of the notifications module: e-mails to applicants from templates, sent by a background job.
import type { ModuleDescriptor } from '../../platform/context.js';
import { notifyApplicantOfCaseEvent } from './case-event-notifier.js';
import { notificationsJobs } from './notifications.jobs.js';

/** E-mails to applicants: queued in the transaction of the case change that causes them, sent by a job. */
export const notificationsModule: ModuleDescriptor = {
  name: 'notifications',
  jobs: notificationsJobs,
  caseEventListeners: [notifyApplicantOfCaseEvent],
};

export { formatDate, formatDayMonth } from './format-date.js';
export { NOTIFICATION_KINDS, renderNotification, type NotificationKind } from './notification-templates.js';
export { createMailer, type Mailer } from './mailer.js';
export { deliverNotification } from './deliver-notification.js';
export { queueNotification, NOTIFICATION_JOB, type QueueNotificationInput } from './notifications.service.js';
export { plannedNotification, notifyApplicantOfCaseEvent } from './case-event-notifier.js';
export { lettersOfCase } from './case-letters.js';

// Public face of the notifications module: e-mails to applicants from templates, sent by a background job.
import './notifications.jobs.js';
export { formatDate, formatDayMonth } from './format-date.js';
export { NOTIFICATION_KINDS, renderNotification, type NotificationKind } from './notification-templates.js';
export { createMailer, type Mailer } from './mailer.js';
export { deliverNotification } from './deliver-notification.js';
export { queueNotification, NOTIFICATION_JOB, type QueueNotificationInput } from './notifications.service.js';
export { notificationsModule } from './notifications.module.js';
export { plannedNotification, notifyApplicantOfCaseEvent } from './case-event-notifier.js';
export { lettersOfCase } from './case-letters.js';

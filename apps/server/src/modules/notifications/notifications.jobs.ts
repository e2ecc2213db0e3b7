import type { AppConfig } from '../../platform/config.js';
import { PermanentJobError, type JobDefinition } from '../../platform/jobs/index.js';
import { deliverNotification } from './deliver-notification.js';
import { createMailer, type Mailer } from './mailer.js';
import { NOTIFICATION_JOB } from './notifications.service.js';

// One mailer per configuration (an app, or a test's app), made on first use.
const mailers = new WeakMap<AppConfig, Mailer>();

function mailerFor(config: AppConfig): Mailer {
  let m = mailers.get(config);
  if (!m) {
    m = createMailer(config);
    mailers.set(config, m);
  }
  return m;
}

/** The notifications module's job handlers, by kind. */
export const notificationsJobs: Record<string, JobDefinition> = {
  // Sends one queued notification; a relay failure throws, so the runner retries with backoff.
  [NOTIFICATION_JOB]: {
    handler: async (job, { ctx }) => {
      const id = (job.payload as { notificationId?: unknown } | null)?.notificationId;
      if (typeof id !== 'number') throw new PermanentJobError('payload has no notificationId');
      return {
        outcome: await deliverNotification(
          { db: ctx.database.db, mailer: mailerFor(ctx.config), config: ctx.config },
          id,
        ),
      };
    },
  },
};

import type { AppConfig } from '../../platform/config.js';
import { PermanentJobError, type JobDefinition } from '../../platform/jobs/index.js';
import { createMailer, type Mailer } from '../notifications/index.js';
import { sendInvitation, SURVEY_INVITE_JOB } from './survey-invitations.service.js';

// One mailer per configuration (an app, or a test's app), made on first use.
const mailers = new WeakMap<AppConfig, Mailer>();

function mailerFor(config: AppConfig): Mailer {
  let m = mailers.get(config);
  if (!m) mailers.set(config, (m = createMailer(config)));
  return m;
}

/** The surveys module's job handlers, by kind. */
export const surveysJobs: Record<string, JobDefinition> = {
  // Sends one due invitation; a relay failure throws, so the runner retries with backoff and a fresh link.
  [SURVEY_INVITE_JOB]: {
    handler: async (job, { ctx }) => {
      const id = (job.payload as { invitationId?: unknown } | null)?.invitationId;
      if (typeof id !== 'string') throw new PermanentJobError('payload has no invitationId');
      return {
        outcome: await sendInvitation({ db: ctx.database.db, mailer: mailerFor(ctx.config), config: ctx.config }, id),
      };
    },
  },
};

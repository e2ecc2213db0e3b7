import type { Locale } from '@sagsgang/contracts';
import type { AppConfig } from '../../platform/config.js';
import { PermanentJobError, type JobDefinition } from '../../platform/jobs/index.js';
import { translator } from '../../platform/i18n/i18n.js';
import { createMailer, formatDate, type Mailer } from '../notifications/index.js';
import { bookingsRepository as repo, type BookingRow } from './bookings.repository.js';
import { BOOKING_MAIL_JOB, type BookingMailPayload } from './bookings.service.js';
import { bookingsIcs } from './booking-ics.js';
import { localPartsOf } from './local-time.js';

const mailers = new WeakMap<AppConfig, Mailer>();
function mailerFor(config: AppConfig): Mailer {
  let m = mailers.get(config);
  if (!m) mailers.set(config, (m = createMailer(config)));
  return m;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The mail of a booking: its text in the citizen's language and the booking as an iCalendar attachment. */
export function bookingMail(b: BookingRow, kind: BookingMailPayload['kind'], config: AppConfig) {
  const locale = (b.citizen_locale ?? 'da') as Locale;
  const t = translator(locale);
  const local = localPartsOf(new Date(b.starts_at));
  const time = `${String(Math.floor(local.minutes / 60)).padStart(2, '0')}.${String(local.minutes % 60).padStart(2, '0')}`;
  const values = {
    appointment: locale === 'da' ? b.name_da : b.name_en,
    date: formatDate(locale, local.date),
    time,
    staff: b.staff_name,
    authority: config.authorityName,
  };
  const subject = t(`contacts:mailSubject_${kind}`, values);
  const text = [
    t(`contacts:mailBody_${kind}`, values),
    t(`contacts:appointmentChannel_${b.channel}`),
    t('contacts:mailManage', { url: `${config.publicUrl}/mine-aftaler` }),
  ].join('\n\n');
  const method = kind === 'cancellation' ? 'CANCEL' : 'REQUEST';
  const ics = bookingsIcs([b], {
    authorityName: config.authorityName,
    host: new URL(config.publicUrl).hostname,
    locale,
    method,
    audience: 'citizen',
  });
  return {
    subject,
    text,
    html: text
      .split('\n\n')
      .map((p) => `<p>${escape(p)}</p>`)
      .join(''),
    attachments: [
      { filename: 'aftale.ics', content: ics, contentType: `text/calendar; charset=utf-8; method=${method}` },
    ],
  };
}

/** The contacts module's job handlers: the booking mails (confirmation, reminder, cancellation). */
export const contactsJobs: Record<string, JobDefinition> = {
  [BOOKING_MAIL_JOB]: {
    handler: async (job, { ctx }) => {
      const p = job.payload as Partial<BookingMailPayload> | null;
      if (typeof p?.bookingId !== 'string' || !p.kind) throw new PermanentJobError('payload has no booking');
      const b = await repo.byId(ctx.database.db, p.bookingId);
      if (!b) return { outcome: 'gone' };
      // A reminder of a booking since cancelled or moved is not sent.
      if (p.kind === 'reminder' && b.status !== 'booked') return { outcome: 'not_booked' };
      const to = b.citizen_email ?? b.citizen_account_email;
      if (!to) return { outcome: 'no_address' };
      const mail = bookingMail(b, p.kind, ctx.config);
      const sent = await mailerFor(ctx.config).send({
        to,
        messageId: `<booking-${b.id}-${p.kind}-${job.id}@sagsgang>`,
        ...mail,
      });
      return { outcome: sent.delivered ? 'sent' : 'logged' };
    },
  },
};

import { createEvents, type EventAttributes } from 'ics';
import type { Locale } from '@sagsgang/contracts';
import { translator } from '../../platform/i18n/i18n.js';
import type { BookingRow } from './bookings.repository.js';

export interface IcsOptions {
  authorityName: string;
  /** The host name the event ids are made unique under. */
  host: string;
  locale: Locale;
  /** REQUEST for a mail the receiver's calendar should add, PUBLISH for a subscribed feed. */
  method: 'REQUEST' | 'PUBLISH' | 'CANCEL';
  /** Whose calendar it is: the citizen's mail leaves out the citizen's own name, the staff feed names the citizen. */
  audience: 'citizen' | 'staff';
}

function event(b: BookingRow, o: IcsOptions): EventAttributes {
  const t = translator(o.locale);
  const name = o.locale === 'da' ? b.name_da : b.name_en;
  const cancelled = b.status === 'cancelled' || o.method === 'CANCEL';
  return {
    uid: `booking-${b.id}@${o.host}`,
    sequence: b.sequence + (cancelled ? 1 : 0),
    start: new Date(b.starts_at).getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: new Date(b.ends_at).getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title:
      o.audience === 'staff'
        ? t('contacts:icsStaffTitle', { appointment: name, citizen: b.citizen_name })
        : t('contacts:icsCitizenTitle', { appointment: name, authority: o.authorityName }),
    description: t(`contacts:appointmentChannel_${b.channel}`),
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
    productId: 'sagsgang/contacts',
  };
}

/** An iCalendar document of bookings (one for a mail, all of a person's for a feed). */
export function bookingsIcs(rows: readonly BookingRow[], o: IcsOptions): string {
  if (rows.length === 0) {
    // `ics` refuses an empty calendar; an empty feed is still a valid one.
    return [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:sagsgang/contacts',
      `METHOD:${o.method}`,
      'END:VCALENDAR',
      '',
    ].join('\r\n');
  }
  const { error, value } = createEvents(
    rows.map((b) => event(b, o)),
    { method: o.method, productId: 'sagsgang/contacts', calName: o.authorityName },
  );
  if (error || !value) throw error ?? new Error('the calendar could not be made');
  return value;
}

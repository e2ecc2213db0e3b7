import { addCalendarDays, createBusinessCalendar, localDateOf, toDayNumber } from '@sagsgang/clock';
import type { Executor } from '../../../platform/db/transaction.js';
import type { ImportedBooking, ImportedInquiry } from '../../contacts/index.js';
import { importBookingHistory, importInquiryHistory } from '../../contacts/index.js';
import { createRng, type Rng } from '../case-history/demo-prng.js';

const CHANNELS = ['phone', 'counter', 'email', 'web_form', 'self_service', 'letter'] as const;
/** Shares two years ago and today: the slow shift toward digital channels. */
const SHARE_THEN = [0.44, 0.22, 0.13, 0.07, 0.1, 0.04];
const SHARE_NOW = [0.36, 0.15, 0.15, 0.13, 0.18, 0.03];

/** Topic, its weight and its first-contact resolution: simple topics are resolved at once, casework less often. */
const TOPICS: readonly { code: string; weight: number; fcr: number; unit: string }[] = [
  { code: '05.02.00', weight: 0.2, fcr: 0.93, unit: 'bs-skranke' },
  { code: '23.05.00', weight: 0.15, fcr: 0.9, unit: 'bs-kontaktcenter' },
  { code: '25.10.00', weight: 0.1, fcr: 0.82, unit: 'bs-kontaktcenter' },
  { code: '26.02.02', weight: 0.12, fcr: 0.62, unit: 'udl-familie' },
  { code: '26.02.10', weight: 0.06, fcr: 0.7, unit: 'udl-erhverv' },
  { code: '32.18.02', weight: 0.13, fcr: 0.76, unit: 'cbi-ydelser' },
  { code: '32.24.02', weight: 0.1, fcr: 0.86, unit: 'cbi-ydelser' },
  { code: '02.00.00', weight: 0.09, fcr: 0.66, unit: 'cbm-byggesag' },
  { code: '15.02.10', weight: 0.05, fcr: 0.68, unit: 'cbi-integration' },
];
const REFERRALS = ['Skattestyrelsen', 'Udbetaling Danmark', 'SIRI', 'Familieretshuset'];

function pickWeighted<T>(rng: Rng, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rng() * total;
  for (let i = 0; i < items.length; i++) if ((x -= weights[i]) < 0) return items[i];
  return items[items.length - 1];
}

/** Minutes after midnight of an inquiry on a channel: the counter and phone keep their hours, mail comes any time. */
function minuteOf(rng: Rng, channel: string, weekday: number): number {
  if (channel === 'counter') return rng.int(10 * 60, (weekday === 4 ? 17 * 60 : weekday === 5 ? 13 * 60 : 15 * 60) - 1);
  // A few calls are registered from the voicemail after hours.
  if (channel === 'phone')
    return rng.chance(0.04) ? rng.int(16 * 60, 19 * 60) : rng.int(8 * 60, (weekday === 5 ? 13 : 16) * 60 - 1);
  if (channel === 'letter') return rng.int(9 * 60, 12 * 60);
  // Digital: through the day, with an evening peak.
  return rng.chance(0.3) ? rng.int(19 * 60, 23 * 60) : rng.int(7 * 60, 19 * 60);
}

function instant(date: string, minutes: number): Date {
  // Copenhagen is UTC+1 in winter and +2 in summer; the demo places times by the local day's offset.
  const month = Number(date.slice(5, 7));
  const offset = month >= 4 && month <= 10 ? 120 : 60;
  return new Date(Date.parse(`${date}T00:00:00Z`) + (minutes - offset) * 60_000);
}

export interface DemoContactsInput {
  units: Record<string, string>;
  citizens: string[];
  /** Inquiries per ordinary working day on average (about 250 working days a year). */
  perDay: number;
  /** The share of bookable times that were booked in the past (0.45 in the full demo). */
  bookedShare: number;
  appointmentTypes: { id: string; durationMin: number; staffId: string; availability: [number, number, number][] }[];
  today?: string;
}

/** Two years of inquiries and bookings, the same for the same input: seasonal, mostly by phone, drifting to digital. */
export async function generateDemoContacts(db: Executor, input: DemoContactsInput) {
  const started = performance.now();
  const rng = createRng(20_100);
  const calendar = createBusinessCalendar({ closeObservances: true });
  const today = input.today ?? localDateOf(new Date());
  const first = addCalendarDays(today, -730);
  const inquiries: ImportedInquiry[] = [];
  for (let d = first; d < today; d = addCalendarDays(d, 1)) {
    const dayNo = toDayNumber(d);
    const weekday = ((((dayNo + 3) % 7) + 7) % 7) + 1;
    const working = calendar.isWorkingDay(d);
    const t = (dayNo - toDayNumber(first)) / 730;
    // More in January and August (moves, benefits, the start of the school year), fewer in July and at Christmas.
    const month = Number(d.slice(5, 7));
    const season = {
      1: 1.25,
      2: 1.1,
      3: 1.05,
      4: 1,
      5: 0.95,
      6: 0.9,
      7: 0.65,
      8: 1.2,
      9: 1.05,
      10: 1,
      11: 1,
      12: 0.75,
    }[month]!;
    const mondayPeak = weekday === 1 ? 1.25 : weekday === 5 ? 0.8 : 1;
    const expected = working ? input.perDay * season * mondayPeak : input.perDay * 0.08;
    const x = expected * (0.85 + rng() * 0.3);
    const n = Math.floor(x) + (rng() < x - Math.floor(x) ? 1 : 0);
    const shares = SHARE_THEN.map((s, i) => s + (SHARE_NOW[i] - s) * t);
    for (let i = 0; i < n; i++) {
      const channel = working
        ? pickWeighted(rng, CHANNELS, shares)
        : rng.pick(['email', 'web_form', 'self_service'] as const);
      const topic = pickWeighted(
        rng,
        TOPICS,
        TOPICS.map((x) => x.weight),
      );
      const minutes = minuteOf(rng, channel, weekday);
      const receivedAt = instant(d, minutes);
      const fcr = Math.min(
        0.97,
        topic.fcr + 0.03 * t + (channel === 'counter' ? 0.03 : channel === 'letter' ? -0.1 : 0),
      );
      const r = rng();
      const result = r < fcr ? 'resolved' : r < fcr + (1 - fcr) * 0.85 ? 'forwarded' : 'referred';
      const due = result === 'forwarded' ? calendar.addWorkingDays(d, 3) : null;
      const answeredAt =
        result === 'forwarded'
          ? new Date(receivedAt.getTime() + rng.logNormal(rng.chance(0.85) ? 1.5 : 6, 0.5) * 86_400_000)
          : null;
      const counterOpen =
        channel === 'counter' || channel === 'phone'
          ? working && minutes >= 8 * 60 && minutes < 16 * 60
          : working && minutes >= 8 * 60 && minutes < 17 * 60;
      inquiries.push({
        receivedAt,
        channel,
        topicCode: topic.code,
        unitId: input.units[channel === 'counter' ? 'bs-skranke' : 'bs-kontaktcenter'],
        citizenId: rng.chance(0.002) ? rng.pick(input.citizens) : null,
        note: '',
        result,
        referredTo: result === 'referred' ? rng.pick(REFERRALS) : null,
        forwardedUnitId: result === 'forwarded' ? input.units[topic.unit] : null,
        dueDate: due,
        answeredAt: answeredAt && answeredAt.getTime() < Date.parse(`${today}T00:00:00Z`) ? answeredAt : null,
        answer: answeredAt ? 'Besvaret af sagsbehandleren.' : null,
        outsideHours: !counterOpen,
      });
    }
  }
  await importInquiryHistory(db, inquiries);

  const bookings: ImportedBooking[] = [];
  for (const type of input.appointmentTypes) {
    for (let d = first; d < addCalendarDays(today, 14); d = addCalendarDays(d, 1)) {
      if (!calendar.isWorkingDay(d)) continue;
      const weekday = ((((toDayNumber(d) + 3) % 7) + 7) % 7) + 1;
      for (const [w, from, to] of type.availability) {
        if (w !== weekday) continue;
        for (let m = from * 60; m + type.durationMin <= to * 60; m += type.durationMin) {
          if (!rng.chance(d < today ? input.bookedShare : 0.25)) continue;
          const startsAt = instant(d, m);
          const lead = Math.min(40, rng.logNormal(6, 0.7));
          const r = rng();
          const status = d >= today ? 'booked' : r < 0.06 ? 'cancelled' : r < 0.14 ? 'no_show' : 'attended';
          bookings.push({
            appointmentTypeId: type.id,
            staffId: type.staffId,
            citizenId: null,
            citizenName: rng.pick([
              'Jens Hansen',
              'Mette Nielsen',
              'Ali Yilmaz',
              'Anna Sørensen',
              'Peter Larsen',
              'Fatima Ahmed',
            ]),
            startsAt,
            endsAt: new Date(startsAt.getTime() + type.durationMin * 60_000),
            bookedAt: new Date(startsAt.getTime() - lead * 86_400_000),
            status,
          });
        }
      }
    }
  }
  await importBookingHistory(db, bookings);
  return { inquiries: inquiries.length, bookings: bookings.length, millis: performance.now() - started };
}

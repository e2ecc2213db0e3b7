import type { TSaveContactTopic } from '@sagsgang/contracts';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { topicsRepository as topics } from './topics.repository.js';
import { bookingsRepository as bookings } from './bookings.repository.js';

export interface CitizenServiceSetup {
  topics: TSaveContactTopic[];
  hours: { site: string; channel: 'counter' | 'phone'; weekday: number; opensMin: number; closesMin: number }[];
  exceptions: {
    site: string;
    channel: 'counter' | 'phone';
    day: string;
    opensMin: number | null;
    closesMin: number | null;
    reason: string;
  }[];
  appointmentTypes: {
    code: string;
    name: { da: string; en: string };
    topicCode: string;
    unitId: string;
    durationMin: number;
    channel: 'in_person' | 'phone' | 'video';
  }[];
  availability: { userId: string; weekday: number; startsMin: number; endsMin: number }[];
  absences: { userId: string; fromDay: string; toDay: string; reason: string }[];
}

/**
 * Sets up citizen service in one go (an import, or the demo): topics and their charter, opening hours and their
 * exceptions, appointment types and staff working hours. Returns the appointment types' ids by code.
 */
export async function setupCitizenService(db: Executor, s: CitizenServiceSetup): Promise<Map<string, string>> {
  return inTransaction(db, async (trx) => {
    for (const t of s.topics)
      await topics.upsert(trx, {
        code: t.code,
        name_da: t.name.da,
        name_en: t.name.en,
        unit_id: t.unitId,
        can_resolve_da: t.canResolve.da,
        can_resolve_en: t.canResolve.en,
        must_forward_da: t.mustForward.da,
        must_forward_en: t.mustForward.en,
        standard_answers: JSON.stringify(t.answers),
      });
    for (const site of new Set(s.hours.map((h) => h.site)))
      await topics.replaceOpeningHours(
        trx,
        site,
        s.hours
          .filter((h) => h.site === site)
          .map((h) => ({
            site,
            channel: h.channel,
            weekday: h.weekday,
            opens_min: h.opensMin,
            closes_min: h.closesMin,
          })),
      );
    for (const e of s.exceptions)
      await topics.addOpeningException(trx, {
        site: e.site,
        channel: e.channel,
        day: e.day,
        opens_min: e.opensMin,
        closes_min: e.closesMin,
        reason: e.reason,
      });
    const ids = new Map<string, string>();
    for (const a of s.appointmentTypes)
      ids.set(
        a.code,
        await bookings.insertAppointmentType(trx, {
          code: a.code,
          name_da: a.name.da,
          name_en: a.name.en,
          topic_code: a.topicCode,
          unit_id: a.unitId,
          duration_min: a.durationMin,
          channel: a.channel,
        }),
      );
    for (const userId of new Set(s.availability.map((a) => a.userId)))
      await bookings.setAvailability(
        trx,
        userId,
        s.availability
          .filter((a) => a.userId === userId)
          .map((a) => ({ user_id: userId, weekday: a.weekday, starts_min: a.startsMin, ends_min: a.endsMin })),
      );
    for (const a of s.absences) await bookings.addAbsence(trx, a);
    return ids;
  });
}

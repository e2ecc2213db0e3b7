import type { Executor } from '../../platform/db/transaction.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { inquiriesRepository } from './inquiries.repository.js';
import { bookingsRepository } from './bookings.repository.js';

export interface ImportedInquiry {
  receivedAt: Date;
  channel: string;
  topicCode: string;
  unitId: string;
  citizenId: string | null;
  note: string;
  result: 'resolved' | 'forwarded' | 'referred';
  referredTo: string | null;
  forwardedUnitId: string | null;
  dueDate: string | null;
  answeredAt: Date | null;
  answer: string | null;
  outsideHours: boolean;
}

/** Bulk-loads past inquiries (an import from an older system, or the demo's generated history). */
export async function importInquiryHistory(db: Executor, rows: readonly ImportedInquiry[]): Promise<number> {
  await inTransaction(db, (trx) =>
    inquiriesRepository.insertMany(
      trx,
      rows.map((r) => ({
        received_at: r.receivedAt,
        channel: r.channel,
        topic_code: r.topicCode,
        unit_id: r.unitId,
        registered_by: null,
        citizen_id: r.citizenId,
        business_cvr: null,
        case_id: null,
        note: r.note,
        result: r.result,
        referred_to: r.referredTo,
        forwarded_unit_id: r.forwardedUnitId,
        forwarded_user_id: null,
        due_date: r.dueDate,
        answer: r.answer,
        answered_at: r.answeredAt,
        answered_by: null,
        outside_hours: r.outsideHours,
      })),
    ),
  );
  return rows.length;
}

export interface ImportedBooking {
  appointmentTypeId: string;
  staffId: string;
  citizenId: string | null;
  citizenName: string;
  startsAt: Date;
  endsAt: Date;
  bookedAt: Date;
  status: 'booked' | 'attended' | 'no_show' | 'cancelled';
}

/** Bulk-loads past bookings with their slots (the slots keep them apart from new bookings, as live ones). */
export async function importBookingHistory(db: Executor, rows: readonly ImportedBooking[]): Promise<number> {
  await inTransaction(db, (trx) => bookingsRepository.insertMany(trx, rows));
  return rows.length;
}

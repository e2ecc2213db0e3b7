import type { ColumnType, Generated } from 'kysely';

type Default<T> = ColumnType<T, T | undefined, T>;

export interface ContactTopicTable {
  code: string;
  name_da: string;
  name_en: string;
  unit_id: string | null;
  can_resolve_da: Default<string>;
  can_resolve_en: Default<string>;
  must_forward_da: Default<string>;
  must_forward_en: Default<string>;
  standard_answers: ColumnType<unknown, string | undefined, string>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface InquiryTable {
  id: Generated<string>;
  received_at: ColumnType<Date, Date | string, Date | string>;
  channel: string;
  topic_code: string;
  unit_id: string;
  registered_by: string | null;
  citizen_id: string | null;
  business_cvr: string | null;
  case_id: string | null;
  note: string;
  result: string;
  referred_to: string | null;
  forwarded_unit_id: string | null;
  forwarded_user_id: string | null;
  due_date: string | null;
  answer: string | null;
  answered_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  answered_by: string | null;
  outside_hours: Default<boolean>;
}

export interface InquiryEventTable {
  id: Generated<string>;
  inquiry_id: string;
  activity: string;
  occurred_at: ColumnType<Date, Date | string | undefined, never>;
  actor_id: string | null;
}

export interface OpeningHoursTable {
  site: string;
  channel: string;
  weekday: number;
  opens_min: number;
  closes_min: number;
}

export interface OpeningExceptionTable {
  site: string;
  channel: string;
  day: string;
  opens_min: number | null;
  closes_min: number | null;
  reason: string;
}

export interface AppointmentTypeTable {
  id: Generated<string>;
  code: string;
  name_da: string;
  name_en: string;
  topic_code: string;
  unit_id: string;
  duration_min: number;
  channel: string;
  active: Default<boolean>;
}

export interface StaffAvailabilityTable {
  user_id: string;
  weekday: number;
  starts_min: number;
  ends_min: number;
}

export interface StaffAbsenceTable {
  id: Generated<string>;
  user_id: string;
  from_day: string;
  to_day: string;
  reason: Default<string>;
}

export interface BookingTable {
  id: Generated<string>;
  appointment_type_id: string;
  staff_id: string;
  citizen_id: string | null;
  citizen_name: string;
  citizen_email: string | null;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  status: string;
  booked_by: string | null;
  booked_at: ColumnType<Date, Date | string | undefined, never>;
  cancelled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  rebooked_from: string | null;
  sequence: Default<number>;
}

export interface BookingSlotTable {
  staff_id: string;
  slot_start: ColumnType<Date, Date | string, never>;
  booking_id: string;
}

export interface CalendarFeedTokenTable {
  token_hash: string;
  user_id: string;
  created_at: ColumnType<Date, never, never>;
  revoked_at: ColumnType<Date | null, never, Date | string | null>;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    contact_topic: ContactTopicTable;
    inquiry: InquiryTable;
    inquiry_event: InquiryEventTable;
    opening_hours: OpeningHoursTable;
    opening_exception: OpeningExceptionTable;
    appointment_type: AppointmentTypeTable;
    staff_availability: StaffAvailabilityTable;
    staff_absence: StaffAbsenceTable;
    booking: BookingTable;
    booking_slot: BookingSlotTable;
    calendar_feed_token: CalendarFeedTokenTable;
  }
}

import { z } from 'zod';
import { ZIsoDate } from './primitives.js';
import { KLE_TOPIC_PATTERN, ZLocalizedText } from './case-types.js';

/** The ways an inquiry reaches citizen service. */
export const INQUIRY_CHANNELS = ['counter', 'phone', 'email', 'web_form', 'self_service', 'letter'] as const;
export type TInquiryChannel = (typeof INQUIRY_CHANNELS)[number];
/** Channels that count as digital in the channel shift. */
export const DIGITAL_CHANNELS: readonly TInquiryChannel[] = ['email', 'web_form', 'self_service'];
export const INQUIRY_RESULTS = ['open', 'resolved', 'forwarded', 'referred'] as const;
export type TInquiryResult = (typeof INQUIRY_RESULTS)[number];
/** The share of inquiries citizen service aims to resolve at first contact. */
export const FIRST_CONTACT_TARGET = 0.8;

const isoDate = ZIsoDate('a date as YYYY-MM-DD');
const topicCode = z.string().regex(KLE_TOPIC_PATTERN, 'must be a KLE number such as 27.24.00');
const note = z.string().trim().max(2000, 'at most 2000 characters');

export const ZRegisterInquiry = z
  .object({
    channel: z.enum(INQUIRY_CHANNELS),
    topicCode,
    /** When the inquiry came in; now when left out. */
    receivedAt: z.iso.datetime({ offset: true }).optional(),
    citizenId: z.uuid().optional(),
    businessCvr: z
      .string()
      .regex(/^\d{8}$/, 'a CVR number has 8 digits')
      .optional(),
    caseReference: z.string().trim().min(1).max(40).optional(),
    note: note.default(''),
    result: z.enum(['resolved', 'forwarded', 'referred']),
    forwardToUnitId: z.uuid().optional(),
    forwardToUserId: z.uuid().optional(),
    dueDate: isoDate.optional(),
    referredTo: z.string().trim().min(1).max(200).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.result === 'forwarded' && (!v.forwardToUnitId || !v.dueDate))
      ctx.addIssue({
        code: 'custom',
        path: ['forwardToUnitId'],
        message: 'a forwarded inquiry needs a unit and a due date',
      });
    if (v.result === 'referred' && !v.referredTo)
      ctx.addIssue({ code: 'custom', path: ['referredTo'], message: 'name the authority the citizen was referred to' });
  });
export type TRegisterInquiry = z.infer<typeof ZRegisterInquiry>;

export const ZInquiryView = z.object({
  id: z.uuid(),
  receivedAt: z.string(),
  channel: z.enum(INQUIRY_CHANNELS),
  topicCode: z.string(),
  topicName: ZLocalizedText,
  unitId: z.uuid(),
  citizenId: z.uuid().nullable(),
  citizenName: z.string().nullable(),
  businessCvr: z.string().nullable(),
  caseId: z.uuid().nullable(),
  caseReference: z.string().nullable(),
  note: z.string(),
  result: z.enum(INQUIRY_RESULTS),
  referredTo: z.string().nullable(),
  forwardedUnitId: z.uuid().nullable(),
  forwardedUserId: z.uuid().nullable(),
  dueDate: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  outsideHours: z.boolean(),
});
export type TInquiryView = z.infer<typeof ZInquiryView>;

export const ZInquiryList = z.object({ items: z.array(ZInquiryView), total: z.number().int() });
export type TInquiryList = z.infer<typeof ZInquiryList>;

export const ZAnswerInquiry = z.object({ answer: z.string().trim().min(1, 'write the answer').max(4000) });
export type TAnswerInquiry = z.infer<typeof ZAnswerInquiry>;

/** "Where is my case?": the front line reads a case's status for the citizen on the line, audited with the purpose. */
export const ZCaseStatusLookup = z.object({
  reference: z.string().trim().min(1).max(40),
  /** The inquiry the look-up answers; the audit entry names it. */
  inquiryId: z.uuid().optional(),
});
export const ZCaseStatusView = z.object({
  caseId: z.uuid(),
  reference: z.string(),
  caseTypeName: ZLocalizedText,
  state: z.string(),
  receivedAt: z.string(),
  goalDate: z.string().nullable(),
  /** The date by which 9 of 10 similar cases were decided, when known. */
  expectedBy: z.string().nullable(),
  decided: z.boolean(),
});
export type TCaseStatusView = z.infer<typeof ZCaseStatusView>;

/** A charter text: empty where the authority has not written one. */
const ZCharterText = z.object({ da: z.string().trim().max(4000), en: z.string().trim().max(4000) });

export const ZStandardAnswer = z.object({
  title: ZLocalizedText,
  text: ZLocalizedText,
  link: z.string().max(500).nullable(),
});
export const ZContactTopic = z.object({
  code: z.string(),
  name: ZLocalizedText,
  source: z.enum(['case_type', 'own']),
  unitId: z.uuid().nullable(),
  canResolve: ZCharterText,
  mustForward: ZCharterText,
  answers: z.array(ZStandardAnswer),
});
export type TContactTopic = z.infer<typeof ZContactTopic>;

export const ZSaveContactTopic = z.object({
  code: topicCode,
  name: ZLocalizedText,
  unitId: z.uuid().nullable().default(null),
  canResolve: ZCharterText,
  mustForward: ZCharterText,
  answers: z.array(ZStandardAnswer).max(30).default([]),
});
export type TSaveContactTopic = z.infer<typeof ZSaveContactTopic>;

/** A figure's rows: one per group (a channel, a topic, a unit, a month, an hour of a weekday). */
export const ZFigureRow = z.object({ key: z.string(), count: z.number().int(), share: z.number().nullable() });
export const ZContactFigures = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  target: z.number(),
  firstContact: z.object({ resolved: z.number().int(), basis: z.number().int(), share: z.number().nullable() }),
  byChannel: z.array(ZFigureRow),
  byTopic: z.array(ZFigureRow),
  byUnit: z.array(ZFigureRow),
  /** `key` is `weekday:hour` (1 = Monday, hour 0–23 local time). */
  heatMap: z.array(ZFigureRow),
  outsideHours: z.array(ZFigureRow),
  /** Per month: share = resolved at first contact. */
  firstContactByMonth: z.array(ZFigureRow),
  firstContactByTopic: z.array(ZFigureRow),
  firstContactByUnit: z.array(ZFigureRow),
  /** Per month: share = digital channels. */
  channelShift: z.array(ZFigureRow),
  forwarded: z.object({ answeredInTime: z.number().int(), basis: z.number().int(), share: z.number().nullable() }),
  bookings: z.object({
    total: z.number().int(),
    noShows: z.number().int(),
    noShowShare: z.number().nullable(),
    medianLeadDays: z.number().nullable(),
    utilisation: z.number().nullable(),
  }),
});
export type TContactFigures = z.infer<typeof ZContactFigures>;

export const ZContactFiguresQuery = z.object({ from: isoDate, to: isoDate });
/** The inquiries behind a figure. */
export const ZDrillDownQuery = ZContactFiguresQuery.extend({
  channel: z.enum(INQUIRY_CHANNELS).optional(),
  topicCode: z.string().max(20).optional(),
  unitId: z.uuid().optional(),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  weekday: z.coerce.number().int().min(1).max(7).optional(),
  hour: z.coerce.number().int().min(0).max(23).optional(),
  firstContact: z.enum(['yes', 'no']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TDrillDownQuery = z.infer<typeof ZDrillDownQuery>;

export const APPOINTMENT_CHANNELS = ['in_person', 'phone', 'video'] as const;
export const ZAppointmentType = z.object({
  id: z.uuid(),
  code: z.string(),
  name: ZLocalizedText,
  topicCode: z.string(),
  unitId: z.uuid(),
  durationMin: z.number().int(),
  channel: z.enum(APPOINTMENT_CHANNELS),
});
export type TAppointmentType = z.infer<typeof ZAppointmentType>;

export const ZSlot = z.object({ staffId: z.uuid(), staffName: z.string(), startsAt: z.string(), endsAt: z.string() });
export type TSlot = z.infer<typeof ZSlot>;

export const ZBookAppointment = z.object({
  appointmentTypeId: z.uuid(),
  staffId: z.uuid(),
  startsAt: z.iso.datetime({ offset: true }),
  citizenId: z.uuid().optional(),
  citizenName: z.string().trim().min(1).max(200).optional(),
  citizenEmail: z.email().max(254).optional(),
});
export type TBookAppointment = z.infer<typeof ZBookAppointment>;

export const BOOKING_STATUSES = ['booked', 'cancelled', 'attended', 'no_show'] as const;
export const ZBookingView = z.object({
  id: z.uuid(),
  appointmentTypeId: z.uuid(),
  appointmentName: ZLocalizedText,
  channel: z.enum(APPOINTMENT_CHANNELS),
  staffId: z.uuid(),
  staffName: z.string(),
  citizenId: z.uuid().nullable(),
  citizenName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(BOOKING_STATUSES),
});
export type TBookingView = z.infer<typeof ZBookingView>;

export const ZRebook = z.object({ staffId: z.uuid().optional(), startsAt: z.iso.datetime({ offset: true }) });
export const ZBookingOutcome = z.object({ status: z.enum(['attended', 'no_show']) });

export const ZCalendarFeed = z.object({ url: z.string() });

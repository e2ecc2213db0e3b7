/**
 * The case lifecycle as the API speaks it: commands (each carries the version the client last saw, so two
 * concurrent changes cannot both win), the case views, the work queue and the service-goal figures.
 */
import { z } from 'zod';
import { ZDecisionOutcome, ZDuration, ZLocalizedText, OUTCOMES_NEEDING_APPEAL_GUIDANCE } from './case-types.js';
import { DOCUMENT_DIRECTIONS, DOCUMENT_TYPES } from './documents.js';
import { MAX_INT32, ZIsoDate as ZIsoDateOf, ZVersionNumber } from './primitives.js';

export const CHANNELS = ['digital', 'paper', 'email', 'counter', 'phone'] as const;
export const CASE_STATES = [
  'received',
  'in_progress',
  'awaiting_applicant',
  'awaiting_hearing',
  'decided',
  'closed',
] as const;
export const OPEN_CASE_STATES = ['received', 'in_progress', 'awaiting_applicant', 'awaiting_hearing'] as const;

/**
 * The activities of the event log. The first seven are the ones the service-goal clock reads; the rest are casework
 * the timeline and the process navigator show.
 */
export const CASE_ACTIVITIES = [
  'received',
  'screened',
  'information_requested',
  'information_received',
  'extended',
  'decided',
  'closed',
  'hearing_started',
  'hearing_replied',
  'note_recorded',
  'document_added',
  'phase_changed',
  'reassigned',
  // Recorded by the applications capability: the automatic checks on receipt, before the caseworker's verdict.
  'screened_automatically',
] as const;

export const ZChannel = z.enum(CHANNELS);
export const ZCaseState = z.enum(CASE_STATES);
export type TCaseState = z.infer<typeof ZCaseState>;
export const ZCaseActivity = z.enum(CASE_ACTIVITIES);
export type TCaseActivity = z.infer<typeof ZCaseActivity>;

const ZText = (max = 4000) => z.string().trim().min(1, 'is required').max(max);
const ZIsoDate = ZIsoDateOf();
const ZInstant = z.iso.datetime({ offset: true });
/** The case version the client last saw; a stale one is refused with `conflict`. */
const ZExpectedVersion = ZVersionNumber;

export const ZOpenCaseRequest = z.object({
  caseTypeCode: z.string().min(1),
  channel: ZChannel,
  receivedAt: ZInstant.optional(),
  applicant: z.object({ userId: z.uuid().optional(), name: ZText(300) }),
  /** Defaults to the unit that handles the case type. */
  unitId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
  subject: z.string().trim().max(300).optional(),
});
export type TOpenCaseRequest = z.infer<typeof ZOpenCaseRequest>;

export const ZMissingItem = z.object({ requirementCode: z.string().optional(), text: ZText(1000) });

export const ZScreenCaseRequest = z
  .object({
    expectedVersion: ZExpectedVersion,
    verdict: z.enum(['fully_informed', 'missing_information']),
    missing: z.array(ZMissingItem).max(100).default([]),
  })
  .refine((r) => r.verdict === 'fully_informed' || r.missing.length > 0, {
    path: ['missing'],
    message: 'list what is missing when the case is not fully informed',
    params: { rule: 'required' },
  });
export type TScreenCaseRequest = z.infer<typeof ZScreenCaseRequest>;

export const ZRequestInformationRequest = z.object({
  expectedVersion: ZExpectedVersion,
  items: z.array(ZMissingItem).min(1, 'ask for at least one thing').max(100),
  message: ZText(),
  dueDate: ZIsoDate,
});
export type TRequestInformationRequest = z.infer<typeof ZRequestInformationRequest>;

export const ZReceiveInformationRequest = z.object({
  expectedVersion: ZExpectedVersion,
  /** False when the answer still leaves something missing. */
  fullyInformed: z.boolean().default(true),
  summary: z.string().trim().max(4000).optional(),
  receivedAt: ZInstant.optional(),
});
export type TReceiveInformationRequest = z.infer<typeof ZReceiveInformationRequest>;

export const ZStartHearingRequest = z.object({
  expectedVersion: ZExpectedVersion,
  party: ZText(300),
  subject: ZText(),
  replyBy: ZIsoDate,
});
export type TStartHearingRequest = z.infer<typeof ZStartHearingRequest>;

export const ZRecordHearingReplyRequest = z.object({ expectedVersion: ZExpectedVersion, summary: ZText() });
export type TRecordHearingReplyRequest = z.infer<typeof ZRecordHearingReplyRequest>;

/** The duty to record notes: oral information must say who said it, when and what. */
export const ZRecordNoteRequest = z.object({
  expectedVersion: ZExpectedVersion,
  kind: z.enum(['oral_information', 'internal']),
  who: ZText(300),
  when: ZInstant,
  what: ZText(10_000),
});
export type TRecordNoteRequest = z.infer<typeof ZRecordNoteRequest>;

/** Break the glass: open a case file without a working need, for an hour, by saying why (audited). */
export const ZBreakGlassRequest = z.object({
  reason: ZText(1000).refine((r) => r.trim().length >= 10, 'at least 10 characters'),
});
export type TBreakGlassRequest = z.infer<typeof ZBreakGlassRequest>;
export const ZBreakGlassResult = z.object({ caseId: z.string(), expiresAt: z.string() });
export type TBreakGlassResult = z.infer<typeof ZBreakGlassResult>;

/** A document entry in the case file; with a file, through the upload below. */
export const ZAddDocumentRequest = z.object({
  expectedVersion: ZExpectedVersion,
  title: ZText(300),
  documentType: z.enum(DOCUMENT_TYPES),
  direction: z.enum(DOCUMENT_DIRECTIONS),
  fileName: z.string().trim().max(300).optional(),
});
export type TAddDocumentRequest = z.infer<typeof ZAddDocumentRequest>;

/**
 * The form fields of a file attached to a case (multipart/form-data, sent before the file part `file`; values are
 * text, so the version is read from its digits).
 */
export const ZAttachDocumentFields = z.object({
  expectedVersion: z.coerce.number().int().positive().max(MAX_INT32),
  title: ZText(300),
  documentType: z.enum(DOCUMENT_TYPES),
  direction: z.enum(DOCUMENT_DIRECTIONS),
});
export type TAttachDocumentFields = z.infer<typeof ZAttachDocumentFields>;

export const ZChangePhaseRequest = z.object({ expectedVersion: ZExpectedVersion, phaseCode: z.string().min(1) });
export type TChangePhaseRequest = z.infer<typeof ZChangePhaseRequest>;

export const ZExtendDeadlineRequest = z.object({
  expectedVersion: ZExpectedVersion,
  by: ZDuration,
  reason: ZText(),
  /** The letter to the applicant; the new expected date is added to it and recorded with the event. */
  applicantMessage: ZText(),
});
export type TExtendDeadlineRequest = z.infer<typeof ZExtendDeadlineRequest>;

export const ZDecideCaseRequest = z
  .object({
    expectedVersion: ZExpectedVersion,
    outcome: ZDecisionOutcome,
    reasons: ZText(20_000),
    legalRules: z.array(ZText(300)).min(1, 'name the legal rules applied'),
    appealGuidance: z.string().trim().max(10_000).optional(),
  })
  .refine(
    (r) => !(OUTCOMES_NEEDING_APPEAL_GUIDANCE as readonly string[]).includes(r.outcome) || !!r.appealGuidance,
    // The rule is machine-readable, so a client can say "required" in its own language.
    {
      path: ['appealGuidance'],
      message: 'appeal guidance is required when the request is not fully granted',
      params: { rule: 'required' },
    },
  );
export type TDecideCaseRequest = z.infer<typeof ZDecideCaseRequest>;

export const ZCloseCaseRequest = z.object({
  expectedVersion: ZExpectedVersion,
  reason: z.string().trim().max(1000).optional(),
});
export type TCloseCaseRequest = z.infer<typeof ZCloseCaseRequest>;

export const ZReassignCaseRequest = z.object({
  expectedVersion: ZExpectedVersion,
  assigneeId: z.uuid().nullable(),
  unitId: z.uuid().optional(),
  reason: z.string().trim().max(1000).optional(),
});
export type TReassignCaseRequest = z.infer<typeof ZReassignCaseRequest>;

export const ZBulkReassignRequest = z.object({
  cases: z
    .array(z.object({ caseId: z.uuid(), expectedVersion: ZExpectedVersion }))
    .min(1)
    .max(500),
  assigneeId: z.uuid().nullable(),
  reason: z.string().trim().max(1000).optional(),
});
export type TBulkReassignRequest = z.infer<typeof ZBulkReassignRequest>;

/** What a step on a case answers: the case's new version and state, and the event the step appended. */
export const ZCommandResult = z.object({
  id: z.uuid(),
  version: z.number().int(),
  state: z.string(),
  eventId: z.number().int(),
});
export type TCommandResult = z.infer<typeof ZCommandResult>;

/** `POST /api/cases/:id/documents`: the step's answer and the new document. */
export const ZAttachDocumentResult = ZCommandResult.extend({ documentId: z.uuid() });
export type TAttachDocumentResult = z.infer<typeof ZAttachDocumentResult>;

/** `GET /api/cases/assignees`: a person who can be given cases, and the units where they can. */
export const ZAssignee = z.object({ id: z.uuid(), name: z.string(), unitIds: z.array(z.uuid()) });
export type TAssignee = z.infer<typeof ZAssignee>;

export const ZBulkReassignResult = z.object({
  reassigned: z.array(z.uuid()),
  failed: z.array(z.object({ caseId: z.uuid(), code: z.string(), message: z.string() })),
});
export type TBulkReassignResult = z.infer<typeof ZBulkReassignResult>;

export const ZClockState = z.enum(['not_started', 'running', 'paused', 'warning', 'breached', 'stopped']);
export type TClockState = z.infer<typeof ZClockState>;

export const ZClockView = z.object({
  state: ZClockState,
  startDate: z.string().nullable(),
  deadlineDate: z.string().nullable(),
  legalDeadlineDate: z.string().nullable(),
  warnDate: z.string().nullable(),
  pausedSince: z.string().nullable(),
  pausedDays: z.number(),
  /** Share of the time budget used, 0-1+; null before the clock starts. */
  shareUsed: z.number().nullable(),
  daysLeft: z.number().nullable(),
  fullyInformedOnReceipt: z.boolean().nullable(),
  /** The case type's warning thresholds (shares of the time budget), and those the case has passed while open. */
  warnAt: z.array(z.number()),
  warningsPassed: z.array(z.number()),
});
export type TClockView = z.infer<typeof ZClockView>;

export const ZCaseSummary = z.object({
  id: z.uuid(),
  reference: z.string(),
  caseTypeId: z.uuid(),
  caseTypeCode: z.string(),
  caseTypeName: ZLocalizedText,
  unitId: z.uuid(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  applicantName: z.string(),
  subject: z.string().nullable(),
  state: ZCaseState,
  phaseCode: z.string().nullable(),
  receivedAt: z.string(),
  version: z.number().int(),
  clock: ZClockView,
});
export type TCaseSummary = z.infer<typeof ZCaseSummary>;

export const ZCaseEvent = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  activity: z.string(),
  occurredAt: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  unitId: z.uuid(),
  attributes: z.record(z.string(), z.unknown()),
});
export type TCaseEvent = z.infer<typeof ZCaseEvent>;

/**
 * One document of the case file. With content (`id` set): attached by a caseworker, or sent by the applicant with
 * the application or in an answer; `href` downloads it. Without: an entry recorded with no file (a paper letter
 * registered before files were kept, or an applicant's written message).
 */
export const ZCaseDocument = z.object({
  id: z.uuid().nullable(),
  eventId: z.number().int().nullable(),
  source: z.enum(['casework', 'application', 'answer']),
  title: z.string(),
  documentType: z.string(),
  direction: z.string(),
  addedAt: z.string(),
  addedBy: z.string().nullable(),
  fileName: z.string().nullable(),
  mediaType: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  href: z.string().nullable(),
});
export type TCaseDocument = z.infer<typeof ZCaseDocument>;

export const ZCaseDetail = ZCaseSummary.extend({
  channel: ZChannel,
  caseTypeVersion: z.number().int(),
  outcome: ZDecisionOutcome.nullable(),
  phases: z.array(z.object({ code: z.string(), name: ZLocalizedText })),
  outcomes: z.array(ZDecisionOutcome),
  extensionAllowed: z.boolean(),
  events: z.array(ZCaseEvent),
  notes: z.array(
    z.object({
      eventId: z.number(),
      kind: z.string(),
      who: z.string(),
      when: z.string(),
      what: z.string(),
      recordedBy: z.string().nullable(),
    }),
  ),
  documents: z.array(ZCaseDocument),
  /** Set when the file is read through a grant rather than casework: broken glass, a supervision sample, … */
  accessGrant: z.object({ purpose: z.string(), expiresAt: z.string() }).nullable().optional(),
});
export type TCaseDetail = z.infer<typeof ZCaseDetail>;

export const ZWorkQueueQuery = z.object({
  unitId: z.uuid().optional(),
  caseTypeId: z.uuid().optional(),
  phase: z.string().optional(),
  state: z.enum(OPEN_CASE_STATES).optional(),
  /** 'me', 'unassigned' or a user id. */
  assignee: z.union([z.enum(['me', 'unassigned']), z.uuid()]).optional(),
  risk: z.enum(['breached', 'warning', 'paused']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type TWorkQueueQuery = z.infer<typeof ZWorkQueueQuery>;

export const ZWorkQueuePage = z.object({
  items: z.array(ZCaseSummary),
  total: z.number().int(),
  /** True when there are more open cases than the queue counts (total is then the cap). */
  totalCapped: z.boolean(),
  today: z.string(),
});
export type TWorkQueuePage = z.infer<typeof ZWorkQueuePage>;

export const ZFiguresQuery = z.object({
  caseTypeId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  breachWithinDays: z.coerce.number().int().min(1).max(365).default(14),
});
export type TFiguresQuery = z.infer<typeof ZFiguresQuery>;

export const ZFiguresRow = z.object({
  caseTypeId: z.uuid(),
  caseTypeCode: z.string(),
  caseTypeName: ZLocalizedText,
  targetShare: z.number(),
  goalDays: z.number(),
  decided: z.number().int(),
  withinGoal: z.number().int(),
  shareWithinGoal: z.number().nullable(),
  medianDays: z.number().nullable(),
  p75Days: z.number().nullable(),
  p90Days: z.number().nullable(),
  received: z.number().int(),
  fullyInformedOnReceipt: z.number().int(),
  shareFullyInformedOnReceipt: z.number().nullable(),
  open: z.object({
    notStarted: z.number().int(),
    running: z.number().int(),
    paused: z.number().int(),
    warning: z.number().int(),
    breached: z.number().int(),
  }),
  willBreachSoon: z.number().int(),
});
export type TFiguresRow = z.infer<typeof ZFiguresRow>;

export const ZFigures = z.object({
  from: z.string(),
  to: z.string(),
  today: z.string(),
  breachWithinDays: z.number().int(),
  rows: z.array(ZFiguresRow),
  monthly: z.array(
    z.object({
      caseTypeId: z.uuid(),
      month: z.string(),
      decided: z.number().int(),
      withinGoal: z.number().int(),
      share: z.number(),
    }),
  ),
  distribution: z.array(z.object({ caseTypeId: z.uuid(), days: z.number().int(), count: z.number().int() })),
});
export type TFigures = z.infer<typeof ZFigures>;

export const ZApplicantCaseView = z.object({
  id: z.uuid(),
  reference: z.string(),
  caseTypeName: ZLocalizedText,
  state: ZCaseState,
  receivedAt: z.string(),
  phase: z.object({ code: z.string(), name: ZLocalizedText, applicantText: ZLocalizedText }).nullable(),
  deadlineDate: z.string().nullable(),
  outcome: ZDecisionOutcome.nullable(),
});
export type TApplicantCaseView = z.infer<typeof ZApplicantCaseView>;

const ZPromiseShare = z.object({
  due: z.number().int(),
  held: z.number().int(),
  share: z.number().nullable(),
});

export const ZCalibrationBand = z.object({
  fromDays: z.number(),
  toDays: z.number().nullable(),
  forecasts: z.number().int(),
  cases: z.number().int(),
  upper: ZPromiseShare,
  median: ZPromiseShare,
  upperOpen: z.number().int(),
});
export type TCalibrationBand = z.infer<typeof ZCalibrationBand>;

/** How often a case type's expected-decision promises held over the last 12 months (calendar snapshots). */
export const ZForecastCalibration = z.object({
  caseTypeId: z.uuid(),
  caseTypeCode: z.string(),
  caseTypeName: ZLocalizedText,
  asOfDate: z.string(),
  fromDate: z.string(),
  snapshots: z.number().int(),
  historyCases: z.number().int(),
  all: ZCalibrationBand,
  bands: z.array(ZCalibrationBand),
});
export type TForecastCalibration = z.infer<typeof ZForecastCalibration>;

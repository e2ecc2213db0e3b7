import { z } from 'zod';
import { ZDecisionOutcome, ZDuration } from './case-types.js';
import { ZIsoDate, ZVersionNumber } from './primitives.js';

/** About the procedure (formalitetsklage) or about the decision itself (realitetsklage: an appeal). */
export const COMPLAINT_KINDS = ['procedure', 'decision'] as const;
export const ZComplaintKind = z.enum(COMPLAINT_KINDS);
export type TComplaintKind = z.infer<typeof ZComplaintKind>;

/** How staff received a complaint; 'digital' is the portal's own. */
export const STAFF_COMPLAINT_CHANNELS = ['counter', 'phone', 'letter', 'email'] as const;
export const COMPLAINT_CHANNELS = ['digital', ...STAFF_COMPLAINT_CHANNELS] as const;

export const COMPLAINT_STATES = [
  'received',
  'forwarded',
  'changed_by_authority',
  'appeal_decided',
  'answered',
] as const;
export type TComplaintState = (typeof COMPLAINT_STATES)[number];

/** The appeal body's decision: stadfæstet, ændret, omgjort, hjemvist, afvist. */
export const APPEAL_OUTCOMES = ['upheld', 'changed', 'reversed', 'remitted', 'dismissed'] as const;
export const ZAppealOutcome = z.enum(APPEAL_OUTCOMES);
export type TAppealOutcome = z.infer<typeof ZAppealOutcome>;
/** The outcomes the Danish appeal board counts against the authority: its reversal rate (omgørelsesprocent). */
export const REVERSING_OUTCOMES: readonly TAppealOutcome[] = ['changed', 'reversed', 'remitted'];

export const PROCEDURE_OUTCOMES = ['justified', 'partly_justified', 'not_justified'] as const;
export const PROCEDURE_CAUSES = [
  'waiting_time',
  'conduct',
  'information',
  'notes_not_recorded',
  'guidance',
  'other',
] as const;
export const RECONSIDERATION_RESULTS = ['upheld', 'changed', 'partly_changed'] as const;

const ZLongText = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const ZExpectedVersion = ZVersionNumber;

export const ZRegisterComplaintRequest = z.object({
  caseReference: z.string().trim().min(1).max(40),
  kind: ZComplaintKind,
  channel: z.enum(STAFF_COMPLAINT_CHANNELS),
  text: ZLongText(20_000),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});
export type TRegisterComplaintRequest = z.infer<typeof ZRegisterComplaintRequest>;

export const ZReclassifyComplaintRequest = z.object({
  expectedVersion: ZExpectedVersion,
  kind: ZComplaintKind,
  reason: ZLongText(2000),
});
export type TReclassifyComplaintRequest = z.infer<typeof ZReclassifyComplaintRequest>;

export const ZAssignComplaintRequest = z.object({ expectedVersion: ZExpectedVersion, handlerId: z.uuid() });
export type TAssignComplaintRequest = z.infer<typeof ZAssignComplaintRequest>;

/**
 * The authority's reconsideration of its decision (genvurdering): upheld, and then forwarded with a letter to the
 * appeal body; or changed (fully or partly) by a new decision on the case.
 */
export const ZReconsiderComplaintRequest = z.discriminatedUnion('result', [
  z.object({
    expectedVersion: ZExpectedVersion,
    result: z.literal('upheld'),
    reasons: ZLongText(20_000),
    forwardingLetter: ZLongText(20_000),
  }),
  z.object({
    expectedVersion: ZExpectedVersion,
    result: z.enum(['changed', 'partly_changed']),
    reasons: ZLongText(20_000),
    decision: z.object({
      outcome: ZDecisionOutcome,
      reasons: ZLongText(20_000),
      legalRules: z.array(ZLongText(300)).min(1, 'name the legal rules applied'),
      appealGuidance: z.string().trim().max(10_000).optional(),
    }),
  }),
]);
export type TReconsiderComplaintRequest = z.infer<typeof ZReconsiderComplaintRequest>;

export const ZAppealOutcomeRequest = z.object({
  expectedVersion: ZExpectedVersion,
  outcome: ZAppealOutcome,
  decidedOn: ZIsoDate(),
  reasons: ZLongText(20_000),
});
export type TAppealOutcomeRequest = z.infer<typeof ZAppealOutcomeRequest>;

export const ZAnswerComplaintRequest = z.object({
  expectedVersion: ZExpectedVersion,
  outcome: z.enum(PROCEDURE_OUTCOMES),
  cause: z.enum(PROCEDURE_CAUSES),
  letter: ZLongText(20_000),
});
export type TAnswerComplaintRequest = z.infer<typeof ZAnswerComplaintRequest>;

export const ZComplaintDeadlines = z.object({ procedure: ZDuration, decision: ZDuration });
export type TComplaintDeadlines = z.infer<typeof ZComplaintDeadlines>;

export const ZComplaintView = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseReference: z.string(),
  caseTypeCode: z.string(),
  unitId: z.uuid(),
  kind: ZComplaintKind,
  channel: z.string(),
  state: z.enum(COMPLAINT_STATES),
  text: z.string(),
  receivedAt: z.string(),
  responseDeadline: z.string().nullable(),
  warnDate: z.string().nullable(),
  /** Where the deadline stands today: as on case clocks. Null once the complaint is done with. */
  deadlineStatus: z.enum(['on_track', 'warning', 'overdue']).nullable(),
  handlerId: z.uuid().nullable(),
  handlerName: z.string().nullable(),
  reclassifiedReason: z.string().nullable(),
  reconsideration: z.enum(RECONSIDERATION_RESULTS).nullable(),
  reconsideredAt: z.string().nullable(),
  reconsiderationReasons: z.string().nullable(),
  appealBody: z.string().nullable(),
  forwardedAt: z.string().nullable(),
  forwardingLetter: z.string().nullable(),
  appealOutcome: ZAppealOutcome.nullable(),
  appealDecidedOn: z.string().nullable(),
  appealReasons: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answerLetter: z.string().nullable(),
  procedureOutcome: z.enum(PROCEDURE_OUTCOMES).nullable(),
  procedureCause: z.enum(PROCEDURE_CAUSES).nullable(),
  version: z.number().int(),
});
export type TComplaintView = z.infer<typeof ZComplaintView>;

export const ZComplaintListQuery = z.object({
  state: z.enum(COMPLAINT_STATES).optional(),
  kind: ZComplaintKind.optional(),
  caseTypeId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  /** YYYY-Qn: complaints received in that quarter. */
  quarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/, 'must be a quarter YYYY-Qn')
    .optional(),
  appealOutcome: ZAppealOutcome.optional(),
  cause: z.enum(PROCEDURE_CAUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TComplaintListQuery = z.infer<typeof ZComplaintListQuery>;

export const ZComplaintFiguresQuery = z.object({ from: ZIsoDate(), to: ZIsoDate() }).refine((q) => q.from <= q.to, {
  path: ['to'],
  message: 'must not be before from',
});
export type TComplaintFiguresQuery = z.infer<typeof ZComplaintFiguresQuery>;

const ZShare = z.number().nullable();
export const ZComplaintFigures = z.object({
  from: z.string(),
  to: z.string(),
  /** Complaints received and decisions made per case type, unit and quarter. */
  rows: z.array(
    z.object({
      caseTypeId: z.uuid(),
      caseTypeCode: z.string(),
      unitId: z.uuid(),
      quarter: z.string(),
      complaints: z.number().int(),
      decisions: z.number().int(),
      per1000Decisions: ZShare,
    }),
  ),
  totals: z.object({
    complaints: z.number().int(),
    decisionComplaints: z.number().int(),
    decisions: z.number().int(),
    per1000Decisions: ZShare,
    reconsidered: z.number().int(),
    changedByAuthority: z.number().int(),
    shareChangedByAuthority: ZShare,
    appealDecisions: z.number().int(),
    appealOutcomes: z.object({
      upheld: z.number().int(),
      changed: z.number().int(),
      reversed: z.number().int(),
      remitted: z.number().int(),
      dismissed: z.number().int(),
    }),
    reversalRate: ZShare,
    forwarded: z.number().int(),
    medianDaysToForwarding: ZShare,
  }),
  procedureByCause: z.array(
    z.object({ cause: z.enum(PROCEDURE_CAUSES), answered: z.number().int(), justified: z.number().int() }),
  ),
  openFindings: z.array(
    z.object({ id: z.uuid(), title: z.string(), nextDue: z.string().nullable(), overdueActions: z.number().int() }),
  ),
});
export type TComplaintFigures = z.infer<typeof ZComplaintFigures>;

export const FINDING_SOURCES = ['complaint', 'own_initiative', 'annual_report'] as const;
export const FINDING_STATUSES = ['open', 'in_progress', 'closed'] as const;

export const ZCreateFindingRequest = z.object({
  source: z.enum(FINDING_SOURCES),
  reportYear: z.number().int().min(2000).max(2100).optional(),
  complaintId: z.uuid().optional(),
  title: ZLongText(300),
  recommendation: ZLongText(10_000),
  unitIds: z.array(z.uuid()).min(1, 'name at least one unit').max(50),
  caseTypeIds: z.array(z.uuid()).max(50).default([]),
  responsibleId: z.uuid(),
  foundOn: ZIsoDate(),
  actions: z
    .array(z.object({ description: ZLongText(2000), dueDate: ZIsoDate() }))
    .max(50)
    .default([]),
});
export type TCreateFindingRequest = z.infer<typeof ZCreateFindingRequest>;

export const ZFindingStatusRequest = z.object({ status: z.enum(FINDING_STATUSES) });
export const ZFindingActionDoneRequest = z.object({ done: z.boolean() });

export const ZFindingView = z.object({
  id: z.uuid(),
  source: z.enum(FINDING_SOURCES),
  reportYear: z.number().int().nullable(),
  complaintId: z.uuid().nullable(),
  title: z.string(),
  recommendation: z.string(),
  unitIds: z.array(z.uuid()),
  caseTypeIds: z.array(z.uuid()),
  responsibleId: z.uuid().nullable(),
  responsibleName: z.string().nullable(),
  status: z.enum(FINDING_STATUSES),
  foundOn: z.string(),
  closedAt: z.string().nullable(),
  actions: z.array(
    z.object({ id: z.uuid(), description: z.string(), dueDate: z.string(), doneAt: z.string().nullable() }),
  ),
});
export type TFindingView = z.infer<typeof ZFindingView>;

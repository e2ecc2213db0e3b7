import { z } from 'zod';
import { ZIsoDate } from './primitives.js';

const isoDate = ZIsoDate('a date as YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => text(max).min(1, 'must not be empty');

export const SUPERVISION_REASON_KINDS = [
  'audit_remark',
  'complaints',
  'citizens_advisor',
  'legislation',
  'other',
] as const;
export const SUPERVISION_SCHEDULES = ['monthly', 'quarterly', 'half_yearly', 'once'] as const;
export const SUPERVISION_ANSWERS = ['met', 'not_met', 'not_applicable'] as const;
export const INITIATIVE_KINDS = ['training', 'workflow', 'checklist_item', 'other'] as const;
export const INITIATIVE_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;

export const ZCriterionInput = z.strictObject({
  code: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and hyphens'),
  text: required(500),
  guidance: text(4000).default(''),
  allowsNotApplicable: z.boolean().default(false),
});

/** A supervision programme: its focus, why, the legal basis, the checklist, the holistic score and who reviews. */
export const ZCreateProgramme = z
  .strictObject({
    unitId: z.uuid(),
    title: required(200),
    focusArea: required(2000),
    reasonKind: z.enum(SUPERVISION_REASON_KINDS),
    reason: text(4000).default(''),
    legalBasis: text(2000).default(''),
    schedule: z.enum(SUPERVISION_SCHEDULES),
    /** What each holistic score 1–4 means, lowest first. */
    scoreLevels: z.array(required(500)).length(4),
    caseTypeIds: z.array(z.uuid()).max(50).default([]),
    criteria: z.array(ZCriterionInput).min(1).max(40),
    reviewerIds: z.array(z.uuid()).min(1).max(50),
  })
  .refine((p) => new Set(p.criteria.map((c) => c.code)).size === p.criteria.length, {
    message: 'each criterion needs its own code',
    path: ['criteria'],
  });
export type TCreateProgramme = z.infer<typeof ZCreateProgramme>;

export const ZCriterion = z.object({
  id: z.uuid(),
  code: z.string(),
  text: z.string(),
  guidance: z.string(),
  allowsNotApplicable: z.boolean(),
});
export type TCriterion = z.infer<typeof ZCriterion>;

export const ZProgramme = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  title: z.string(),
  focusArea: z.string(),
  reasonKind: z.enum(SUPERVISION_REASON_KINDS),
  reason: z.string(),
  legalBasis: z.string(),
  schedule: z.enum(SUPERVISION_SCHEDULES),
  scoreLevels: z.array(z.string()),
  caseTypeIds: z.array(z.uuid()),
  criteria: z.array(ZCriterion),
  reviewers: z.array(z.object({ userId: z.uuid(), name: z.string() })),
  createdAt: z.string(),
});
export type TProgramme = z.infer<typeof ZProgramme>;

export const ZProgrammeList = z.object({
  items: z.array(ZProgramme.extend({ samples: z.number().int() })),
});
export type TProgrammeList = z.infer<typeof ZProgrammeList>;

/** Which cases a sample is drawn from. */
export const ZSamplePopulation = z.strictObject({
  caseTypeIds: z.array(z.uuid()).max(50).default([]),
  /** The units whose cases count; empty: every unit the programme's unit covers. */
  unitIds: z.array(z.uuid()).max(200).default([]),
  from: isoDate.optional(),
  to: isoDate.optional(),
  periodOf: z.enum(['received', 'decided']).default('decided'),
  states: z
    .array(z.enum(['received', 'in_progress', 'awaiting_applicant', 'awaiting_hearing', 'decided', 'closed']))
    .default([]),
});
export type TSamplePopulation = z.infer<typeof ZSamplePopulation>;

export const ZDrawSample = z
  .strictObject({
    label: required(100),
    population: ZSamplePopulation,
    design: z.enum(['simple', 'stratified']),
    stratifyBy: z.enum(['unit', 'case_type']).optional(),
    allocation: z.enum(['proportional', 'equal']).default('proportional'),
    /** A fixed size, or the wanted margin of error at 95% (e.g. 0.1 for ±10 points): one of the two. */
    size: z.number().int().min(1).max(5000).optional(),
    margin: z.number().gt(0).max(0.5).optional(),
    expectedRate: z.number().gt(0).lt(1).optional(),
    /** Given to redraw a stored sample; otherwise a fresh random seed is chosen and stored. */
    seed: z.string().min(1).max(100).optional(),
    followUpOf: z.uuid().optional(),
    initiativeId: z.uuid().optional(),
  })
  .refine((s) => (s.size === undefined) !== (s.margin === undefined), {
    message: 'give either a size or a margin of error',
    path: ['size'],
  })
  .refine((s) => (s.design === 'stratified') === (s.stratifyBy !== undefined), {
    message: 'a stratified sample needs stratifyBy (and a simple one none)',
    path: ['stratifyBy'],
  });
export type TDrawSample = z.infer<typeof ZDrawSample>;

export const ZSampleCase = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  reference: z.string(),
  stratum: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  reviewed: z.boolean(),
  replaced: z.object({ reason: z.string(), at: z.string() }).nullable(),
  replacementFor: z.uuid().nullable(),
});
export type TSampleCase = z.infer<typeof ZSampleCase>;

export const ZSample = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  label: z.string(),
  design: z.enum(['simple', 'stratified']),
  stratifyBy: z.enum(['unit', 'case_type']).nullable(),
  allocation: z.enum(['proportional', 'equal']).nullable(),
  size: z.number().int(),
  margin: z.number().nullable(),
  seed: z.string(),
  populationSize: z.number().int(),
  population: ZSamplePopulation,
  followUpOf: z.uuid().nullable(),
  initiativeId: z.uuid().nullable(),
  drawnAt: z.string(),
  strata: z.array(
    z.object({ key: z.string(), label: z.string(), populationSize: z.number().int(), drawn: z.number().int() }),
  ),
  cases: z.array(ZSampleCase),
});
export type TSample = z.infer<typeof ZSample>;

export const ZSampleList = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      label: z.string(),
      design: z.enum(['simple', 'stratified']),
      size: z.number().int(),
      reviewed: z.number().int(),
      populationSize: z.number().int(),
      drawnAt: z.string(),
      followUpOf: z.uuid().nullable(),
    }),
  ),
});
export type TSampleList = z.infer<typeof ZSampleList>;

export const ZReplaceCase = z.strictObject({ reason: required(1000) });

export const ZSubmitReview = z
  .strictObject({
    answers: z
      .array(
        z.strictObject({ criterionId: z.uuid(), answer: z.enum(SUPERVISION_ANSWERS), comment: text(4000).default('') }),
      )
      .min(1)
      .max(40),
    holisticScore: z.number().int().min(1).max(4),
    followUp: z.boolean().default(false),
    followUpNote: text(4000).default(''),
  })
  .refine((r) => new Set(r.answers.map((a) => a.criterionId)).size === r.answers.length, {
    message: 'a criterion is answered twice',
    path: ['answers'],
  });
export type TSubmitReview = z.infer<typeof ZSubmitReview>;

export const ZReview = z.object({
  sampleCaseId: z.uuid(),
  caseId: z.uuid(),
  reference: z.string(),
  reviewerName: z.string(),
  holisticScore: z.number().int(),
  followUp: z.boolean(),
  followUpNote: z.string(),
  reviewedAt: z.string(),
  answers: z.array(z.object({ criterionId: z.uuid(), answer: z.enum(SUPERVISION_ANSWERS), comment: z.string() })),
});
export type TReview = z.infer<typeof ZReview>;

const ZEstimate = z.object({
  estimate: z.number(),
  lower: z.number(),
  upper: z.number(),
  standardError: z.number(),
  reviewed: z.number().int(),
  errors: z.number().int(),
});
export type TEstimate = z.infer<typeof ZEstimate>;

const ZChange = z.object({
  previousSampleId: z.uuid(),
  previousLabel: z.string(),
  previous: ZEstimate,
  difference: z.number(),
  pValue: z.number(),
  significant: z.boolean(),
});

export const ZSampleAnalysis = z.object({
  sampleId: z.uuid(),
  label: z.string(),
  design: z.enum(['simple', 'stratified']),
  reviewedCases: z.number().int(),
  sampledCases: z.number().int(),
  /** Cases where any criterion was not met. */
  anyError: ZEstimate.nullable(),
  criteria: z.array(
    z.object({
      criterionId: z.uuid(),
      code: z.string(),
      text: z.string(),
      notApplicable: z.number().int(),
      overall: ZEstimate.nullable(),
      byUnit: z.array(z.object({ unitId: z.uuid(), unitName: z.string(), estimate: ZEstimate.nullable() })),
      change: ZChange.nullable(),
    }),
  ),
  scoreDistribution: z.array(z.object({ score: z.number().int(), count: z.number().int() })),
  cases: z.array(
    z.object({
      sampleCaseId: z.uuid(),
      caseId: z.uuid(),
      reference: z.string(),
      unitName: z.string(),
      holisticScore: z.number().int(),
      notMet: z.array(z.string()),
      followUp: z.boolean(),
    }),
  ),
  /** Per caseworker: only for the team lead, and only persons with at least 5 reviewed cases; null for others. */
  perPerson: z
    .array(z.object({ name: z.string(), reviewed: z.number().int(), anyError: ZEstimate.nullable() }))
    .nullable(),
});
export type TSampleAnalysis = z.infer<typeof ZSampleAnalysis>;

export const ZCreateInitiative = z
  .strictObject({
    programmeId: z.uuid().optional(),
    auditRemarkId: z.uuid().optional(),
    criterionId: z.uuid().optional(),
    sampleId: z.uuid().optional(),
    kind: z.enum(INITIATIVE_KINDS),
    title: required(300),
    ownerId: z.uuid(),
    dueDate: isoDate,
  })
  .refine((i) => i.programmeId !== undefined || i.auditRemarkId !== undefined, {
    message: 'an initiative belongs to a programme or an audit remark',
    path: ['programmeId'],
  });
export type TCreateInitiative = z.infer<typeof ZCreateInitiative>;

export const ZUpdateInitiative = z.strictObject({
  status: z.enum(INITIATIVE_STATUSES),
  completedOn: isoDate.optional(),
});

export const ZInitiative = z.object({
  id: z.uuid(),
  programmeId: z.uuid().nullable(),
  auditRemarkId: z.uuid().nullable(),
  criterionId: z.uuid().nullable(),
  sampleId: z.uuid().nullable(),
  kind: z.enum(INITIATIVE_KINDS),
  title: z.string(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  dueDate: z.string(),
  status: z.enum(INITIATIVE_STATUSES),
  completedOn: z.string().nullable(),
  overdue: z.boolean(),
});
export type TInitiative = z.infer<typeof ZInitiative>;
export const ZInitiativeList = z.object({ items: z.array(ZInitiative) });

export const ZCreateAuditRemark = z.strictObject({
  unitId: z.uuid(),
  year: z.number().int().min(2000).max(2200),
  report: required(300),
  remark: required(4000),
});
export type TCreateAuditRemark = z.infer<typeof ZCreateAuditRemark>;

export const ZAuditRemark = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  year: z.number().int(),
  report: z.string(),
  remark: z.string(),
  createdAt: z.string(),
});
export type TAuditRemark = z.infer<typeof ZAuditRemark>;

/** The half-year follow-up for the committee: per remark, its action plan and the status of each initiative. */
export const ZAuditFollowUp = z.object({
  halfYear: z.string(),
  asOf: z.string(),
  remarks: z.array(
    ZAuditRemark.extend({
      initiatives: z.array(ZInitiative),
      done: z.number().int(),
      total: z.number().int(),
      /** The day the last initiative was done, when all are: the remark is then fully implemented. */
      fullyImplementedOn: z.string().nullable(),
    }),
  ),
});
export type TAuditFollowUp = z.infer<typeof ZAuditFollowUp>;

/** The monthly report of a centre (or of the whole authority, for management). */
export const ZMonthlyReport = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  month: z.string(),
  programmes: z.array(
    z.object({
      programmeId: z.uuid(),
      title: z.string(),
      samples: z.array(
        z.object({
          sampleId: z.uuid(),
          label: z.string(),
          reviewed: z.number().int(),
          size: z.number().int(),
          anyError: ZEstimate.nullable(),
        }),
      ),
      initiatives: z.array(ZInitiative),
    }),
  ),
});
export type TMonthlyReport = z.infer<typeof ZMonthlyReport>;

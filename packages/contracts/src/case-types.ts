/**
 * The case-type catalogue: what an authority handles, under which rules, in which phases, and what an application
 * needs. A definition is the unit of publishing, export and import; every published change is a new version.
 */
import { z } from 'zod';
import { ACCEPTED_FILE_TYPES } from './documents.js';
import type { CaseTypeRule, FieldIssueDetail } from './errors.js';

export const DURATION_UNITS = ['calendar_days', 'working_days', 'weeks', 'months'] as const;
export const CLOCK_STARTS = ['on_receipt', 'when_fully_informed'] as const;
export const DECISION_OUTCOMES = ['granted', 'partly_granted', 'refused', 'withdrawn', 'dismissed'] as const;
/** Outcomes that do not fully grant the request: the decision must carry appeal guidance. */
export const OUTCOMES_NEEDING_APPEAL_GUIDANCE = ['partly_granted', 'refused', 'dismissed'] as const;

export const ZDurationUnit = z.enum(DURATION_UNITS);
export const ZDuration = z.object({
  amount: z.number().int('must be a whole number').positive('must be greater than zero').max(3650),
  unit: ZDurationUnit,
});
export type TDuration = z.infer<typeof ZDuration>;

/** Text in the three languages; Swedish is optional, the portal falls back to English. */
export const ZLocalizedText = z.object({
  da: z.string().trim().min(1, 'Danish text is required').max(4000),
  en: z.string().trim().min(1, 'English text is required').max(4000),
  sv: z.string().trim().min(1).max(4000).optional(),
});
export type TLocalizedText = z.infer<typeof ZLocalizedText>;

/** The form of a code in a definition (case type, phase, requirement, option); a client words a mismatch by it. */
export const CASE_TYPE_CODE_PATTERN = /^[a-z][a-z0-9_-]{1,47}$/;
/** A KLE topic number, e.g. 27.24.00. */
export const KLE_TOPIC_PATTERN = /^\d{2}\.\d{2}(\.\d{2})?$/;
const ZCode = z.string().regex(CASE_TYPE_CODE_PATTERN, 'must be 2-48 lower-case letters, digits, - or _');

export const ZServiceGoal = z.object({
  duration: ZDuration,
  /** Share of cases that should be decided within the goal, 0-1 (0.97 = 97%). */
  targetShare: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1 (100%)'),
  clockStart: z.enum(CLOCK_STARTS),
  pauseWhileAwaitingApplicant: z.boolean(),
  extension: z.object({
    allowed: z.boolean(),
    /** The most all extensions together may add; required when extensions are allowed. */
    maximum: ZDuration.nullable(),
  }),
  /**
   * Shares of the time budget at which an open case shows a warning, ascending (default 75% and 90%). The first
   * one puts the case on the "warning" list of the work queue.
   */
  warnAt: z
    .array(z.number().gt(0, 'must be above 0').lt(1, 'must be below 1 (100%)'))
    .min(1)
    .max(3)
    .refine((xs) => xs.every((x, i) => i === 0 || x > xs[i - 1]), {
      message: 'must be ascending',
      params: { rule: 'warn_at_ascending' },
    })
    .optional(),
});
export const DEFAULT_WARN_AT: readonly number[] = [0.75, 0.9];
export type TServiceGoal = z.infer<typeof ZServiceGoal>;

export const ZPhase = z.object({
  code: ZCode,
  /** Position in the workflow, strictly increasing through the list. */
  order: z.number().int().positive(),
  name: ZLocalizedText,
  /** What the applicant reads about this phase, in plain language. */
  applicantText: ZLocalizedText,
  notifyApplicant: z.boolean(),
  expectedDuration: ZDuration.optional(),
});
export type TPhase = z.infer<typeof ZPhase>;

/** How an information requirement is answered in the guided application; free text when left out. */
export const ANSWER_TYPES = ['text', 'longtext', 'date', 'number', 'yesno', 'choice', 'email'] as const;
export const ZAnswerSpec = z.object({
  type: z.enum(ANSWER_TYPES),
  options: z
    .array(z.object({ value: ZCode, label: ZLocalizedText }))
    .max(50)
    .optional(),
  /** Plausible dates in whole years from the day of application (negative = the past), checked on receipt. */
  dateBounds: z
    .object({
      minYears: z.number().int().min(-150).max(150).optional(),
      maxYears: z.number().int().min(-150).max(150).optional(),
    })
    .optional(),
  maxLength: z.number().int().positive().max(20_000).optional(),
});
export type TAnswerSpec = z.infer<typeof ZAnswerSpec>;

export const ZFileSpec = z.object({
  acceptedTypes: z.array(z.enum(ACCEPTED_FILE_TYPES)).min(1).max(3),
  maxBytes: z
    .number()
    .int()
    .positive()
    .max(50 * 1024 * 1024),
});
export type TFileSpec = z.infer<typeof ZFileSpec>;

export const ZRequirement = z.object({
  code: ZCode,
  kind: z.enum(['information', 'document']),
  necessity: z.enum(['mandatory', 'conditional']),
  /** When a conditional requirement applies, e.g. "if you have children under 18". */
  condition: ZLocalizedText.optional(),
  label: ZLocalizedText,
  why: ZLocalizedText,
  example: ZLocalizedText.optional(),
  /** Information only: the kind of answer (guided application and screening); free text when left out. */
  answer: ZAnswerSpec.optional(),
  /** Documents only: accepted types and size; all of ACCEPTED_FILE_TYPES up to 10 MB when left out. */
  files: ZFileSpec.optional(),
});
export type TRequirement = z.infer<typeof ZRequirement>;

export const ZDecisionOutcome = z.enum(DECISION_OUTCOMES);
export type TDecisionOutcome = z.infer<typeof ZDecisionOutcome>;

export const ZAppeal = z.object({ body: ZLocalizedText, deadline: ZDuration });

/** Rough length in calendar days, only to compare a goal with the legal maximum. */
export function approximateDays(d: TDuration): number {
  const perUnit = { calendar_days: 1, working_days: 7 / 5, weeks: 7, months: 30.44 } as const;
  return d.amount * perUnit[d.unit];
}

const ZCaseTypeShape = z.object({
  code: ZCode,
  name: ZLocalizedText,
  /** KLE topic number, e.g. 27.24.00. */
  topicCode: z.string().regex(KLE_TOPIC_PATTERN, 'must be a KLE number such as 27.24.00'),
  legalBasis: z.string().trim().min(1).max(1000),
  /** The unit that handles cases of this type, by its code (portable between installations). */
  unitCode: z.string().trim().min(1).max(100),
  legalMaximum: ZDuration.nullable(),
  serviceGoal: ZServiceGoal,
  phases: z.array(ZPhase).min(1, 'needs at least one phase').max(50),
  requirements: z.array(ZRequirement).max(200),
  outcomes: z.array(ZDecisionOutcome).min(1, 'needs at least one outcome'),
  appeal: ZAppeal.nullable(),
  /**
   * Months of experience the expected decision date learns from (decided cases and cases still open); 12 when left
   * out. Shorter follows changes in the work sooner, longer gives rare case types more cases to learn from.
   */
  forecastWindowMonths: z.number().int().min(3).max(60).optional(),
});

type Issue = { path: (string | number)[]; message: string; params: { rule: CaseTypeRule } & Record<string, unknown> };
const broken = (
  path: Issue['path'],
  rule: CaseTypeRule,
  message: string,
  more: Record<string, unknown> = {},
): Issue => ({ path, message, params: { rule, ...more } });

/** An answer the applicant could never give: a choice without options, two options alike, an empty date range. */
function answerIssues(a: TAnswerSpec, at: (string | number)[]): Issue[] {
  const issues: Issue[] = [];
  if (a.type === 'choice' && !a.options?.length)
    issues.push(broken([...at, 'options'], 'choice_needs_option', 'a choice needs at least one option'));
  const values = (a.options ?? []).map((o) => o.value);
  const dup = values.findIndex((v, j) => values.indexOf(v) !== j);
  if (dup >= 0)
    issues.push(broken([...at, 'options', dup, 'value'], 'option_codes_unique', 'option codes must be unique'));
  const { minYears, maxYears } = a.dateBounds ?? {};
  if (minYears !== undefined && maxYears !== undefined && minYears > maxYears)
    issues.push(broken([...at, 'dateBounds', 'maxYears'], 'date_bounds_order', 'must not be earlier than minYears'));
  return issues;
}

function crossFieldIssues(d: z.infer<typeof ZCaseTypeShape>): Issue[] {
  const issues: Issue[] = [];
  d.phases.forEach((p, i) => {
    const previous = i > 0 ? d.phases[i - 1].order : undefined;
    if (previous !== undefined && p.order <= previous)
      issues.push(
        broken(
          ['phases', i, 'order'],
          'phases_out_of_order',
          `phases are out of order: ${p.order} follows ${previous}`,
          { order: p.order, previous },
        ),
      );
  });
  const dup = (codes: string[]) => codes.findIndex((c, i) => codes.indexOf(c) !== i);
  const dupPhase = dup(d.phases.map((p) => p.code));
  if (dupPhase >= 0)
    issues.push(broken(['phases', dupPhase, 'code'], 'phase_codes_unique', 'phase codes must be unique'));
  const dupReq = dup(d.requirements.map((r) => r.code));
  if (dupReq >= 0)
    issues.push(
      broken(['requirements', dupReq, 'code'], 'requirement_codes_unique', 'requirement codes must be unique'),
    );
  d.requirements.forEach((r, i) => {
    if (r.necessity === 'conditional' && !r.condition)
      issues.push(
        broken(
          ['requirements', i, 'condition'],
          'condition_required',
          'a conditional requirement must say when it applies',
        ),
      );
    if (r.answer) issues.push(...answerIssues(r.answer, ['requirements', i, 'answer']));
  });
  const dupOutcome = dup(d.outcomes);
  if (dupOutcome >= 0) issues.push(broken(['outcomes', dupOutcome], 'outcomes_unique', 'outcomes must be unique'));
  const ext = d.serviceGoal.extension;
  if (ext.allowed && !ext.maximum)
    issues.push(
      broken(
        ['serviceGoal', 'extension', 'maximum'],
        'extension_maximum_required',
        'say how much the deadline may be extended',
      ),
    );
  if (!ext.allowed && ext.maximum)
    issues.push(
      broken(
        ['serviceGoal', 'extension', 'maximum'],
        'extension_maximum_not_allowed',
        'must be null when extensions are not allowed',
      ),
    );
  if (d.legalMaximum && approximateDays(d.serviceGoal.duration) > approximateDays(d.legalMaximum))
    issues.push(
      broken(
        ['serviceGoal', 'duration'],
        'goal_exceeds_legal_maximum',
        'the service goal is longer than the legal maximum',
      ),
    );
  const needsAppeal = d.outcomes.some((o) => (OUTCOMES_NEEDING_APPEAL_GUIDANCE as readonly string[]).includes(o));
  if (needsAppeal && !d.appeal)
    issues.push(
      broken(
        ['appeal'],
        'appeal_required',
        'an appeal body and deadline are required when a decision can go against the applicant',
      ),
    );
  return issues;
}

export const ZCaseTypeDefinition = ZCaseTypeShape.superRefine((d, ctx) => {
  for (const issue of crossFieldIssues(d)) ctx.addIssue({ code: 'custom', ...issue });
});
export type TCaseTypeDefinition = z.infer<typeof ZCaseTypeDefinition>;

/** The issue's own facts besides code, path and message (a size's `minimum`, a rule's `rule`), for wording it. */
function issueParams(issue: z.core.$ZodIssue): Record<string, unknown> | undefined {
  if (issue.code === 'custom') return issue.params;
  const {
    code: _code,
    path: _path,
    message: _message,
    input: _input,
    ...rest
  } = issue as z.core.$ZodIssue & { input?: unknown };
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/**
 * Turns zod issues into field issues at "field.path", so a refusal names the field; the keyword and params say
 * what kind of problem it is, so a client can word it in its reader's language.
 */
export function describeIssues(error: z.ZodError): FieldIssueDetail[] {
  return error.issues.map((i) => {
    const params = issueParams(i);
    return {
      path:
        i.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '') || '(root)',
      message: i.message,
      keyword: i.code,
      ...(params ? { params } : {}),
    };
  });
}

export const ZCaseTypeVersionInfo = z.object({
  id: z.uuid(),
  version: z.number().int(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
});

export const ZCaseTypeSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  name: ZLocalizedText,
  topicCode: z.string(),
  unitId: z.uuid(),
  unitCode: z.string(),
  currentVersion: z.number().int(),
  versionId: z.uuid(),
  serviceGoal: ZServiceGoal,
  active: z.boolean(),
});
export type TCaseTypeSummary = z.infer<typeof ZCaseTypeSummary>;

export const ZCaseTypeDetail = ZCaseTypeSummary.extend({
  definition: ZCaseTypeShape,
  versions: z.array(ZCaseTypeVersionInfo),
});
export type TCaseTypeDetail = z.infer<typeof ZCaseTypeDetail>;

/** The JSON file an admin exports and imports: one or more definitions. */
/** `POST /api/case-types`: the version now current, and whether it is new (false: the same as the current one). */
export const ZPublishCaseTypeResult = z.object({ code: z.string(), version: z.number().int(), published: z.boolean() });
export type TPublishCaseTypeResult = z.infer<typeof ZPublishCaseTypeResult>;

export const ZCaseTypeExport = z.object({
  format: z.literal('sagsgang.case-types'),
  formatVersion: z.literal(1),
  exportedAt: z.string(),
  caseTypes: z.array(z.unknown()),
});
export type TCaseTypeExport = z.infer<typeof ZCaseTypeExport>;

/** The export file as documented: each entry a definition (the import checks each one and names what is wrong). */
export const ZCaseTypeExportFile = ZCaseTypeExport.extend({ caseTypes: z.array(ZCaseTypeShape) });
/** A definition as documented for `POST /api/case-types`. */
export const ZCaseTypeDefinitionShape = ZCaseTypeShape;

export const ZCaseTypeImportResult = z.object({
  published: z.array(z.object({ code: z.string(), version: z.number().int() })),
  unchanged: z.array(z.string()),
});
export type TCaseTypeImportResult = z.infer<typeof ZCaseTypeImportResult>;

import { z } from 'zod';
import { ZIsoDate } from './primitives.js';

/** A survey's texts are offered in Danish, English and Swedish: all three are required. */
export const ZSurveyText = z.object({
  da: z.string().trim().min(1).max(2000),
  en: z.string().trim().min(1).max(2000),
  sv: z.string().trim().min(1).max(2000),
});
export type TSurveyText = z.infer<typeof ZSurveyText>;

const ZQuestionId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a question id is lower-case letters, digits, -');
const ZOptionValue = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'an option value is lower-case letters, digits, -');

/** Ask a question only when an earlier question was answered with one of `values` (scale steps as '1'…'5'). */
export const ZSurveyCondition = z.object({ questionId: ZQuestionId, values: z.array(z.string()).min(1) });

const base = {
  id: ZQuestionId,
  text: ZSurveyText,
  required: z.boolean().default(false),
  condition: ZSurveyCondition.optional(),
};

export const ZSurveyQuestion = z.discriminatedUnion('kind', [
  z.object({
    ...base,
    kind: z.literal('scale'),
    /** The words at 1 and at 5, e.g. "Very dissatisfied" … "Very satisfied". */
    lowLabel: ZSurveyText,
    highLabel: ZSurveyText,
  }),
  z.object({ ...base, kind: z.literal('yes_no') }),
  z.object({
    ...base,
    kind: z.enum(['single', 'multiple']),
    options: z
      .array(z.object({ value: ZOptionValue, text: ZSurveyText }))
      .min(2)
      .max(20),
  }),
  z.object({ ...base, kind: z.literal('text'), maxLength: z.number().int().min(1).max(4000).default(2000) }),
]);
export type TSurveyQuestion = z.infer<typeof ZSurveyQuestion>;

export const SURVEY_KINDS = ['after_contact', 'after_decision', 'annual_user', 'annual_staff'] as const;
export const ZSurveyKind = z.enum(SURVEY_KINDS);
export type TSurveyKind = z.infer<typeof ZSurveyKind>;

/** When and how often people are asked. */
export const ZSurveyTrigger = z.object({
  /** After a decision: days between the decision and the invitation. */
  delayDays: z.number().int().min(0).max(90).default(0),
  /** After a contact: the share of contacts per channel that get an invitation (0–1); `default` for the rest. */
  samplingShare: z.record(z.string(), z.number().min(0).max(1)).default({}),
  /** Someone invited, who answered or declined, is not asked again for this many days. */
  quarantineDays: z.number().int().min(0).max(730).default(180),
  /** How long an invitation's link works. */
  expiryDays: z.number().int().min(1).max(90).default(30),
});
export type TSurveyTrigger = z.infer<typeof ZSurveyTrigger>;

export const ZSurveyDefinition = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9-]{1,47}$/),
    kind: ZSurveyKind,
    title: ZSurveyText,
    intro: ZSurveyText,
    questions: z.array(ZSurveyQuestion).min(1).max(60),
    /** The scale question whose 4–5 counts as satisfied in the headline figures. */
    headlineQuestionId: ZQuestionId,
    /** An answer at or below `atMost` on `questionId` opens a follow-up task for the unit. */
    followUp: z.object({ questionId: ZQuestionId, atMost: z.number().int().min(1).max(5) }).optional(),
    trigger: ZSurveyTrigger,
  })
  .superRefine((d, ctx) => {
    const seen = new Map<string, TSurveyQuestion>();
    for (const [i, q] of d.questions.entries()) {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: 'duplicate id' });
      if (q.condition && !seen.has(q.condition.questionId))
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'condition'],
          message: 'a condition names an earlier question',
        });
      seen.set(q.id, q);
    }
    for (const [key, id] of [
      ['headlineQuestionId', d.headlineQuestionId],
      ['followUp', d.followUp?.questionId],
    ] as const) {
      if (id !== undefined && seen.get(id)?.kind !== 'scale')
        ctx.addIssue({ code: 'custom', path: [key], message: 'must name a scale question' });
    }
  });
export type TSurveyDefinition = z.infer<typeof ZSurveyDefinition>;

/** One answer: a scale step as a number, yes/no and single choice as a string, multiple choice as strings. */
export const ZSurveyAnswerValue = z.union([z.number(), z.string(), z.array(z.string())]);
export const ZSurveyAnswers = z.record(z.string(), ZSurveyAnswerValue);
export type TSurveyAnswers = z.infer<typeof ZSurveyAnswers>;

/** Answering through an invitation's one-time link: the link is the credential, no session is needed. */
export const ZSurveyAnswerRequest = z.object({ token: z.string().min(10).max(200), answers: ZSurveyAnswers });
export type TSurveyAnswerRequest = z.infer<typeof ZSurveyAnswerRequest>;

export const ZSurveyDefinitionView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  definition: z.unknown(),
});

export const SURVEY_GROUPINGS = ['none', 'unit', 'caseType', 'outcome', 'channel', 'quarter'] as const;
export const ZSurveyGrouping = z.enum(SURVEY_GROUPINGS);
export type TSurveyGrouping = z.infer<typeof ZSurveyGrouping>;

export const ZSurveyResultsQuery = z.object({
  survey: z.string().regex(/^[a-z][a-z0-9-]{1,47}$/),
  from: ZIsoDate('first day, YYYY-MM-DD').optional(),
  to: ZIsoDate('last day, YYYY-MM-DD').optional(),
  by: ZSurveyGrouping.default('none'),
  unitId: z.uuid().optional(),
  caseTypeId: z.uuid().optional(),
  outcome: z.string().max(40).optional(),
  channel: z.string().max(40).optional(),
});
export type TSurveyResultsQuery = z.infer<typeof ZSurveyResultsQuery>;

const ZInterval = z.object({ low: z.number(), high: z.number() });

/** A figure of a group: null (and `suppressed`) where fewer than 5 answered. */
export const ZSurveyQuestionResult = z.object({
  questionId: z.string(),
  kind: z.string(),
  answered: z.number().int().nullable(),
  /** Per scale step or option value: how many chose it. */
  distribution: z.record(z.string(), z.number().int()).nullable(),
  mean: z.number().nullable(),
  meanInterval: ZInterval.nullable(),
  /** Scale: the share answering 4 or 5; yes/no: the share answering yes. */
  shareSatisfied: z.number().nullable(),
  /** The 95% Wilson score interval of that share. */
  shareInterval: ZInterval.nullable(),
});

export const ZSurveyGroupResult = z.object({
  key: z.string(),
  label: z.string(),
  suppressed: z.boolean(),
  invited: z.number().int().nullable(),
  responses: z.number().int().nullable(),
  responseRate: z.number().nullable(),
  questions: z.array(ZSurveyQuestionResult),
});
export type TSurveyGroupResult = z.infer<typeof ZSurveyGroupResult>;

export const ZSurveyResults = z.object({
  survey: z.string(),
  title: z.string(),
  by: ZSurveyGrouping,
  minimumGroup: z.number().int(),
  method: z.string(),
  questions: z.array(z.object({ id: z.string(), kind: z.string(), text: z.string() })),
  groups: z.array(ZSurveyGroupResult),
});
export type TSurveyResults = z.infer<typeof ZSurveyResults>;

export const ZSurveyComment = z.object({
  questionId: z.string(),
  answeredOn: z.string(),
  unitName: z.string().nullable(),
  caseType: z.string().nullable(),
  outcome: z.string().nullable(),
  /** The text with anything shaped like a CPR number masked. */
  text: z.string(),
});
export const ZSurveyComments = z.object({ comments: z.array(ZSurveyComment), suppressed: z.boolean() });
export type TSurveyComments = z.infer<typeof ZSurveyComments>;

export const ZSurveyFollowUp = z.object({
  id: z.uuid(),
  survey: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  caseType: z.string().nullable(),
  outcome: z.string().nullable(),
  score: z.number().int(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type TSurveyFollowUp = z.infer<typeof ZSurveyFollowUp>;

export const ZCloseSurveyFollowUp = z.object({ note: z.string().trim().min(1).max(2000) });

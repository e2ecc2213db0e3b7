// The figures of a survey per group: pure, from the rows a query returned.
import type { TSurveyGroupResult, TSurveyGrouping, TSurveyQuestion } from '@sagsgang/contracts';
import { meanWithInterval, SATISFIED_FROM, wilsonInterval } from './survey-statistics.js';
import type { AnswerValue } from './survey-answers.js';

/** No figure of a group with fewer answers than this is shown: fewer could point to a person. */
export const MINIMUM_GROUP = 5;

export interface ResponseFacts {
  unitId: string | null;
  caseTypeId: string | null;
  outcome: string | null;
  channel: string | null;
  quarter: string;
  answers: Record<string, AnswerValue>;
}

export interface InvitationFacts {
  unitId: string | null;
  caseTypeId: string | null;
  outcome: string | null;
  channel: string | null;
  quarter: string;
  delivered: number;
  answered: number;
}

type Keyed = Omit<ResponseFacts, 'answers'>;

/** The group a row falls in under a grouping. */
export function groupKey(row: Keyed, by: TSurveyGrouping): string {
  switch (by) {
    case 'none':
      return 'all';
    case 'unit':
      return row.unitId ?? '-';
    case 'caseType':
      return row.caseTypeId ?? '-';
    case 'outcome':
      return row.outcome ?? '-';
    case 'channel':
      return row.channel ?? '-';
    case 'quarter':
      return row.quarter;
  }
}

/** The calendar quarter of a local date, as `2026-Q3`. */
export function quarterOf(localDate: string): string {
  const month = Number(localDate.slice(5, 7));
  return `${localDate.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** The figures of one question over the answers of one group (which has at least MINIMUM_GROUP answers). */
export function questionFigures(q: TSurveyQuestion, answers: readonly Record<string, AnswerValue>[]) {
  const values = answers.map((a) => a[q.id]).filter((v): v is AnswerValue => v !== undefined);
  const answered = values.length;
  const empty = {
    questionId: q.id,
    kind: q.kind,
    answered,
    distribution: null,
    mean: null,
    meanInterval: null,
    shareSatisfied: null,
    shareInterval: null,
  };
  // A question few answered within a group big enough is still a small group.
  if (answered < MINIMUM_GROUP || q.kind === 'text') return { ...empty, answered: q.kind === 'text' ? answered : null };
  const distribution: Record<string, number> = {};
  if (q.kind === 'scale') for (const step of ['1', '2', '3', '4', '5']) distribution[step] = 0;
  if (q.kind === 'yes_no') Object.assign(distribution, { yes: 0, no: 0 });
  if (q.kind === 'single' || q.kind === 'multiple') for (const o of q.options) distribution[o.value] = 0;
  for (const v of values)
    for (const x of Array.isArray(v) ? v : [v]) distribution[String(x)] = (distribution[String(x)] ?? 0) + 1;
  if (q.kind === 'scale') {
    const numbers = values.map(Number);
    const satisfied = numbers.filter((n) => n >= SATISFIED_FROM).length;
    const m = meanWithInterval(numbers);
    return {
      ...empty,
      distribution,
      mean: m.mean,
      meanInterval: m.interval,
      shareSatisfied: satisfied / answered,
      shareInterval: wilsonInterval(satisfied, answered),
    };
  }
  if (q.kind === 'yes_no') {
    const yes = distribution.yes ?? 0;
    return { ...empty, distribution, shareSatisfied: yes / answered, shareInterval: wilsonInterval(yes, answered) };
  }
  return { ...empty, distribution };
}

/**
 * Groups the responses and invitations and computes each group's figures. A group with fewer than MINIMUM_GROUP
 * responses is kept in the list (so a reader sees it exists) but shows nothing: no counts, no figures.
 */
export function groupResults(input: {
  questions: readonly TSurveyQuestion[];
  by: TSurveyGrouping;
  responses: readonly ResponseFacts[];
  invitations: readonly InvitationFacts[];
  label: (key: string) => string;
}): TSurveyGroupResult[] {
  const groups = new Map<string, { answers: Record<string, AnswerValue>[]; delivered: number; answered: number }>();
  const get = (key: string) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { answers: [], delivered: 0, answered: 0 }));
    return g;
  };
  for (const r of input.responses) get(groupKey(r, input.by)).answers.push(r.answers);
  for (const i of input.invitations) {
    const g = get(groupKey(i, input.by));
    g.delivered += i.delivered;
    g.answered += i.answered;
  }
  const keys = [...groups.keys()].sort();
  return keys.map((key) => {
    const g = groups.get(key)!;
    const n = g.answers.length;
    const suppressed = n < MINIMUM_GROUP;
    return {
      key,
      label: input.label(key),
      suppressed,
      invited: suppressed ? null : g.delivered,
      responses: suppressed ? null : n,
      responseRate: suppressed || g.delivered === 0 ? null : g.answered / g.delivered,
      questions: input.questions.map((q) =>
        suppressed
          ? {
              questionId: q.id,
              kind: q.kind,
              answered: null,
              distribution: null,
              mean: null,
              meanInterval: null,
              shareSatisfied: null,
              shareInterval: null,
            }
          : questionFigures(q, g.answers),
      ),
    };
  });
}

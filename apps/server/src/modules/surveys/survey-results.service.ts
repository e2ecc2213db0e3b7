import type {
  Locale,
  TSurveyComments,
  TSurveyDefinition,
  TSurveyFollowUp,
  TSurveyResults,
  TSurveyResultsQuery,
} from '@sagsgang/contracts';
import { localDateOf } from '@sagsgang/clock';
import { unitsWithRole, type Principal, type StaffRole } from '../../platform/auth/principal.js';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { t } from '../../platform/i18n/i18n.js';
import type { IndicatorDefinition } from '../../platform/indicators.js';
import { maskCpr } from '../../platform/logging.js';
import { listCaseTypes } from '../case-types/index.js';
import { groupResults, MINIMUM_GROUP, quarterOf } from './survey-results.js';
import { SATISFIED_FROM } from './survey-statistics.js';
import { SURVEY_TEMPLATES } from './survey-templates.js';
import { surveysRepository as repo, type ResultsFilter } from './surveys.repository.js';

/** Who reads survey results: for the units where they hold one of these roles. */
export const RESULT_READERS: readonly StaffRole[] = ['quality', 'teamlead', 'analyst', 'admin'];
/** Free text may hold anything a person wrote: only the quality role reads it. */
export const COMMENT_READERS: readonly StaffRole[] = ['quality'];
/** Who acts on a follow-up task of a unit. */
export const FOLLOW_UP_HANDLERS: readonly StaffRole[] = ['teamlead', 'quality'];

function readableUnits(principal: Principal, roles: readonly StaffRole[], unitId?: string): string[] {
  const units = unitsWithRole(principal, roles);
  if (units.length === 0) throw new AppError('forbidden', 'You do not have access to survey results.', { roles });
  if (unitId === undefined) return units;
  if (!units.includes(unitId)) throw new AppError('forbidden', 'You do not have access to this unit.', { unitId });
  return [unitId];
}

async function surveyVersions(db: Executor, code: string) {
  const versions = await repo.versionsOfCode(db, code);
  if (versions.length > 0) return { versions, current: versions[versions.length - 1]!.definition as TSurveyDefinition };
  // A ready-made survey not yet published has no answers, but its results page exists (empty).
  const template = SURVEY_TEMPLATES.find((t) => t.code === code);
  if (!template) throw new AppError('not_found', `There is no survey ${code}.`);
  return { versions, current: template };
}

async function labeller(db: Executor, by: TSurveyResultsQuery['by'], locale: Locale) {
  const names = new Map<string, string>();
  if (by === 'unit') for (const u of await repo.unitNames(db)) names.set(u.id, locale === 'da' ? u.name_da : u.name_en);
  if (by === 'caseType') for (const c of await listCaseTypes(db)) names.set(c.id, c.name[locale] ?? c.name.en);
  return (key: string): string => {
    if (key === 'all') return t(locale, 'surveys:allAnswers');
    if (key === '-') return t(locale, 'surveys:notKnown');
    if (by === 'outcome') return t(locale, `cases:outcome_${key}`);
    if (by === 'channel') return t(locale, `cases:channel_${key}`);
    return names.get(key) ?? key;
  };
}

const METHOD =
  'Share satisfied: answers 4 or 5 on the 1–5 scale (yes/no: yes), with its 95% Wilson score interval. Mean: with ' +
  "its 95% Student's t interval. Response rate: invitations answered of those sent. Groups with fewer than 5 " +
  'answers are not shown.';

/**
 * The results of a survey for the reader's units: response rates and, per question, distribution, mean and share
 * satisfied with 95% intervals, overall or by unit, case type, decision outcome, channel or quarter. Two queries
 * whatever the number of groups.
 */
export async function getSurveyResults(
  db: Executor,
  principal: Principal,
  query: TSurveyResultsQuery,
  locale: Locale,
): Promise<TSurveyResults> {
  const unitIds = readableUnits(principal, RESULT_READERS, query.unitId);
  const { versions, current } = await surveyVersions(db, query.survey);
  const filter: ResultsFilter = {
    definitionIds: versions.map((v) => v.id),
    unitIds,
    from: query.from,
    to: query.to,
    caseTypeId: query.caseTypeId,
    outcome: query.outcome,
    channel: query.channel,
  };
  const [responses, counts, label] = await Promise.all([
    repo.responses(db, filter),
    repo.invitationCounts(db, filter),
    labeller(db, query.by, locale),
  ]);
  const groups = groupResults({
    questions: current.questions,
    by: query.by,
    responses: responses.map((r) => ({
      unitId: r.unit_id,
      caseTypeId: r.case_type_id,
      outcome: r.outcome,
      channel: r.channel,
      quarter: quarterOf(localDateOf(new Date(r.answered_at))),
      answers: r.answers,
    })),
    invitations: counts.map((c) => ({
      unitId: c.unit_id,
      caseTypeId: c.case_type_id,
      outcome: c.outcome,
      channel: c.channel,
      quarter: c.quarter,
      delivered: c.delivered,
      answered: c.answered,
    })),
    label,
  });
  return {
    survey: query.survey,
    title: current.title[locale],
    by: query.by,
    minimumGroup: MINIMUM_GROUP,
    method: METHOD,
    questions: current.questions.map((q) => ({ id: q.id, kind: q.kind, text: q.text[locale] })),
    groups,
  };
}

export interface CommentQuery {
  survey: string;
  from?: string;
  to?: string;
  unitId?: string;
  caseTypeId?: string;
  outcome?: string;
  /** Only answers whose headline score is at most this. */
  maxScore?: number;
}

/**
 * The free-text answers, for the quality role only, with anything shaped like a CPR number masked. A comment is
 * shown only where its unit has at least MINIMUM_GROUP answers in the selection, so no comment points to a person.
 */
export async function getSurveyComments(
  db: Executor,
  principal: Principal,
  q: CommentQuery,
  locale: Locale,
): Promise<TSurveyComments> {
  const unitIds = readableUnits(principal, COMMENT_READERS, q.unitId);
  const { versions, current } = await surveyVersions(db, q.survey);
  const responses = await repo.responses(db, {
    definitionIds: versions.map((v) => v.id),
    unitIds,
    from: q.from,
    to: q.to,
    caseTypeId: q.caseTypeId,
    outcome: q.outcome,
  });
  const perUnit = new Map<string | null, number>();
  for (const r of responses) perUnit.set(r.unit_id, (perUnit.get(r.unit_id) ?? 0) + 1);
  const textIds = current.questions.filter((x) => x.kind === 'text').map((x) => x.id);
  const [units, types] = await Promise.all([repo.unitNames(db), listCaseTypes(db)]);
  const unitName = new Map(units.map((u) => [u.id, locale === 'da' ? u.name_da : u.name_en]));
  const typeName = new Map(types.map((c) => [c.id, c.name[locale] ?? c.name.en]));
  const comments: TSurveyComments['comments'] = [];
  let suppressed = false;
  for (const r of responses.slice().reverse()) {
    const headline = r.answers[current.headlineQuestionId];
    if (q.maxScore !== undefined && !(typeof headline === 'number' && headline <= q.maxScore)) continue;
    for (const id of textIds) {
      const text = r.answers[id];
      if (typeof text !== 'string' || text === '') continue;
      if ((perUnit.get(r.unit_id) ?? 0) < MINIMUM_GROUP) {
        suppressed = true;
        continue;
      }
      comments.push({
        questionId: id,
        answeredOn: localDateOf(new Date(r.answered_at)),
        unitName: r.unit_id ? (unitName.get(r.unit_id) ?? null) : null,
        caseType: r.case_type_id ? (typeName.get(r.case_type_id) ?? null) : null,
        outcome: r.outcome,
        text: maskCpr(text),
      });
      if (comments.length >= 500) return { comments, suppressed };
    }
  }
  return { comments, suppressed };
}

/** The follow-up tasks of the units where the reader is team lead or quality. */
export async function listFollowUps(
  db: Executor,
  principal: Principal,
  status: 'open' | 'closed' | undefined,
  locale: Locale,
): Promise<TSurveyFollowUp[]> {
  const unitIds = readableUnits(principal, FOLLOW_UP_HANDLERS);
  const [rows, types] = await Promise.all([repo.followUps(db, unitIds, status), listCaseTypes(db)]);
  const typeName = new Map(types.map((c) => [c.id, c.name[locale] ?? c.name.en]));
  return rows.map((r) => ({
    id: r.id,
    survey: r.code,
    unitId: r.unit_id,
    unitName: locale === 'da' ? r.name_da : r.name_en,
    caseType: r.case_type_id ? (typeName.get(r.case_type_id) ?? null) : null,
    outcome: r.outcome,
    score: r.score,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    note: r.note,
  }));
}

/** Closes a follow-up task with what the unit did. */
export async function closeFollowUp(db: Executor, principal: Principal, id: string, note: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const f = await repo.followUp(trx, id);
    if (!f) throw new AppError('not_found', 'There is no such follow-up task.');
    if (!unitsWithRole(principal, FOLLOW_UP_HANDLERS).includes(f.unit_id))
      throw new AppError('forbidden', 'You do not have access to this unit.', { unitId: f.unit_id });
    if (f.status === 'closed') throw new AppError('conflict', 'The follow-up task is already closed.');
    await repo.closeFollowUp(trx, id, principal.userId, note);
  });
}

/**
 * The share of answers to the after-decision surveys' headline question that were satisfied (4–5), for goals and
 * reports. Null where fewer than 5 answered.
 */
export const shareSatisfiedIndicator: IndicatorDefinition = {
  id: 'surveys.share-satisfied',
  labelKey: 'surveys:indicatorShareSatisfied',
  descriptionKey: 'surveys:indicatorShareSatisfiedDescription',
  unit: 'share',
  async compute(db, filter) {
    const definitions = await repo.definitionsOfKind(db, 'after_decision');
    const rows = await repo.responses(db, {
      definitionIds: definitions.map((d) => d.id),
      unitIds: filter.unitIds,
      from: filter.from,
      to: filter.to,
      caseTypeId: filter.caseTypeId,
    });
    const headline = new Map(definitions.map((d) => [d.id, d.definition.headlineQuestionId]));
    let basis = 0;
    let satisfied = 0;
    for (const r of rows) {
      const v = r.answers[headline.get(r.definition_id) ?? 'overall'];
      if (typeof v !== 'number') continue;
      basis++;
      if (v >= SATISFIED_FROM) satisfied++;
    }
    return { value: basis < MINIMUM_GROUP ? null : satisfied / basis, basis };
  },
};

import type { TEstimate, TSampleAnalysis } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import type { Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import {
  supervisionRepository as repo,
  type AnswerRow,
  type ReviewRow,
  type SampleCaseRow,
  type SampleRow,
} from '../supervision.repository.js';
import { compareEstimates, stratifiedEstimate, type Estimate } from '../statistics/index.js';
import { loadProgramme, unitNames } from './access.js';

/** Per-person results are shown only for persons with at least this many reviewed cases. */
export const MIN_CASES_PER_PERSON = 5;

interface SampleData {
  sample: SampleRow;
  /** The cases reviewed (replaced ones left out). */
  reviewed: SampleCaseRow[];
  /** Cases in the sample (replaced ones left out). */
  sampled: number;
  reviews: Map<string, ReviewRow>;
  /** Per sampled case, per criterion: the answer. */
  answers: Map<string, Map<string, AnswerRow>>;
  strataSizes: Map<string, number>;
  unitSizes: Map<string, number>;
}

async function loadData(db: Executor, sample: SampleRow): Promise<SampleData> {
  const [cases, population] = await Promise.all([repo.sampleCases(db, [sample.id]), repo.population(db, sample.id)]);
  const active = cases.filter((c) => !c.replaced_at);
  const ids = active.map((c) => c.id);
  const [reviewRows, answerRows] = await Promise.all([repo.reviews(db, ids), repo.answers(db, ids)]);
  const reviews = new Map(reviewRows.map((r) => [r.sample_case_id, r]));
  const answers = new Map<string, Map<string, AnswerRow>>();
  for (const a of answerRows) {
    const m = answers.get(a.sample_case_id) ?? new Map<string, AnswerRow>();
    m.set(a.criterion_id, a);
    answers.set(a.sample_case_id, m);
  }
  const count = (key: (c: (typeof population)[number]) => string) => {
    const m = new Map<string, number>();
    for (const c of population) m.set(key(c), (m.get(key(c)) ?? 0) + 1);
    return m;
  };
  return {
    sample,
    reviewed: active.filter((c) => reviews.has(c.id)),
    sampled: active.length,
    reviews,
    answers,
    strataSizes: count((c) => c.stratum),
    unitSizes: count((c) => c.unit_id),
  };
}

/** true: an error; false: met; null: not applicable (left out, and its stratum's size shrunk in proportion). */
type Outcome = (c: SampleCaseRow) => boolean | null;

/**
 * The error rate over groups (strata, or units) with its 95% interval: each group's population shrunk to the share
 * of its reviewed cases the criterion applied to, then the stratum-weighted estimate with the FPC.
 */
function estimateOver(
  cases: readonly SampleCaseRow[],
  group: (c: SampleCaseRow) => string,
  sizes: Map<string, number>,
  outcome: Outcome,
): Estimate | null {
  const byGroup = new Map<string, { reviewed: number; applicable: number; errors: number }>();
  for (const c of cases) {
    const g = byGroup.get(group(c)) ?? { reviewed: 0, applicable: 0, errors: 0 };
    const o = outcome(c);
    g.reviewed += 1;
    if (o !== null) g.applicable += 1;
    if (o === true) g.errors += 1;
    byGroup.set(group(c), g);
  }
  return stratifiedEstimate(
    [...byGroup.entries()].map(([key, g]) => {
      const N = sizes.get(key) ?? g.reviewed;
      return {
        populationSize: Math.max(g.applicable, Math.round((N * g.applicable) / g.reviewed)),
        reviewed: g.applicable,
        errors: g.errors,
      };
    }),
  );
}

const view = (e: Estimate | null): TEstimate | null =>
  e && {
    estimate: e.estimate,
    lower: e.lower,
    upper: e.upper,
    standardError: e.standardError,
    reviewed: e.reviewed,
    errors: e.errors,
  };

function criterionOutcome(d: SampleData, criterionId: string): Outcome {
  return (c) => {
    const a = d.answers.get(c.id)?.get(criterionId);
    if (!a || a.answer === 'not_applicable') return null;
    return a.answer === 'not_met';
  };
}

function anyErrorOutcome(d: SampleData): Outcome {
  return (c) => [...(d.answers.get(c.id)?.values() ?? [])].some((a) => a.answer === 'not_met');
}

const overall = (d: SampleData, outcome: Outcome) => estimateOver(d.reviewed, (c) => c.stratum, d.strataSizes, outcome);

/**
 * The analysis of a sample: per criterion the error rate overall and per unit with 95% intervals, the change from
 * the round before (the sample it follows up, else the programme's previous sample) and whether it is more than
 * chance, the holistic scores, the reviewed cases to drill into, and — for team leads only, and only for persons with
 * at least five reviewed cases — the results per caseworker.
 */
export async function analyseSample(db: Executor, p: Principal, sampleId: string): Promise<TSampleAnalysis> {
  const sample = await repo.sample(db, sampleId);
  if (!sample) throw new AppError('not_found', 'No such sample.');
  const { access } = await loadProgramme(db, p, sample.programme_id);
  const previousRow = sample.follow_up_of
    ? await repo.sample(db, sample.follow_up_of)
    : await repo.previousSample(db, sample);
  const [d, previous, criteria, names] = await Promise.all([
    loadData(db, sample),
    previousRow ? loadData(db, previousRow) : Promise.resolve(null),
    repo.criteria(db, [sample.programme_id]),
    unitNames(db),
  ]);
  const unitIds = [...new Set(d.reviewed.map((c) => c.unit_id))].sort((a, b) =>
    (names.get(a) ?? '').localeCompare(names.get(b) ?? '', 'da'),
  );
  const scores = [1, 2, 3, 4].map((score) => ({
    score,
    count: d.reviewed.filter((c) => d.reviews.get(c.id)!.holistic_score === score).length,
  }));
  const criterionCode = new Map(criteria.map((c) => [c.id, c.code]));
  return {
    sampleId: sample.id,
    label: sample.label,
    design: sample.design as TSampleAnalysis['design'],
    reviewedCases: d.reviewed.length,
    sampledCases: d.sampled,
    anyError: view(overall(d, anyErrorOutcome(d))),
    criteria: criteria.map((c) => {
      const outcome = criterionOutcome(d, c.id);
      const now = overall(d, outcome);
      const before = previous ? overall(previous, criterionOutcome(previous, c.id)) : null;
      const cmp = now && before ? compareEstimates(before, now) : null;
      return {
        criterionId: c.id,
        code: c.code,
        text: c.text,
        notApplicable: d.reviewed.filter((x) => d.answers.get(x.id)?.get(c.id)?.answer === 'not_applicable').length,
        overall: view(now),
        byUnit: unitIds.map((u) => ({
          unitId: u,
          unitName: names.get(u) ?? '',
          estimate: view(
            estimateOver(
              d.reviewed.filter((x) => x.unit_id === u),
              (x) => x.unit_id,
              d.unitSizes,
              outcome,
            ),
          ),
        })),
        change:
          cmp && before && previousRow
            ? {
                previousSampleId: previousRow.id,
                previousLabel: previousRow.label,
                previous: view(before)!,
                difference: cmp.difference,
                pValue: cmp.pValue,
                significant: cmp.significant,
              }
            : null,
      };
    }),
    scoreDistribution: scores,
    cases: d.reviewed.map((c) => {
      const r = d.reviews.get(c.id)!;
      return {
        sampleCaseId: c.id,
        caseId: c.case_id,
        reference: c.reference,
        unitName: names.get(c.unit_id) ?? '',
        holisticScore: r.holistic_score,
        notMet: [...(d.answers.get(c.id)?.values() ?? [])]
          .filter((a) => a.answer === 'not_met')
          .map((a) => criterionCode.get(a.criterion_id) ?? ''),
        followUp: r.follow_up,
      };
    }),
    perPerson: access.perPerson ? await perPerson(db, d) : null,
  };
}

async function perPerson(db: Executor, d: SampleData): Promise<NonNullable<TSampleAnalysis['perPerson']>> {
  const byPerson = new Map<string, SampleCaseRow[]>();
  for (const c of d.reviewed) {
    if (!c.assignee_id) continue;
    byPerson.set(c.assignee_id, [...(byPerson.get(c.assignee_id) ?? []), c]);
  }
  const shown = [...byPerson.entries()].filter(([, cases]) => cases.length >= MIN_CASES_PER_PERSON);
  const names = await repo.userNames(
    db,
    shown.map(([id]) => id),
  );
  return shown
    .map(([id, cases]) => {
      const errors = cases.filter((c) => anyErrorOutcome(d)(c) === true).length;
      // A person's cases are not a random sample of their own work: the count is shown with Wilson's interval.
      const e = stratifiedEstimate([{ populationSize: Number.MAX_SAFE_INTEGER, reviewed: cases.length, errors }]);
      return { name: names.get(id) ?? '', reviewed: cases.length, anyError: view(e) };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'da'));
}

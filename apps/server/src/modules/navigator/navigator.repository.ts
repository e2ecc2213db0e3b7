import { sql, type Selectable } from 'kysely';
import type { TCaseListQuery } from '@sagsgang/contracts';
import type { Executor } from '../../platform/db/transaction.js';
import { analyzeTables } from '../../platform/db/statistics.js';
import type { AnalysisOutput, AnalysisProgress, CaseRecord } from './analysis/analysis-types.js';
import type { NavigatorAnalysisTable, NavigatorCaseTable, NavigatorLogTable } from './navigator.tables.js';
import './navigator.tables.js';

export type AnalysisRow = Selectable<NavigatorAnalysisTable>;
export type LogRow = Selectable<NavigatorLogTable>;
export type CaseRow = Selectable<NavigatorCaseTable>;

export interface NewAnalysis {
  name: string;
  modelId: string;
  version: number;
  population: unknown;
  populationLabel: string;
  createdBy: string | null;
}

const infoColumns = [
  'id',
  'name',
  'model_id',
  'model_version',
  'population',
  'population_label',
  'status',
  'progress',
  'error',
  'job_id',
  'created_by',
  'created_at',
  'started_at',
  'finished_at',
  'summary',
] as const;

const toIso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** What every case of a variant shares, taken from its first case. */
function variantRows(cases: CaseRecord[]) {
  const seen = new Map<number, CaseRecord>();
  for (const c of cases) if (!seen.has(c.variant)) seen.set(c.variant, c);
  return [...seen.values()].map((c) => ({
    variant: c.variant,
    fitness: c.fitness,
    steps: c.path.filter((_, i) => i % 2 === 0),
    passed: c.passed,
    skipped: c.skipped,
    out_of_order: c.outOfOrder,
    extra: c.extra,
    flows: c.flows,
    outside: c.outside,
    deviations: c.deviations,
  }));
}

async function insertVariants(db: Executor, analysisId: string, cases: CaseRecord[]): Promise<void> {
  const rows = variantRows(cases);
  for (let i = 0; i < rows.length; i += 2000) {
    await sql`
      INSERT INTO navigator_variant (analysis_id, variant, fitness, steps, passed, skipped, out_of_order, extra, flows, outside, deviations)
      SELECT ${analysisId}::uuid, r.variant, r.fitness, r.steps, r.passed, r.skipped, r.out_of_order, r.extra, r.flows, r.outside, r.deviations
      FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 2000))}::jsonb) AS r(variant int, fitness float8, steps int[], passed text[],
        skipped text[], out_of_order text[], extra text[], flows text[], outside text[], deviations jsonb)`.execute(db);
  }
}

// Column arrays for unnest: one statement per batch, each column one parameter. Ragged lists travel as text
// ('3,17,42') and are split by the database, which is far cheaper than JSON for 100,000 rows.
function caseColumns(cases: CaseRecord[], offset: number) {
  const col = {
    ord: [] as number[],
    key: [] as string[],
    caseId: [] as (string | null)[],
    unit: [] as (string | null)[],
    variant: [] as number[],
    state: [] as string[],
    started: [] as (string | null)[],
    ended: [] as (string | null)[],
    over: [] as string[],
    minutes: [] as string[],
  };
  cases.forEach((c, k) => {
    col.ord.push(offset + k);
    col.key.push(c.key);
    col.caseId.push(c.caseId);
    col.unit.push(c.unit);
    col.variant.push(c.variant);
    col.state.push(c.state);
    col.started.push(toIso(c.startedAt));
    col.ended.push(toIso(c.endedAt));
    col.over.push(c.overDeadline.join('\u001f'));
    col.minutes.push(c.path.filter((_, i) => i % 2 === 1).join(','));
  });
  return col;
}

const METRIC_COLUMN = { passed: 'passed', skipped: 'skipped', out_of_order: 'out_of_order', extra: 'extra' } as const;

export interface ListedCase extends CaseRow {
  fitness: number;
  deviations: unknown;
}

export const navigatorRepository = {
  async insertLog(
    db: Executor,
    log: Omit<LogRow, 'id' | 'created_at' | 'activities'> & { activities: string[] },
  ): Promise<string> {
    const row = await db
      .insertInto('navigator_log')
      .values({ ...log, activities: JSON.stringify(log.activities) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  findLog(db: Executor, id: string): Promise<LogRow | undefined> {
    return db.selectFrom('navigator_log').selectAll().where('id', '=', id).executeTakeFirst();
  },

  listLogs(db: Executor): Promise<Omit<LogRow, 'content'>[]> {
    return db
      .selectFrom('navigator_log')
      .select(['id', 'name', 'format', 'case_count', 'event_count', 'activities', 'created_by', 'created_at'])
      .orderBy('created_at', 'desc')
      .limit(200)
      .execute();
  },

  async insertAnalysis(db: Executor, a: NewAnalysis): Promise<string> {
    const row = await db
      .insertInto('navigator_analysis')
      .values({
        name: a.name,
        model_id: a.modelId,
        model_version: a.version,
        population: JSON.stringify(a.population),
        population_label: a.populationLabel,
        created_by: a.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async setJob(db: Executor, id: string, jobId: number): Promise<void> {
    await db.updateTable('navigator_analysis').set({ job_id: jobId }).where('id', '=', id).execute();
  },

  findAnalysis(db: Executor, id: string): Promise<Omit<AnalysisRow, 'result' | 'people'> | undefined> {
    return db.selectFrom('navigator_analysis').select(infoColumns).where('id', '=', id).executeTakeFirst();
  },

  findAnalysisResult(db: Executor, id: string): Promise<Pick<AnalysisRow, 'result' | 'people'> | undefined> {
    return db.selectFrom('navigator_analysis').select(['result', 'people']).where('id', '=', id).executeTakeFirst();
  },

  listAnalyses(db: Executor, modelId?: string): Promise<Omit<AnalysisRow, 'result' | 'people'>[]> {
    let q = db.selectFrom('navigator_analysis').select(infoColumns);
    if (modelId) q = q.where('model_id', '=', modelId);
    return q.orderBy('created_at', 'desc').limit(100).execute();
  },

  /**
   * Moves pending → running; a run left `running` by a crashed node starts over (its rows were never written).
   * False when the analysis was cancelled or has ended meanwhile.
   */
  async markRunning(db: Executor, id: string): Promise<boolean> {
    const res = await db
      .updateTable('navigator_analysis')
      .set({ status: 'running', started_at: sql`now()`, progress: null })
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'running'])
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  /** Ends an analysis without a result; case rows of a half-finished run never exist (they commit with `done`). */
  async markEnded(db: Executor, id: string, status: 'failed' | 'cancelled', error: string | null): Promise<boolean> {
    const res = await db
      .updateTable('navigator_analysis')
      .set({ status, error, finished_at: sql`now()`, progress: null })
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'running'])
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  /** A run stopped by a server shutdown goes back to the queue, without a trace of the interrupted run. */
  async markPendingAgain(db: Executor, id: string): Promise<void> {
    await db
      .updateTable('navigator_analysis')
      .set({ status: 'pending', error: null, finished_at: null, progress: null })
      .where('id', '=', id)
      .where('status', '=', 'cancelled')
      .execute();
  },

  /** Progress of a running analysis; false when it is no longer running (cancelled elsewhere). */
  async reportProgress(db: Executor, id: string, p: AnalysisProgress): Promise<boolean> {
    const res = await db
      .updateTable('navigator_analysis')
      .set({ progress: JSON.stringify(p) })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  currentStatus(db: Executor, id: string): Promise<{ status: string } | undefined> {
    return db.selectFrom('navigator_analysis').select('status').where('id', '=', id).executeTakeFirst();
  },

  /** Writes the variant rows and the case rows, in batches. */
  async insertCases(db: Executor, analysisId: string, cases: CaseRecord[], batch = 20_000): Promise<void> {
    await insertVariants(db, analysisId, cases);
    for (let i = 0; i < cases.length; i += batch) {
      const c = caseColumns(cases.slice(i, i + batch), i);
      await sql`
        INSERT INTO navigator_case (analysis_id, ord, case_key, case_id, unit, variant, state, started_at, ended_at, over_deadline, minutes)
        SELECT ${analysisId}::uuid, ord, key, cid, unit, variant, state, started, ended,
          CASE WHEN over = '' THEN '{}'::text[] ELSE string_to_array(over, E'\x1f') END,
          CASE WHEN minutes = '' THEN '{}'::int[] ELSE string_to_array(minutes, ',')::int[] END
        FROM unnest(${c.ord}::int[], ${c.key}::text[], ${c.caseId}::uuid[], ${c.unit}::text[], ${c.variant}::int[], ${c.state}::text[],
          ${c.started}::timestamptz[], ${c.ended}::timestamptz[], ${c.over}::text[], ${c.minutes}::text[])
          AS x(ord, key, cid, unit, variant, state, started, ended, over, minutes)`.execute(db);
    }
  },

  /** Fresh planner statistics for the analyses' case and variant rows, after a large analysis was stored. */
  async analyzeCaseRows(db: Executor): Promise<void> {
    await analyzeTables(db, ['navigator_case', 'navigator_variant']);
  },

  async markDone(
    db: Executor,
    id: string,
    out: Omit<AnalysisOutput, 'cases' | 'people'>,
    people: unknown,
  ): Promise<boolean> {
    const { summary, ...result } = out;
    const res = await db
      .updateTable('navigator_analysis')
      .set({
        status: 'done',
        finished_at: sql`now()`,
        progress: null,
        summary: JSON.stringify(summary),
        result: JSON.stringify(result),
        people: JSON.stringify(people),
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  /** The cases behind a number: any combination of step + metric, flow, variant, unit, state, outside activity. */
  async listCases(db: Executor, analysisId: string, q: TCaseListQuery): Promise<{ total: number; rows: ListedCase[] }> {
    let base = db
      .selectFrom('navigator_case as c')
      .innerJoin('navigator_variant as v', (j) =>
        j.onRef('v.analysis_id', '=', 'c.analysis_id').onRef('v.variant', '=', 'c.variant'),
      )
      .where('c.analysis_id', '=', analysisId);
    const hasIn = (value: string, column: string) => sql<boolean>`${value} = ANY(${sql.ref(column)})`;
    if (q.element && q.metric === 'deviating') {
      const el = q.element;
      base = base.where((eb) => eb.or([hasIn(el, 'v.out_of_order'), hasIn(el, 'v.extra'), hasIn(el, 'v.skipped')]));
    } else if (q.element && q.metric === 'over_deadline') {
      base = base.where(hasIn(q.element, 'c.over_deadline'));
    } else if (q.element) {
      base = base.where(hasIn(q.element, `v.${METRIC_COLUMN[(q.metric ?? 'passed') as keyof typeof METRIC_COLUMN]}`));
    } else if (q.metric === 'deviating') base = base.where(sql<boolean>`jsonb_array_length(v.deviations) > 0`);
    if (q.flow) base = base.where(hasIn(q.flow, 'v.flows'));
    if (q.variant !== undefined) base = base.where('c.variant', '=', q.variant);
    if (q.unit) base = base.where('c.unit', '=', q.unit);
    if (q.state) base = base.where('c.state', '=', q.state);
    if (q.activity) base = base.where(hasIn(q.activity, 'v.outside'));
    const [count, rows] = await Promise.all([
      base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      base
        .selectAll('c')
        .select(['v.fitness', 'v.deviations'])
        .orderBy('c.ord')
        .limit(q.limit)
        .offset(q.offset)
        .execute(),
    ]);
    return { total: Number(count.n), rows };
  },

  /** The replay paths of the first `limit` cases (in log order): the variant's steps with the case's own minutes. */
  replayRows(
    db: Executor,
    analysisId: string,
    limit: number,
  ): Promise<{ case_key: string; state: string; steps: number[]; minutes: number[] }[]> {
    return db
      .selectFrom('navigator_case as c')
      .innerJoin('navigator_variant as v', (j) =>
        j.onRef('v.analysis_id', '=', 'c.analysis_id').onRef('v.variant', '=', 'c.variant'),
      )
      .select(['c.case_key', 'c.state', 'v.steps', 'c.minutes'])
      .where('c.analysis_id', '=', analysisId)
      .orderBy('c.ord')
      .limit(limit)
      .execute();
  },
};

import { sql, type Selectable } from 'kysely';
import type { TCaseListQuery } from '@sagsgang/contracts';
import type { Executor } from '../../platform/db/transaction.js';
import type { AnalysisOutput, AnalysisProgress, CaseRecord } from './analysis/analysis-types.js';
import type { NavigatorAnalysisTable, NavigatorCaseTable, NavigatorLogTable } from './navigator.tables.js';
import './navigator.tables.js';

export type AnalysisRow = Selectable<NavigatorAnalysisTable>;
export type LogRow = Selectable<NavigatorLogTable>;
export type CaseRow = Selectable<NavigatorCaseTable>;

export async function insertLog(ex: Executor, log: Omit<LogRow, 'id' | 'created_at' | 'activities'> & { activities: string[] }): Promise<string> {
  const row = await ex.insertInto('navigator_log').values({ ...log, activities: JSON.stringify(log.activities) }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function findLog(ex: Executor, id: string): Promise<LogRow | undefined> {
  return ex.selectFrom('navigator_log').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listLogs(ex: Executor): Promise<Omit<LogRow, 'content'>[]> {
  return ex.selectFrom('navigator_log').select(['id', 'name', 'format', 'case_count', 'event_count', 'activities', 'created_by', 'created_at']).orderBy('created_at', 'desc').limit(200).execute();
}

export interface NewAnalysis {
  name: string;
  modelId: string;
  version: number;
  population: unknown;
  populationLabel: string;
  createdBy: string | null;
}

export async function insertAnalysis(ex: Executor, a: NewAnalysis): Promise<string> {
  const row = await ex
    .insertInto('navigator_analysis')
    .values({ name: a.name, model_id: a.modelId, model_version: a.version, population: JSON.stringify(a.population), population_label: a.populationLabel, created_by: a.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setJob(ex: Executor, id: string, jobId: number): Promise<void> {
  await ex.updateTable('navigator_analysis').set({ job_id: jobId }).where('id', '=', id).execute();
}

const infoColumns = ['id', 'name', 'model_id', 'model_version', 'population', 'population_label', 'status', 'progress', 'error', 'job_id', 'created_by', 'created_at', 'started_at', 'finished_at', 'summary'] as const;

export function findAnalysis(ex: Executor, id: string): Promise<Omit<AnalysisRow, 'result' | 'people'> | undefined> {
  return ex.selectFrom('navigator_analysis').select(infoColumns).where('id', '=', id).executeTakeFirst();
}

export function findAnalysisResult(ex: Executor, id: string): Promise<Pick<AnalysisRow, 'result' | 'people'> | undefined> {
  return ex.selectFrom('navigator_analysis').select(['result', 'people']).where('id', '=', id).executeTakeFirst();
}

export function listAnalyses(ex: Executor, modelId?: string): Promise<Omit<AnalysisRow, 'result' | 'people'>[]> {
  let q = ex.selectFrom('navigator_analysis').select(infoColumns);
  if (modelId) q = q.where('model_id', '=', modelId);
  return q.orderBy('created_at', 'desc').limit(100).execute();
}

/**
 * Moves pending → running; a run left `running` by a crashed node starts over (its rows were never written).
 * False when the analysis was cancelled or has ended meanwhile.
 */
export async function markRunning(ex: Executor, id: string): Promise<boolean> {
  const res = await ex.updateTable('navigator_analysis').set({ status: 'running', started_at: sql`now()`, progress: null }).where('id', '=', id).where('status', 'in', ['pending', 'running']).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Ends an analysis without a result; case rows of a half-finished run never exist (they commit with `done`). */
export async function markEnded(ex: Executor, id: string, status: 'failed' | 'cancelled', error: string | null): Promise<boolean> {
  const res = await ex
    .updateTable('navigator_analysis')
    .set({ status, error, finished_at: sql`now()`, progress: null })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'running'])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A run stopped by a server shutdown goes back to the queue, without a trace of the interrupted run. */
export async function markPendingAgain(ex: Executor, id: string): Promise<void> {
  await ex.updateTable('navigator_analysis').set({ status: 'pending', error: null, finished_at: null, progress: null }).where('id', '=', id).where('status', '=', 'cancelled').execute();
}

/** Progress of a running analysis; false when it is no longer running (cancelled elsewhere). */
export async function reportProgress(ex: Executor, id: string, p: AnalysisProgress): Promise<boolean> {
  const res = await ex.updateTable('navigator_analysis').set({ progress: JSON.stringify(p) }).where('id', '=', id).where('status', '=', 'running').executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function currentStatus(ex: Executor, id: string): Promise<{ status: string } | undefined> {
  return ex.selectFrom('navigator_analysis').select('status').where('id', '=', id).executeTakeFirst();
}

const toIso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

function caseJson(c: CaseRecord, ord: number) {
  return {
    ord, case_key: c.key, case_id: c.caseId, unit: c.unit, variant: c.variant, fitness: c.fitness, state: c.state,
    started_at: toIso(c.startedAt), ended_at: toIso(c.endedAt), passed: c.passed, skipped: c.skipped, out_of_order: c.outOfOrder,
    extra: c.extra, over_deadline: c.overDeadline, flows: c.flows, outside: c.outside, deviations: c.deviations, path: c.path,
  };
}

/** Writes the case rows in batches: one statement per batch, the rows passed as one JSON parameter. */
export async function insertCases(ex: Executor, analysisId: string, cases: CaseRecord[], batch = 5000): Promise<void> {
  for (let i = 0; i < cases.length; i += batch) {
    const json = JSON.stringify(cases.slice(i, i + batch).map((c, k) => caseJson(c, i + k)));
    await sql`
      INSERT INTO navigator_case (analysis_id, ord, case_key, case_id, unit, variant, fitness, state, started_at, ended_at,
        passed, skipped, out_of_order, extra, over_deadline, flows, outside, deviations, path)
      SELECT ${analysisId}::uuid, r.ord, r.case_key, r.case_id, r.unit, r.variant, r.fitness, r.state, r.started_at, r.ended_at,
        r.passed, r.skipped, r.out_of_order, r.extra, r.over_deadline, r.flows, r.outside, r.deviations, r.path
      FROM jsonb_to_recordset(${json}::jsonb) AS r(ord int, case_key text, case_id uuid, unit text, variant int, fitness float8,
        state text, started_at timestamptz, ended_at timestamptz, passed text[], skipped text[], out_of_order text[], extra text[],
        over_deadline text[], flows text[], outside text[], deviations jsonb, path int[])`.execute(ex);
  }
}

export async function markDone(ex: Executor, id: string, out: Omit<AnalysisOutput, 'cases' | 'people'>, people: unknown): Promise<boolean> {
  const { summary, ...result } = out;
  const res = await ex
    .updateTable('navigator_analysis')
    .set({ status: 'done', finished_at: sql`now()`, progress: null, summary: JSON.stringify(summary), result: JSON.stringify(result), people: JSON.stringify(people) })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

const METRIC_COLUMN = { passed: 'passed', skipped: 'skipped', out_of_order: 'out_of_order', extra: 'extra', over_deadline: 'over_deadline' } as const;

/** The cases behind a number: any combination of step + metric, flow, variant, unit, state, outside activity. */
export async function listCases(ex: Executor, analysisId: string, q: TCaseListQuery): Promise<{ total: number; rows: CaseRow[] }> {
  let base = ex.selectFrom('navigator_case').where('analysis_id', '=', analysisId);
  const hasIn = (value: string, column: string) => sql<boolean>`${value} = ANY(${sql.ref(column)})`;
  if (q.element && q.metric === 'deviating') {
    const el = q.element;
    base = base.where((eb) => eb.or([hasIn(el, 'out_of_order'), hasIn(el, 'extra'), hasIn(el, 'skipped')]));
  } else if (q.element) {
    base = base.where(hasIn(q.element, METRIC_COLUMN[(q.metric ?? 'passed') as keyof typeof METRIC_COLUMN]));
  } else if (q.metric === 'deviating') base = base.where(sql<boolean>`jsonb_array_length(deviations) > 0`);
  if (q.flow) base = base.where(hasIn(q.flow, 'flows'));
  if (q.variant !== undefined) base = base.where('variant', '=', q.variant);
  if (q.unit) base = base.where('unit', '=', q.unit);
  if (q.state) base = base.where('state', '=', q.state);
  if (q.activity) base = base.where(hasIn(q.activity, 'outside'));
  const [count, rows] = await Promise.all([
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    base.selectAll().orderBy('ord').limit(q.limit).offset(q.offset).execute(),
  ]);
  return { total: Number(count.n), rows };
}

/** The replay paths of the first `limit` cases (in log order). */
export function replayRows(ex: Executor, analysisId: string, limit: number): Promise<Pick<CaseRow, 'case_key' | 'state' | 'path'>[]> {
  return ex.selectFrom('navigator_case').select(['case_key', 'state', 'path']).where('analysis_id', '=', analysisId).orderBy('ord').limit(limit).execute();
}

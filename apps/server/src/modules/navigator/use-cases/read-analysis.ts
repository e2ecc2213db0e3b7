import type {
  TAnalysedCase,
  TAnalysisInfo,
  TAnalysisResult,
  TCaseList,
  TCaseListQuery,
  TDeviation,
  TPeopleStats,
  TReplay,
} from '@sagsgang/contracts';
import { ZPopulation } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { getProcessModel } from '../../process-models/index.js';
import { MIN_PERSON_GROUP, type AnalysisOutput } from '../analysis/analysis-types.js';
import { navigatorRepository as repo, type ListedCase } from '../navigator.repository.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

async function toInfo(
  db: Executor,
  r: NonNullable<Awaited<ReturnType<typeof repo.findAnalysis>>>,
  modelName?: string,
): Promise<TAnalysisInfo> {
  const name = modelName ?? (await getProcessModel(db, r.model_id).catch(() => ({ name: '' }))).name;
  return {
    id: r.id,
    name: r.name,
    modelId: r.model_id,
    modelName: name,
    version: r.model_version,
    population: ZPopulation.parse(r.population),
    populationLabel: r.population_label,
    status: r.status,
    progress: (r.progress as TAnalysisInfo['progress']) ?? null,
    error: r.error,
    createdAt: iso(r.created_at)!,
    finishedAt: iso(r.finished_at),
    summary: (r.summary as TAnalysisInfo['summary']) ?? null,
  };
}

export async function getAnalysisInfo(db: Executor, id: string): Promise<TAnalysisInfo> {
  const r = await repo.findAnalysis(db, id);
  if (!r) throw new AppError('not_found', 'No such analysis.');
  return toInfo(db, r);
}

export async function listAnalysisInfos(db: Executor, modelId?: string): Promise<TAnalysisInfo[]> {
  const rows = await repo.listAnalyses(db, modelId);
  const names = new Map<string, string>();
  const out: TAnalysisInfo[] = [];
  for (const r of rows) {
    if (!names.has(r.model_id))
      names.set(r.model_id, (await getProcessModel(db, r.model_id).catch(() => ({ name: '' }))).name);
    out.push(await toInfo(db, r, names.get(r.model_id)));
  }
  return out;
}

type StoredResult = Omit<AnalysisOutput, 'cases' | 'people' | 'summary'>;

async function doneResult(
  db: Executor,
  id: string,
): Promise<{ info: TAnalysisInfo; stored: StoredResult; people: unknown }> {
  const info = await getAnalysisInfo(db, id);
  if (info.status !== 'done')
    throw new AppError('invalid_state', `The analysis is ${info.status}; it has no result.`, { status: info.status });
  const r = await repo.findAnalysisResult(db, id);
  return { info, stored: r!.result as StoredResult, people: r!.people };
}

/** The stored result with the model version it was measured against: everything the navigator page draws. */
export async function getAnalysisResult(db: Executor, id: string): Promise<TAnalysisResult> {
  const { info, stored } = await doneResult(db, id);
  const model = await getProcessModel(db, info.modelId, info.version);
  const { elements, flows, jumps, variants, dfg, units } = stored;
  return { analysis: info, bpmnXml: model.bpmnXml, elements, flows, jumps, variants, dfg, units };
}

/** Per-person figures; the caller has checked the role. Groups under the minimum were never stored. */
export async function getPeopleStats(db: Executor, id: string): Promise<TPeopleStats> {
  const { people } = await doneResult(db, id);
  const list = (people as TPeopleStats['people']).filter((p) => p.cases >= MIN_PERSON_GROUP);
  return { minimumGroup: MIN_PERSON_GROUP, people: list };
}

function toCase(r: ListedCase): TAnalysedCase {
  return {
    caseKey: r.case_key,
    caseId: r.case_id,
    unit: r.unit,
    fitness: r.fitness,
    state: r.state as TAnalysedCase['state'],
    variant: r.variant,
    deviations: r.deviations as TDeviation[],
    startedAt: iso(r.started_at),
    endedAt: iso(r.ended_at),
  };
}

export async function listAnalysedCases(db: Executor, id: string, q: TCaseListQuery): Promise<TCaseList> {
  await doneResult(db, id);
  const { total, rows } = await repo.listCases(db, id, q);
  return { total, cases: rows.map(toCase) };
}

function interleave(steps: number[], minutes: number[]): number[] {
  const p: number[] = [];
  for (let i = 0; i < steps.length; i++) p.push(steps[i], minutes[i] ?? 0);
  return p;
}

const STATE_CODE = { on_time: 0, at_risk: 1, late: 2, deviating: 3 } as const;

/** Replay paths for the first `limit` cases, with times in minutes since the analysis' first event. */
export async function getReplay(db: Executor, id: string, limit: number): Promise<TReplay> {
  const { info, stored } = await doneResult(db, id);
  const rows = await repo.replayRows(db, id, limit);
  return {
    t0: stored.t0,
    t1: stored.t1,
    elements: stored.elements.map((e) => e.elementId),
    cases: rows.map((r) => ({
      k: r.case_key,
      s: STATE_CODE[r.state as keyof typeof STATE_CODE] ?? 0,
      p: interleave(r.steps, r.minutes),
    })),
    total: info.summary?.cases ?? rows.length,
  };
}

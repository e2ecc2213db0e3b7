import { MiningError } from '@sagsgang/mining';
import { ZPopulation } from '@sagsgang/contracts';
import { isAppError } from '../../../platform/errors.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { LeaseLostError } from '../../../platform/jobs/index.js';
import { BpmnGraph, getProcessModel, readBpmn, resolveMapping } from '../../process-models/index.js';
import type { LabelMap } from '../analysis/classify-trace.js';
import type { AnalysisModel, AnalysisProgress } from '../analysis/analysis-types.js';
import { analyseLog } from '../analysis/analyse-log.js';
import { prepareConformance } from '../mining-adapter.js';
import { loadPopulation } from '../population.js';
import { navigatorRepository as repo } from '../navigator.repository.js';

export interface RunOptions {
  signal?: AbortSignal;
  /** Called with each progress report (the job runner shows it too). */
  onProgress?(p: AnalysisProgress): void | Promise<void>;
}

class Cancelled extends Error {}

/** An analysis of at least this many cases is a bulk load: its rows get planner statistics at once (see statistics.ts). */
const BULK_CASES = 1000;

export function labelMap(model: AnalysisModel, lookup: Map<string, string | null>): LabelMap {
  const index = new Map(model.tasks.map((t, i) => [t.elementId, i]));
  const activityTask = new Map<string, number>();
  for (const [activity, el] of lookup) {
    const t = el === null ? -1 : index.get(el);
    if (t !== undefined) activityTask.set(activity, t);
  }
  const taskByLabel = new Map<string, number>();
  model.tasks.forEach((t, i) => !taskByLabel.has(t.name) && taskByLabel.set(t.name, i));
  return { activityTask, taskLabels: model.tasks.map((t) => t.name), taskByTransition: index, taskByLabel };
}

export async function loadModel(db: Executor, modelId: string, version: number) {
  const model = await getProcessModel(db, modelId, version);
  const doc = await readBpmn(model.bpmnXml);
  const deadlines = new Map(model.tasks.map((t) => [t.elementId, t.deadlineDays]));
  const tasks = doc.tasks.map((t) => ({
    elementId: t.elementId,
    name: t.name,
    deadlineDays: deadlines.get(t.elementId) ?? null,
  }));
  return { xml: model.bpmnXml, model: { tasks, graph: new BpmnGraph(doc.nodes, doc.flows) } satisfies AnalysisModel };
}

function progressWriter(db: Executor, id: string, opts: RunOptions) {
  let last = 0;
  return async (p: AnalysisProgress) => {
    await opts.onProgress?.(p);
    if (Date.now() - last < 400) return;
    last = Date.now();
    if (!(await repo.reportProgress(db, id, p))) throw new Cancelled();
  };
}

async function compute(db: Executor, id: string, opts: RunOptions) {
  const row = (await repo.findAnalysis(db, id))!;
  const { xml, model } = await loadModel(db, row.model_id, row.model_version);
  const conformance = await prepareConformance(xml);
  const population = await loadPopulation(db, ZPopulation.parse(row.population), opts.signal);
  await opts.onProgress?.({ phase: 'conformance', done: 0, total: population.log.variants().length });
  const mapping = await resolveMapping(db, row.model_id, population.log.activityNames, row.model_version);
  return analyseLog({
    log: population.log,
    model,
    labels: labelMap(model, mapping.lookup),
    align: (t) => conformance.align(t),
    caseInfo: population.caseInfo,
    signal: opts.signal,
    onProgress: progressWriter(db, id, opts),
  });
}

/**
 * Runs a queued analysis. The case rows and the result are written in the one transaction that marks it done, so a
 * cancelled or crashed run leaves the analysis marked failed or cancelled and nothing half-written.
 */
export async function runAnalysis(
  db: Executor,
  id: string,
  opts: RunOptions = {},
): Promise<'done' | 'failed' | 'cancelled' | 'skipped'> {
  if (!(await repo.markRunning(db, id))) return 'skipped';
  try {
    const out = await compute(db, id, opts);
    await opts.onProgress?.({ phase: 'saving', done: 0, total: out.cases.length });
    await inTransaction(db, async (trx) => {
      await repo.insertCases(trx, id, out.cases);
      const { cases: _cases, people, ...rest } = out;
      if (!(await repo.markDone(trx, id, rest, people))) throw new Cancelled();
    });
    if (out.cases.length >= BULK_CASES) await repo.analyzeCaseRows(db);
    return 'done';
  } catch (err) {
    // The job's lease was lost: another node runs this analysis now, and its record is that node's to write.
    if (opts.signal?.reason instanceof LeaseLostError) return 'cancelled';
    const cancelled =
      err instanceof Cancelled || (err instanceof MiningError && err.code === 'aborted') || opts.signal?.aborted;
    if (cancelled) {
      await repo.markEnded(db, id, 'cancelled', null);
      return 'cancelled';
    }
    const message =
      isAppError(err) || err instanceof MiningError
        ? err.message
        : 'The analysis stopped on an internal error; it has been logged.';
    await repo.markEnded(db, id, 'failed', message);
    if (!isAppError(err) && !(err instanceof MiningError)) throw err;
    return 'failed';
  }
}

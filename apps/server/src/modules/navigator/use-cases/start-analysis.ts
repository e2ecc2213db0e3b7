import type { TAnalysisInfo, TStartAnalysis } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import type { Transaction } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { getProcessModel, resolveMapping } from '../../process-models/index.js';
import { prepareConformance } from '../mining-adapter.js';
import { populationActivities } from '../population.js';
import { navigatorRepository as repo } from '../navigator.repository.js';
import { getAnalysisInfo } from './read-analysis.js';

/** Queues the background work for an analysis inside the caller's transaction; returns the job's id. */
export type EnqueueAnalysis = (trx: Transaction<DB>, analysisId: string) => Promise<number | null>;

const listOf = (xs: string[], n = 5) =>
  xs
    .slice(0, n)
    .map((x) => `"${x}"`)
    .join(', ') + (xs.length > n ? ` and ${xs.length - n} more` : '');

/**
 * Checks everything that can be checked up front — the model converts, the population exists, its activities meet
 * the model's steps — and only then records the analysis and queues it, so a refusal leaves nothing behind.
 */
/** Narrows a case-type population to the units the analyst may see; asking for others is refused. */
function scoped(input: TStartAnalysis, scope: readonly string[] | null): TStartAnalysis {
  const p = input.population;
  if (p.kind !== 'case-type' || scope === null) return input;
  const outside = p.unitIds.filter((u) => !scope.includes(u));
  if (outside.length)
    throw new AppError('forbidden', 'You may only analyse cases of your own units.', { unitIds: outside });
  return { ...input, population: { ...p, unitIds: p.unitIds.length ? p.unitIds : [...scope] } };
}

export async function startAnalysis(
  db: Executor,
  request: TStartAnalysis,
  actorId: string | null,
  enqueue: EnqueueAnalysis,
  scope: readonly string[] | null = null,
): Promise<TAnalysisInfo> {
  const input = scoped(request, scope);
  const model = await getProcessModel(db, input.modelId, input.version);
  const { activities, label } = await populationActivities(db, input.population);
  const mapping = await resolveMapping(db, model.id, activities, model.version);
  const matched = activities.filter((a) => typeof mapping.lookup.get(a) === 'string');
  if (matched.length === 0) {
    const steps = model.tasks.map((t) => t.name).filter(Boolean);
    throw new AppError(
      'validation',
      `The log does not match the model: none of its ${activities.length} activities (${listOf(activities)}) is a step of "${model.name}" (steps: ${listOf(steps)}). Tie activities to steps on the mapping screen.`,
      { reason: 'log_does_not_match_model', activities: activities.slice(0, 50), steps: steps.slice(0, 50) },
    );
  }
  await prepareConformance(model.bpmnXml);
  const id = await inTransaction(db, async (trx) => {
    const analysisId = await repo.insertAnalysis(trx, {
      name: input.name,
      modelId: model.id,
      version: model.version,
      population: input.population,
      populationLabel: label,
      createdBy: actorId,
    });
    const jobId = await enqueue(trx, analysisId);
    if (jobId !== null) await repo.setJob(trx, analysisId, jobId);
    return analysisId;
  });
  return getAnalysisInfo(db, id);
}

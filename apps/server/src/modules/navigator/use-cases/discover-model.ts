import { foldLifecycle, inductiveMiner, MiningError, treeToBpmn } from '@sagsgang/mining';
import type { TPopulation } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { loadPopulation } from '../population.js';

/** The largest population discovered in the request itself; bigger ones belong in a background job. */
const MAX_DISCOVERY_CASES = 50_000;

/**
 * A workflow discovered from a population with the mining engine's inductive miner (IMf with the given noise
 * threshold), as laid-out BPMN for the modeler. Nothing is saved: the analyst edits it and saves it as a model.
 * Start events are folded into their completions first, as for the analysis: a step is one task, not a loop.
 */
export async function discoverModel(
  db: Executor,
  population: TPopulation,
  noiseThreshold: number,
): Promise<{ bpmnXml: string; cases: number; activities: number }> {
  const { log: imported } = await loadPopulation(db, population);
  const { log } = foldLifecycle(imported);
  if (log.caseCount > MAX_DISCOVERY_CASES)
    throw new AppError('validation', `Discovery takes at most ${MAX_DISCOVERY_CASES} cases; narrow the population.`);
  try {
    const bpmnXml = await treeToBpmn(inductiveMiner(log, { noiseThreshold }));
    return { bpmnXml, cases: log.caseCount, activities: log.activityNames.length };
  } catch (err) {
    if (err instanceof MiningError) throw new AppError('validation', `No model could be discovered: ${err.message}`);
    throw err;
  }
}

import { inductiveMiner, MiningError, treeToBpmn } from '@sagsgang/mining';
import type { TPopulation } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { loadPopulation } from '../population.js';

/** The largest population discovered in the request itself; bigger ones belong in a background job. */
const MAX_DISCOVERY_CASES = 50_000;

/**
 * A workflow discovered from a population with the mining engine's inductive miner (IMf with the given noise
 * threshold), as laid-out BPMN for the modeler. Nothing is saved: the analyst edits it and saves it as a model.
 */
export async function discoverModel(db: Executor, population: TPopulation, noiseThreshold: number): Promise<{ bpmnXml: string; cases: number; activities: number }> {
  const { log } = await loadPopulation(db, population);
  if (log.caseCount > MAX_DISCOVERY_CASES) throw new AppError('validation', `Discovery takes at most ${MAX_DISCOVERY_CASES} cases; narrow the population.`);
  try {
    const bpmnXml = await treeToBpmn(inductiveMiner(log, { noiseThreshold }));
    return { bpmnXml, cases: log.caseCount, activities: log.activityNames.length };
  } catch (err) {
    if (err instanceof MiningError) throw new AppError('validation', `No model could be discovered: ${err.message}`);
    throw err;
  }
}

import type { Executor } from '../../../platform/db/transaction.js';
import { populationRepository, type CasePopulationQuery, type PopulationCaseRow } from '../population.repository.js';

export type { CasePopulationQuery };
export type PopulationCase = PopulationCaseRow;

/**
 * The cases of a population for a sample (supervision): ids, unit, type, state and who handled each, read from the
 * case files and their one event log. No personal data beyond the case reference.
 */
export function readCasePopulation(db: Executor, q: CasePopulationQuery): Promise<PopulationCase[]> {
  return populationRepository.cases(db, q);
}

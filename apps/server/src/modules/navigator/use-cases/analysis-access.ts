import { ZPopulation, type TAnalysisInfo, type TPopulation } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import { auditDenied } from '../../../platform/audit/record-audit.js';
import { hasRole, type Principal, type StaffRole } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { rootUnitIds } from '../../org/index.js';
import { navigatorRepository as repo } from '../navigator.repository.js';

/** The units an analysis of the authority's own cases covers; none for an uploaded log (it belongs to no unit). */
async function populationUnits(db: Executor, population: TPopulation): Promise<string[]> {
  if (population.kind !== 'case-type') return [];
  if (population.unitIds.length > 0) return population.unitIds;
  // No units named: the whole authority.
  return rootUnitIds(db);
}

/**
 * An analysis shows cases, figures per unit and per person of the units in its population: only those who hold one
 * of `roles` on every one of them may read it.
 */
export async function mayReadAnalysis(
  db: Executor,
  principal: Principal,
  population: TPopulation,
  roles: readonly StaffRole[],
): Promise<boolean> {
  const units = await populationUnits(db, population);
  return units.every((u) => hasRole(principal, roles, u));
}

/** Throws `not_found` (recorded as a denied access) unless the analysis exists and the reader may read it. */
export async function assertMayReadAnalysis(
  db: Executor,
  principal: Principal,
  id: string,
  roles: readonly StaffRole[],
): Promise<void> {
  const row = await repo.findAnalysis(db, id);
  if (!row) throw new AppError('not_found', 'No such analysis.');
  if (!(await mayReadAnalysis(db, principal, ZPopulation.parse(row.population), roles))) {
    throw new AppError(
      'not_found',
      'No such analysis.',
      auditDenied({ entityType: 'navigator_analysis', entityId: id }),
    );
  }
}

/** The analyses of a list the reader may read. */
export async function readableAnalyses(
  db: Executor,
  principal: Principal,
  infos: TAnalysisInfo[],
  roles: readonly StaffRole[],
): Promise<TAnalysisInfo[]> {
  const out: TAnalysisInfo[] = [];
  for (const info of infos) if (await mayReadAnalysis(db, principal, info.population, roles)) out.push(info);
  return out;
}

import { periodRange, type TGoalArea } from '@sagsgang/contracts';
import type { ModuleRegistry } from '../../platform/context.js';
import type { Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { goalsRepository as repo } from './goals.repository.js';
import { indicatorOf, isHandEntered, levelsOf } from './indicator-catalogue.js';
import { UnitIndex } from './unit-index.js';

export interface ImportedGoals {
  /** Who set them (and approves the contracts). */
  by: string;
  goals: { unitId: string; indicatorId: string; area: TGoalArea; period: string; target: number; baseline?: number }[];
  handEntered: { unitId: string; indicatorId: string; period: string; value: number }[];
  /** Approved result contracts: a centre's goals of a year (those imported here for that centre and year). */
  contracts: { unitId: string; year: number }[];
}

/**
 * Bulk goals, hand-entered figures and approved contracts in the caller's transaction (an organisation's import,
 * the demo seed), checked as the single-goal use case checks them.
 */
export async function importGoals(db: Executor, registry: ModuleRegistry, input: ImportedGoals): Promise<number> {
  const units = await UnitIndex.load(db);
  const ids: { id: string; unitId: string; period: string }[] = [];
  for (const g of input.goals) {
    const indicator = indicatorOf(registry, g.indicatorId);
    const kind = units.get(g.unitId)?.kind;
    if (!kind || !levelsOf(indicator).includes(kind))
      throw new AppError('validation', `"${g.indicatorId}" cannot be measured for this unit.`, {
        reason: 'level_not_supported',
      });
    const r = periodRange(g.period);
    const id = await repo.insertGoal(db, {
      unit_id: g.unitId,
      indicator_id: indicator.id,
      case_type_id: null,
      area: g.area,
      period_kind: r.kind,
      period: g.period,
      period_from: r.from,
      period_to: r.to,
      target: g.target,
      baseline: g.baseline ?? null,
      created_by: input.by,
    });
    if (id) ids.push({ id, unitId: g.unitId, period: g.period });
  }
  for (const v of input.handEntered) {
    if (!isHandEntered(indicatorOf(registry, v.indicatorId).id))
      throw new AppError('validation', `"${v.indicatorId}" is not entered by hand.`, { reason: 'not_hand_entered' });
    const r = periodRange(v.period);
    await repo.upsertManualValue(db, { ...v, from: r.from, to: r.to, by: input.by });
  }
  for (const c of input.contracts) {
    const below = new Set(units.subtree(c.unitId));
    const goalIds = ids.filter((g) => below.has(g.unitId) && g.period.startsWith(String(c.year))).map((g) => g.id);
    const version = (await repo.latestContractVersion(db, c.unitId, c.year)) + 1;
    const row = await repo.insertContract(db, { unitId: c.unitId, year: c.year, version, goalIds, by: input.by });
    await repo.approveContract(db, row.id, input.by);
  }
  return ids.length;
}

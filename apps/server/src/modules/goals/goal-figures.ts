import { periodRange, previousPeriods, type TGoalState, type TGoalStatus } from '@sagsgang/contracts';
import type { ModuleRegistry } from '../../platform/context.js';
import type { Executor } from '../../platform/db/transaction.js';
import type { IndicatorDefinition, IndicatorValue } from '../../platform/indicators.js';
import type { GoalRow } from './goals.repository.js';
import { higherIsBetter, indicatorOf } from './indicator-catalogue.js';
import type { UnitIndex } from './unit-index.js';

const TREND_PERIODS = 4;

/** One figure for one unit (and the units below it), one period and, where asked, one case type. */
export function figureFor(
  db: Executor,
  indicator: IndicatorDefinition,
  units: UnitIndex,
  q: { unitId: string; period: string; caseTypeId?: string | null },
): Promise<IndicatorValue> {
  const { from, to } = periodRange(q.period);
  return indicator.compute(db, {
    from,
    to,
    unitId: q.unitId,
    unitIds: units.subtree(q.unitId),
    ...(q.caseTypeId ? { caseTypeId: q.caseTypeId } : {}),
  });
}

export function goalState(value: number | null, target: number, higherBetter: boolean): TGoalState {
  if (value === null) return 'no_data';
  return (higherBetter ? value >= target : value <= target) ? 'met' : 'not_met';
}

/**
 * Each goal with its figure, status against the target and trend. The one place goal figures are computed: the
 * dashboard, the API, the committee report's PDF and workbook all take their numbers from here.
 */
export async function goalStatuses(
  db: Executor,
  registry: ModuleRegistry,
  units: UnitIndex,
  goals: readonly GoalRow[],
): Promise<TGoalStatus[]> {
  // Every figure is its own few indexed reads: on PostgreSQL they run side by side on the pool's connections.
  return Promise.all(
    goals.map(async (g): Promise<TGoalStatus> => {
      const indicator = indicatorOf(registry, g.indicator_id);
      const q = { unitId: g.unit_id, caseTypeId: g.case_type_id };
      const periods = previousPeriods(g.period, TREND_PERIODS);
      const [now, ...before] = await Promise.all(
        [g.period, ...periods].map((period) => figureFor(db, indicator, units, { ...q, period })),
      );
      return {
        goalId: g.id,
        unitId: g.unit_id,
        unitName: units.get(g.unit_id)?.name ?? '',
        indicatorId: g.indicator_id,
        labelKey: indicator.labelKey,
        unit: indicator.unit,
        higherIsBetter: higherIsBetter(indicator),
        caseTypeId: g.case_type_id,
        area: g.area,
        period: g.period,
        from: g.period_from,
        to: g.period_to,
        target: g.target,
        baseline: g.baseline,
        value: now.value,
        basis: now.basis,
        state: goalState(now.value, g.target, higherIsBetter(indicator)),
        trend: periods.map((period, i) => ({ period, value: before[i].value })),
      };
    }),
  );
}

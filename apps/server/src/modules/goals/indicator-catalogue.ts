import type { TIndicator } from '@sagsgang/contracts';
import type { ModuleRegistry } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { IndicatorDefinition, IndicatorLevel } from '../../platform/indicators.js';
import { goalsRepository as repo } from './goals.repository.js';

const UNIT_LEVELS: readonly IndicatorLevel[] = ['authority', 'centre', 'team'];
const ALL_LEVELS: readonly IndicatorLevel[] = [...UNIT_LEVELS, 'caseType'];

/**
 * A figure the authority keeps itself and enters by hand per unit and period (e.g. from the finance system). Read
 * for one unit: the mean of the values entered for the periods inside the period asked for (a year from its
 * quarters), null when none was entered.
 */
function handEntered(id: string, unit: IndicatorDefinition['unit'], higherIsBetter: boolean): IndicatorDefinition {
  return {
    id,
    labelKey: `goals:indicator.${id}`,
    descriptionKey: `goals:indicator.${id}.about`,
    unit,
    higherIsBetter,
    levels: UNIT_LEVELS,
    async compute(db, f) {
      if (!f.unitId) return { value: null, basis: 0 };
      const values = await repo.manualValues(db, id, f.unitId, f.from, f.to);
      return {
        value: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
        basis: values.length,
      };
    },
  };
}

/** The hand-entered figures the goals module registers itself. */
export const HAND_ENTERED_INDICATORS: readonly IndicatorDefinition[] = [
  handEntered('goals.budget-variance', 'share', false),
  handEntered('goals.staff-turnover', 'share', false),
  handEntered('goals.sickness-absence', 'share', false),
];
const HAND_ENTERED_IDS = new Set(HAND_ENTERED_INDICATORS.map((i) => i.id));

export const isHandEntered = (id: string) => HAND_ENTERED_IDS.has(id);
export const levelsOf = (i: IndicatorDefinition): readonly IndicatorLevel[] => i.levels ?? ALL_LEVELS;
export const higherIsBetter = (i: IndicatorDefinition): boolean => i.higherIsBetter ?? true;

/** Every figure registered by the modules of this app, in module order: whatever they offer, nothing hard-coded. */
export function indicatorCatalogue(registry: ModuleRegistry): TIndicator[] {
  return [...registry.indicators.values()].map((i) => ({
    id: i.id,
    labelKey: i.labelKey,
    descriptionKey: i.descriptionKey,
    unit: i.unit,
    higherIsBetter: higherIsBetter(i),
    levels: [...levelsOf(i)],
    handEntered: isHandEntered(i.id),
    drillsToCases: typeof i.cases === 'function',
  }));
}

export function indicatorOf(registry: ModuleRegistry, id: string): IndicatorDefinition {
  const indicator = registry.indicators.get(id);
  if (!indicator)
    throw new AppError('validation', `No indicator is registered as "${id}".`, {
      reason: 'unknown_indicator',
      indicatorId: id,
    });
  return indicator;
}

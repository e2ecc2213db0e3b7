import type { Executor } from './db/transaction.js';

/** The period and units an indicator is computed over. */
export interface IndicatorFilter {
  /** First and last day of the period, both included (YYYY-MM-DD, the authority's calendar). */
  from: string;
  to: string;
  /** The units whose records count; the caller has checked that the reader may see them. */
  unitIds: readonly string[];
  /** Only this case type, for an indicator that can be narrowed to one. */
  caseTypeId?: string;
}

/** How a value reads: a number of things, a share between 0 and 1, or a number of days. */
export type IndicatorUnit = 'count' | 'share' | 'days';

export interface IndicatorValue {
  /** Null when the period holds nothing to measure (no case decided, no answer received). */
  value: number | null;
  /** How many records the value rests on, so a report can say how much to trust it. */
  basis: number;
}

/**
 * A figure a module offers to goals and reports (e.g. the share of cases decided within the service goal). The
 * module declares it in its descriptor; the goals module reads the registry, never the module's tables.
 */
export interface IndicatorDefinition {
  /** Unique across modules: `<module>.<figure>`, e.g. `cases.decided-within-goal`. */
  id: string;
  /** Keys in the contracts i18n catalogue: the indicator's name and a one-line explanation. */
  labelKey: string;
  descriptionKey: string;
  unit: IndicatorUnit;
  /** Reads the figure for the filter; it only reads, within whatever transaction the caller holds. */
  compute(db: Executor, filter: IndicatorFilter): Promise<IndicatorValue>;
}

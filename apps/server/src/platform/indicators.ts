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
  /** The unit the figure is read for (`unitIds` holds it and the units below it); hand-entered figures are kept per unit. */
  unitId?: string;
}

/** What a figure can be cut by: the kinds of unit, and the case type. */
export type IndicatorLevel = 'authority' | 'centre' | 'team' | 'caseType';

/** One case behind a figure: where a drill-down ends before it opens the case itself. */
export interface IndicatorCase {
  caseId: string;
  reference: string;
  caseTypeId: string;
  unitId: string;
  /** What puts the case in the list: processing days, days past the deadline, … (the indicator's own unit). */
  measure: number | null;
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
  /** Whether a higher value is the better one; true when absent. */
  higherIsBetter?: boolean;
  /** What it can be cut by; every level when absent. */
  levels?: readonly IndicatorLevel[];
  /** Reads the figure for the filter; it only reads, within whatever transaction the caller holds. */
  compute(db: Executor, filter: IndicatorFilter): Promise<IndicatorValue>;
  /** The cases behind the figure, worst first, at most `limit`; absent when the figure does not rest on cases. */
  cases?(db: Executor, filter: IndicatorFilter, limit: number): Promise<IndicatorCase[]>;
}

/**
 * Service-goal compliance for a set of decided cases: the share decided by the deadline against the target,
 * processing-time percentiles (percentile_cont, as PostgreSQL computes them) and the share fully informed on receipt.
 */
import { isIsoDate, toDayNumber, type IsoDate } from './local-date.js';
import { percentileContSorted, sortedNumbers } from './quantiles.js';

/** One decided case, e.g. from a ClockResult: startDate, decisionDate, deadlineDate, fullyInformedOnReceipt. */
export interface DecidedCase {
  startDate: IsoDate;
  decisionDate: IsoDate;
  deadlineDate: IsoDate;
  fullyInformedOnReceipt?: boolean | null;
}

export interface ComplianceFigures {
  /** Cases counted (rows with a missing or malformed date, or a decision before the start, are skipped). */
  count: number;
  skipped: number;
  metCount: number;
  /** Share decided on or before the deadline date; null when there are no cases. */
  shareMet: number | null;
  targetShare: number;
  /** Whether shareMet reaches the target; null without cases. */
  meetsTarget: boolean | null;
  /** Calendar days from start to decision: median, 75th and 90th percentile (percentile_cont). */
  medianDays: number | null;
  p75Days: number | null;
  p90Days: number | null;
  /** Of the cases whose screening verdict is known, how many were fully informed on receipt. */
  screenedCount: number;
  shareFullyInformedOnReceipt: number | null;
}

/** Compliance figures for decided cases against a target share (e.g. 0.97). */
export function complianceFigures(cases: readonly DecidedCase[], targetShare: number): ComplianceFigures {
  const durations: number[] = [];
  let met = 0;
  let screened = 0;
  let informed = 0;
  for (const c of cases) {
    if (!c || !isIsoDate(c.startDate) || !isIsoDate(c.decisionDate) || !isIsoDate(c.deadlineDate)) continue;
    const start = toDayNumber(c.startDate);
    const decision = toDayNumber(c.decisionDate);
    if (decision < start) continue;
    durations.push(decision - start);
    if (decision <= toDayNumber(c.deadlineDate)) met++;
    if (typeof c.fullyInformedOnReceipt === 'boolean') {
      screened++;
      if (c.fullyInformedOnReceipt) informed++;
    }
  }
  const n = durations.length;
  const sorted = sortedNumbers(durations);
  const shareMet = n ? met / n : null;
  return {
    count: n,
    skipped: cases.length - n,
    metCount: met,
    shareMet,
    targetShare,
    meetsTarget: shareMet === null ? null : shareMet >= targetShare,
    medianDays: percentileContSorted(sorted, 0.5),
    p75Days: percentileContSorted(sorted, 0.75),
    p90Days: percentileContSorted(sorted, 0.9),
    screenedCount: screened,
    shareFullyInformedOnReceipt: screened ? informed / screened : null,
  };
}

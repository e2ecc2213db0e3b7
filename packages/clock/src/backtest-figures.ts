/**
 * Tallies of a forecast backtest and the figures made from them: the share of forecasts whose median and upper
 * bound held (all, by confidence, by third of the evaluated span), the width of the stated range relative to the
 * actual remaining time, and the pinball loss of the upper bound.
 */
import { percentileCont } from './quantiles.js';

/**
 * How a bound counts in the coverage when the answer was "more than N days": left out of the share (no date was
 * stated, so no promise could fail: the share is over the bounds stated), as held, or as missed.
 */
export type OpenBoundCounting = 'excluded' | 'held' | 'missed';

export interface CoverageShare {
  forecasts: number;
  /** Forecasts whose median / upper bound counts in its share (all, unless open bounds are excluded). */
  medianCounted: number;
  upperCounted: number;
  /** Share whose actual remaining time was within the median (ideal 0.5). */
  median: number | null;
  /** Share within the upper bound (ideal: the upper quantile, 0.9). */
  upper: number | null;
}

export interface EstimatorFigures extends CoverageShare {
  /** Distinct cases with at least one forecast. */
  cases: number;
  byConfidence: { normal: CoverageShare; low: CoverageShare };
  /** The early, middle and late thirds of the evaluated span (by snapshot time). */
  byThird: [CoverageShare, CoverageShare, CoverageShare];
  /** Median stated upper remaining time ÷ median actual remaining time (over the same forecasts). */
  widthRatio: number | null;
  /** Mean pinball loss of the upper bound at the upper quantile, in days (lower is better). */
  pinball: number | null;
  /** Forecasts whose median / upper bound was "more than N days" (N counts as the bound in width and pinball). */
  medianOpen: number;
  upperOpen: number;
  /**
   * Of the upper bounds answered "more than N days", the share decided after more than N: the answer claims that
   * more than 1 − q of such cases take that long, so this should exceed 1 − q.
   */
  upperOpenBeyond: number | null;
  /** The upper share under each way of counting open bounds. */
  upperByOpenCounting: Record<OpenBoundCounting, number | null>;
}

/** One forecast to tally: what it stated and what happened. */
export interface TalliedForecast {
  caseId: string;
  confidence: 'normal' | 'low';
  median: number;
  upper: number;
  medianOpen: boolean;
  upperOpen: boolean;
  actual: number;
  /** 0, 1 or 2: the third of the evaluated span the snapshot lies in. */
  third: number;
}

interface Count {
  n: number;
  medianCounted: number;
  inMedian: number;
  upperCounted: number;
  inUpper: number;
}

const count = (): Count => ({ n: 0, medianCounted: 0, inMedian: 0, upperCounted: 0, inUpper: 0 });
const ratio = (a: number, b: number): number | null => (b ? a / b : null);
const share = (c: Count): CoverageShare => ({
  forecasts: c.n,
  medianCounted: c.medianCounted,
  upperCounted: c.upperCounted,
  median: ratio(c.inMedian, c.medianCounted),
  upper: ratio(c.inUpper, c.upperCounted),
});

/** Accumulates forecasts and their outcomes; figures() summarises them. */
export class BacktestTally {
  private readonly all = count();
  private readonly normal = count();
  private readonly low = count();
  private readonly thirds = [count(), count(), count()];
  private readonly caseIds = new Set<string>();
  private readonly uppers: number[] = [];
  private readonly actuals: number[] = [];
  private pinballSum = 0;
  private medianOpen = 0;
  private upperOpen = 0;
  private upperHeldStated = 0;
  private upperOpenBeyond = 0;

  constructor(
    private readonly quantile: number,
    private readonly openCountsAs: OpenBoundCounting,
  ) {}

  add(f: TalliedForecast): void {
    const counted = (open: boolean): boolean => !open || this.openCountsAs !== 'excluded';
    const held = (bound: number, open: boolean): boolean => (open ? this.openCountsAs === 'held' : f.actual <= bound);
    const inMedian = held(f.median, f.medianOpen);
    const inUpper = held(f.upper, f.upperOpen);
    for (const c of [this.all, f.confidence === 'low' ? this.low : this.normal, this.thirds[f.third]]) {
      c.n++;
      if (counted(f.medianOpen)) c.medianCounted++;
      if (counted(f.upperOpen)) c.upperCounted++;
      if (inMedian) c.inMedian++;
      if (inUpper) c.inUpper++;
    }
    this.caseIds.add(f.caseId);
    this.uppers.push(f.upper);
    this.actuals.push(f.actual);
    const miss = f.actual - f.upper;
    this.pinballSum += miss >= 0 ? this.quantile * miss : (this.quantile - 1) * miss;
    if (f.medianOpen) this.medianOpen++;
    if (f.upperOpen) this.upperOpen++;
    if (f.upperOpen && f.actual > f.upper) this.upperOpenBeyond++;
    if (!f.upperOpen && inUpper) this.upperHeldStated++;
  }

  figures(): EstimatorFigures {
    const n = this.all.n;
    const medianActual = percentileCont(this.actuals, 0.5);
    const medianUpper = percentileCont(this.uppers, 0.5);
    return {
      ...share(this.all),
      cases: this.caseIds.size,
      byConfidence: { normal: share(this.normal), low: share(this.low) },
      byThird: [share(this.thirds[0]), share(this.thirds[1]), share(this.thirds[2])],
      widthRatio: medianActual && medianUpper !== null ? medianUpper / medianActual : null,
      pinball: n ? this.pinballSum / n : null,
      medianOpen: this.medianOpen,
      upperOpen: this.upperOpen,
      upperOpenBeyond: ratio(this.upperOpenBeyond, this.upperOpen),
      upperByOpenCounting: {
        excluded: ratio(this.upperHeldStated, n - this.upperOpen),
        held: ratio(this.upperHeldStated + this.upperOpen, n),
        missed: ratio(this.upperHeldStated, n),
      },
    };
  }
}

import { describe, expect, test } from 'vitest';
import { BacktestTally, type TalliedForecast } from './backtest-figures.js';

const forecasts: TalliedForecast[] = [
  {
    caseId: 'a',
    confidence: 'normal',
    median: 10,
    upper: 20,
    medianOpen: false,
    upperOpen: false,
    actual: 5,
    third: 0,
  },
  { caseId: 'a', confidence: 'low', median: 10, upper: 20, medianOpen: false, upperOpen: false, actual: 15, third: 1 },
  {
    caseId: 'b',
    confidence: 'normal',
    median: 10,
    upper: 20,
    medianOpen: false,
    upperOpen: false,
    actual: 25,
    third: 2,
  },
  // "more than 40 days" for the upper bound; decided after 50
  { caseId: 'c', confidence: 'low', median: 30, upper: 40, medianOpen: false, upperOpen: true, actual: 50, third: 2 },
];

function tally(mode: 'excluded' | 'held' | 'missed') {
  const t = new BacktestTally(0.9, mode);
  forecasts.forEach((f) => t.add(f));
  return t.figures();
}

describe('backtest figures', () => {
  test('shares, by confidence and by third; an open bound left out of its share', () => {
    const f = tally('excluded');
    expect([f.forecasts, f.cases, f.medianCounted, f.upperCounted]).toEqual([4, 3, 4, 3]);
    expect([f.median, f.upper]).toEqual([1 / 4, 2 / 3]);
    expect(f.byConfidence.normal).toMatchObject({ forecasts: 2, median: 1 / 2, upper: 1 / 2 });
    expect(f.byConfidence.low).toMatchObject({ forecasts: 2, median: 0, upper: 1 });
    expect(f.byThird.map((c) => [c.forecasts, c.median, c.upper])).toEqual([
      [1, 1, 1],
      [1, 0, 1],
      [2, 0, 0],
    ]);
    expect([f.medianOpen, f.upperOpen, f.upperOpenBeyond]).toEqual([0, 1, 1]); // decided after 50 > 40 days
    expect(f.upperByOpenCounting).toEqual({ excluded: 2 / 3, held: 3 / 4, missed: 2 / 4 });
  });

  test('width: median stated upper bound ÷ median actual remaining; pinball loss at the quantile', () => {
    const f = tally('excluded');
    expect(f.widthRatio).toBe(20 / 20); // uppers 20, 20, 20, 40; actuals 5, 15, 25, 50
    // 0.1·15 + 0.1·5 + 0.9·5 + 0.9·(50 − 40): the open bound counts at its N
    expect(f.pinball).toBeCloseTo((1.5 + 0.5 + 4.5 + 9) / 4, 12);
  });

  test('open bounds counted as held or as missed', () => {
    expect(tally('held')).toMatchObject({ upper: 3 / 4, upperCounted: 4 });
    expect(tally('missed')).toMatchObject({ upper: 2 / 4, upperCounted: 4 });
    expect(new BacktestTally(0.9, 'excluded').figures()).toMatchObject({ forecasts: 0, median: null, pinball: null });
  });
});

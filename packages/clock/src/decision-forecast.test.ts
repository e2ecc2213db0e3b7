import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { forecastDecision } from './decision-forecast.js';
import { backtestForecast, type BacktestCase } from './forecast-backtest.js';

const range = (from: number, to: number, step = 1): number[] =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

describe('decision forecast', () => {
  test('conditions on the time already spent', () => {
    const f = forecastDecision({ history: range(1, 100), elapsedDays: 0, asOfDate: '2026-03-01' });
    expect(f.medianRemainingDays).toBe(50.5);
    expect(f.upperRemainingDays).toBeCloseTo(90.1, 9);
    expect([f.medianDate, f.upperDate, f.confidence, f.note]).toEqual(['2026-04-21', '2026-05-31', 'normal', null]);
    const later = forecastDecision({ history: range(1, 100), elapsedDays: 60, asOfDate: '2026-03-01' });
    expect(later.conditionalSampleSize).toBe(40); // only cases that took longer than 60 days
    expect(later.medianRemainingDays).toBe(20.5);
    expect(later.upperRemainingDays).toBeCloseTo(36.1);
  });

  test('a small sample is flagged and its upper bound widened to the longest observed', () => {
    const f = forecastDecision({ history: range(10, 100, 10), elapsedDays: 35, asOfDate: '2026-03-01' });
    expect(f.conditionalSampleSize).toBe(7);
    expect(f.medianRemainingDays).toBe(35);
    expect(f.upperRemainingDays).toBe(65); // plain p90 would be 53
    expect([f.confidence, f.widened, f.note, f.upperDate]).toEqual(['low', true, 'small_sample', '2026-05-05']);
  });

  test('no comparable cases: no forecast', () => {
    const f = forecastDecision({ history: [5, 10], elapsedDays: 30 });
    expect([f.confidence, f.note, f.medianRemainingDays, f.medianDate]).toEqual([
      'none',
      'no_similar_cases',
      null,
      null,
    ]);
    expect(forecastDecision({ history: [], elapsedDays: 0 }).confidence).toBe('none');
  });

  test('optionally conditioned on the phase', () => {
    const history = [
      ...range(1, 30).map((d) => ({ durationDays: d * 2, phases: ['screening', 'hearing'] })),
      ...range(1, 30).map((d) => ({ durationDays: d, phases: ['screening'] })),
    ];
    const hearing = forecastDecision({ history, elapsedDays: 10, phase: 'hearing' });
    expect([hearing.sampleSize, hearing.conditionalSampleSize]).toEqual([30, 25]);
    expect(hearing.medianRemainingDays).toBe(26); // durations 12..60 step 2 → median 36, minus 10
    expect(forecastDecision({ history, elapsedDays: 10 }).sampleSize).toBe(60);
  });

  test('forecast quantiles are monotone', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 400, noNaN: true }), { maxLength: 80 }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        (history, elapsedDays) => {
          const qs = [0.6, 0.75, 0.9, 0.95].map((upperQuantile) =>
            forecastDecision({ history, elapsedDays, upperQuantile, asOfDate: '2026-01-01' }),
          );
          for (const f of qs) {
            if (f.confidence === 'none') return;
            expect(f.medianRemainingDays!).toBeLessThanOrEqual(f.upperRemainingDays!);
            expect(f.medianDate! <= f.upperDate!).toBe(true);
            expect(f.medianRemainingDays!).toBeGreaterThan(0);
          }
          for (let i = 1; i < qs.length; i++)
            expect(qs[i - 1].upperRemainingDays!).toBeLessThanOrEqual(qs[i].upperRemainingDays!);
        },
      ),
    );
  });
});

/** Deterministic PRNG (mulberry32) and a standard normal by Box-Muller. */
function rng(seed: number): { uniform: () => number; normal: () => number } {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

describe('forecast backtest', () => {
  test('respects time order: only cases decided before the as-of moment are history', () => {
    const cases: BacktestCase[] = [
      { start: 0, durationDays: 100, asOfDays: 1 }, // decided at day 100: must not be seen by the third case
      { start: 0, durationDays: 5, asOfDays: 1 },
      { start: 10, durationDays: 50, asOfDays: 2 }, // as of day 12: history is only the 5-day case
    ];
    const r = backtestForecast(cases);
    expect([r.evaluated, r.skipped, r.coverage90, r.coverage50]).toEqual([1, 2, 0, 0]);
    expect(r.byConfidence.low.evaluated).toBe(1);
  });

  test('calibrated on log-normal durations: the 90% range covers 85-95%, the median about half', () => {
    const { uniform, normal } = rng(20260401);
    const cases: BacktestCase[] = Array.from({ length: 4000 }, () => ({
      start: Math.floor(uniform() * 730),
      durationDays: Math.exp(Math.log(40) + 0.6 * normal()),
      asOfDays: uniform() * 90, // drawn independently of the duration, as a snapshot would be
    }));
    const r = backtestForecast(cases, { evaluateFrom: 180 });
    expect(r.evaluated).toBeGreaterThan(1000);
    expect(r.coverage90!).toBeGreaterThanOrEqual(0.85);
    expect(r.coverage90!).toBeLessThanOrEqual(0.95);
    expect(r.coverage50!).toBeGreaterThanOrEqual(0.42);
    expect(r.coverage50!).toBeLessThanOrEqual(0.58);
    expect(r.byConfidence.normal.evaluated + r.byConfidence.low.evaluated).toBe(r.evaluated);
    expect(r.byConfidence.normal.coverage90!).toBeGreaterThanOrEqual(0.85);
  });

  test('early in a record the history is censored toward quick cases, which the burn-in excludes', () => {
    const { uniform, normal } = rng(7);
    const cases: BacktestCase[] = Array.from({ length: 4000 }, () => ({
      start: Math.floor(uniform() * 730),
      durationDays: Math.exp(Math.log(40) + 0.6 * normal()),
      asOfDays: uniform() * 90,
    }));
    const early = backtestForecast(cases.filter((c) => (c.start as number) < 120));
    expect(early.coverage90!).toBeLessThan(0.85);
  });

  test('skips malformed rows without throwing', () => {
    const r = backtestForecast([
      { start: 'not a date', durationDays: 3, asOfDays: 1 },
      { start: '2026-01-01', durationDays: Number.NaN, asOfDays: 0 },
    ]);
    expect([r.evaluated, r.skipped, r.coverage90]).toEqual([0, 2, null]);
  });
});

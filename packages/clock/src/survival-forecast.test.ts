import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { forecastDecision } from './decision-forecast.js';
import { experienceObservations, forecastFromCurve, forecastSurvival, survivalCurveOf } from './survival-forecast.js';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** Cases decided long ago enough that a window of 10,000 days sees them all from their start. */
const decidedAfter = (durations: number[]) => durations.map((d, i) => ({ start: i, decision: i + d }));

describe('window of experience', () => {
  test('period analysis: who counts, from which age, and as what', () => {
    const obs = experienceObservations({
      asOf: 1000,
      windowDays: 365, // from day 635
      decided: [
        { start: 100, decision: 500 }, // decided before the window: left out
        { start: 600, decision: 700 }, // open when the window starts: enters at its age then, 35
        { start: 700, decision: 750 }, // inside the window: seen from its start
        { start: 900, decision: 1200 }, // decided after the as-of moment: open then, censored at 100
        { start: 950, decision: 1000 }, // decided at the as-of moment, not before it: open
        { start: 1100, decision: 1200 }, // not started yet: left out
      ],
      open: [{ start: 500 }],
    });
    expect(obs).toEqual([
      { entry: 35, exit: 100, decided: true, start: 600 },
      { entry: 0, exit: 50, decided: true, start: 700 },
      { entry: 0, exit: 100, decided: false, start: 900 },
      { entry: 0, exit: 50, decided: false, start: 950 },
      { entry: 135, exit: 500, decided: false, start: 500 },
    ]);
  });

  test('the window defaults to 12 months', () => {
    const obs = experienceObservations({
      asOf: 1000,
      decided: [
        { start: 600, decision: 634 },
        { start: 600, decision: 636 },
      ],
    });
    expect(obs).toEqual([{ entry: 35, exit: 36, decided: true, start: 600 }]);
  });
});

describe('survival forecast', () => {
  test('without open cases: the empirical conditional quantiles, with the same sample sizes as today', () => {
    const history = { asOf: 10_000, windowDays: 10_000, decided: decidedAfter(range(1, 100)) };
    const f = forecastSurvival({ ...history, elapsedDays: 60, asOfDate: '2026-03-01' });
    const today = forecastDecision({ history: range(1, 100), elapsedDays: 60 });
    expect([f.sampleSize, f.conditionalSampleSize]).toEqual([today.sampleSize, today.conditionalSampleSize]);
    // 40 cases took longer than 60 days: half were decided by day 80, 9 of 10 by day 96
    expect([f.medianRemainingDays, f.upperRemainingDays]).toEqual([20, 36]);
    expect([f.medianDate, f.upperDate, f.confidence, f.note, f.upperOpen]).toEqual([
      '2026-03-21',
      '2026-04-06',
      'normal',
      null,
      false,
    ]);
  });

  test('open cases lengthen the forecast; a bound the curve cannot reach is "more than N days", no date', () => {
    // 20 cases decided after 10 days, 20 still open at 50 days old
    const decided = decidedAfter(Array(20).fill(10));
    const open = Array.from({ length: 20 }, () => ({ start: 9_950 }));
    const f = forecastSurvival({
      asOf: 10_000,
      windowDays: 10_000,
      decided,
      open,
      elapsedDays: 0,
      asOfDate: '2026-03-01',
    });
    expect([f.medianRemainingDays, f.medianOpen, f.medianDate]).toEqual([10, false, '2026-03-11']);
    expect([f.upperRemainingDays, f.upperOpen, f.upperDate]).toEqual([50, true, null]);
    // having waited 20 days, only the open cases are left: "more than 30 days" for both, flagged low
    const later = forecastSurvival({ asOf: 10_000, windowDays: 10_000, decided, open, elapsedDays: 20 });
    expect(later).toMatchObject({
      medianRemainingDays: 30,
      medianOpen: true,
      upperOpen: true,
      conditionalSampleSize: 20,
      decisionsBeyond: 0,
      confidence: 'low',
      note: 'small_sample',
      widened: false,
    });
  });

  test('no case seen beyond the time already waited: no forecast', () => {
    const f = forecastSurvival({ asOf: 10_000, windowDays: 10_000, decided: decidedAfter([5, 10]), elapsedDays: 30 });
    expect([f.confidence, f.note, f.medianRemainingDays, f.upperDate]).toEqual([
      'none',
      'no_similar_cases',
      null,
      null,
    ]);
    expect(forecastSurvival({ asOf: 0, decided: [], elapsedDays: 0 }).confidence).toBe('none');
  });

  test('fewer than minSample decisions beyond the time waited: low confidence', () => {
    const curve = survivalCurveOf({ asOf: 10_000, windowDays: 10_000, decided: decidedAfter(range(1, 100)) });
    expect(forecastFromCurve(curve, { elapsedDays: 80 }).confidence).toBe('normal'); // 20 beyond
    expect(forecastFromCurve(curve, { elapsedDays: 81 }).confidence).toBe('low');
    expect(forecastFromCurve(curve, { elapsedDays: 81, minSample: 19 }).confidence).toBe('normal');
  });

  test('random histories never crash; the ranges are ordered and ≥ 0', () => {
    const day = fc.double({ min: -50, max: 800, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.record({ start: day, decision: day }), { maxLength: 60 }),
        fc.array(fc.record({ start: day }), { maxLength: 20 }),
        fc.double({ min: 0, max: 900, noNaN: true }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 400, noNaN: true }),
        (decided, open, asOf, windowDays, elapsedDays) => {
          const f = forecastSurvival({ asOf, windowDays, decided, open, elapsedDays, asOfDate: '2026-01-01' });
          if (f.confidence === 'none') return;
          expect(f.medianRemainingDays!).toBeGreaterThanOrEqual(0);
          expect(f.upperRemainingDays!).toBeGreaterThanOrEqual(f.medianRemainingDays!);
          expect(f.upperDate === null).toBe(f.upperOpen);
        },
      ),
    );
  });
});

import { describe, expect, test } from 'vitest';
import { mondays, snapshotBacktest, snapshotSpan, type CaseSpan } from './snapshot-backtest.js';

const DAY = 86_400_000;
const MONDAY = Date.UTC(2024, 0, 1); // 2024-01-01 was a Monday
const at = (days: number): number => MONDAY + days * DAY;

/** 200 cases started daily at noon from 2024-01-01, each decided exactly 10 days later. */
const regular: CaseSpan[] = Array.from({ length: 200 }, (_, i) => ({
  caseId: `c${i}`,
  start: at(i + 0.5),
  end: at(i + 10.5),
}));

describe('calendar snapshots', () => {
  test('every Monday 00:00 UTC in a range', () => {
    expect(mondays(at(-0.5), at(14)).map((t) => new Date(t).toISOString())).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-08T00:00:00.000Z',
      '2024-01-15T00:00:00.000Z',
    ]);
    expect(mondays(at(1), at(7))).toEqual([at(7)]);
    expect(mondays(at(1), at(6))).toEqual([]);
  });

  test('the evaluated span: later of 25% of the span and the 100th decision, to the end less the 90% duration', () => {
    const s = snapshotSpan(regular);
    // decisions at days 10.5 … 209.5: the 99.5% quantile is 10.5 + 0.995·199
    expect(s.logEnd).toBeCloseTo(at(10.5 + 0.995 * 199), 3);
    expect(s.duration90Days).toBe(10);
    expect(s.evaluateFrom).toBe(at(109.5)); // the 100th decision is later than 25% of the span (day 52.5)
    expect(s.evaluateTo).toBeCloseTo(at(198.505), 3);
  });

  test('a process that always takes 10 days: every forecast holds, for both estimators', () => {
    const r = snapshotBacktest(regular, { keepForecasts: true });
    // Mondays 112 … 196 (13), each with the 10 cases started in the 10 days before; one later Monday, 203
    expect([r.span.snapshots, r.span.laterSnapshots]).toEqual([13, 1]);
    for (const e of [r.current, r.survival]) {
      expect([e.forecasts, e.cases, e.median, e.upper, e.pinball, e.widthRatio]).toEqual([130, 94, 1, 1, 0, 1]);
      expect(e.byThird.map((t) => t.forecasts)).toEqual([40, 50, 40]); // thirds split at days 139.2 and 168.8
    }
    expect(r.later.survival.forecasts).toBe(7); // the log's last cases start on day 199.5
    expect(r.forecasts).toHaveLength(130);
    const first = r.forecasts![0];
    expect(first).toMatchObject({ caseId: 'c102', asOf: at(112), elapsedDays: 9.5, upperOpen: false });
    expect(first.upperDays).toBeCloseTo(0.5, 9);
  });

  test('forecasts see only what was known at the snapshot: later outcomes do not change them', () => {
    const varied = Array.from({ length: 300 }, (_, i) => ({
      caseId: `c${i}`,
      start: at(i + 0.5),
      end: at(i + 0.5 + ((i * 37) % 50) + 1),
    }));
    const cut = at(203); // a Monday
    // the same log, except that every case not decided before the cut took 100 days longer
    const changed = varied.map((s) => (s.end >= cut ? { ...s, end: s.end + 100 * DAY } : s));
    const rows = (spans: CaseSpan[]) =>
      new Map(
        snapshotBacktest(spans, { keepForecasts: true })
          .forecasts!.filter((f) => f.asOf <= cut)
          .map((f) => [`${f.caseId}@${f.asOf}`, f]),
      );
    const before = rows(varied);
    const after = rows(changed);
    const shared = [...before.keys()].filter((k) => after.has(k));
    expect(shared.length).toBeGreaterThan(100);
    for (const k of shared) expect(after.get(k)).toEqual(before.get(k));
  });

  test('unusable spans are left out and counted; a log with under 100 decisions is not evaluated', () => {
    const bad: CaseSpan[] = [
      { caseId: 'x', start: NaN, end: at(1) },
      { caseId: 'y', start: at(5), end: at(4) },
    ];
    const r = snapshotBacktest([...regular, ...bad]);
    expect([r.cases, r.skipped, r.current.forecasts]).toEqual([200, 2, 130]);
    const few = snapshotBacktest(regular.slice(0, 99));
    expect([few.span.snapshots, few.current.forecasts, few.survival.forecasts]).toEqual([0, 0, 0]);
    expect(snapshotBacktest([]).survival.forecasts).toBe(0);
  });
});

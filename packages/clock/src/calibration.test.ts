import { describe, expect, test } from 'vitest';
import { calibrationOf } from './calibration.js';
import { snapshotBacktest, type SnapshotForecastRow } from './snapshot-backtest.js';

const DAY = 86_400_000;
const MONDAY = Date.UTC(2026, 0, 5); // a Monday

const row = (caseId: string, asOfDay: number, elapsedDays: number, medianDays: number, upperDays: number) =>
  ({
    caseId,
    asOf: MONDAY + asOfDay * DAY,
    elapsedDays,
    medianDays,
    upperDays,
    medianOpen: false,
    upperOpen: false,
    confidence: 'normal',
  }) satisfies SnapshotForecastRow;

describe('calibrationOf', () => {
  test('scores only the dates that have passed, by the band of days already waited (hand-counted)', () => {
    const now = MONDAY + 30 * DAY;
    const rows: SnapshotForecastRow[] = [
      row('a', 0, 5, 3, 10), // decided day 8: median (day 3) missed, upper (day 10) held
      row('b', 0, 40, 5, 20), // still open: median (day 5) missed, upper (day 20) missed
      row('c', 7, 12, 4, 40), // decided day 9: median (day 11) held; upper (day 47) not yet due
      { ...row('d', 7, 200, 2, 9), upperOpen: true }, // "more than 9 days": no upper date; median (day 9) held
    ];
    const decisions = new Map([
      ['a', MONDAY + 8 * DAY],
      ['c', MONDAY + 9 * DAY],
      ['d', MONDAY + 9 * DAY],
    ]);
    const c = calibrationOf(rows, decisions, now);
    expect(c.all).toMatchObject({
      forecasts: 4,
      cases: 4,
      upper: { due: 2, held: 1, share: 0.5 },
      median: { due: 4, held: 2, share: 0.5 },
      upperOpen: 1,
    });
    const [under30, to90, , to365] = c.bands;
    expect(under30).toMatchObject({ fromDays: 0, toDays: 30, forecasts: 2, upper: { due: 1, held: 1 } });
    expect(to90).toMatchObject({ fromDays: 30, toDays: 90, forecasts: 1, upper: { due: 1, held: 0, share: 0 } });
    expect(to365).toMatchObject({ fromDays: 180, toDays: 365, forecasts: 1, upper: { due: 0, share: null } });
    expect(c.bands[4]).toMatchObject({ fromDays: 365, toDays: null, forecasts: 0 });
  });
});

describe('snapshotBacktest over a live history', () => {
  test('replays the Mondays given, with cases still open censored and forecast, never counted as decided', () => {
    // 60 cases received a day apart, each decided after 10 days; 5 more received later, still open.
    const spans = [
      ...Array.from({ length: 60 }, (_, i) => ({
        caseId: `d${i}`,
        start: MONDAY + i * DAY,
        end: MONDAY + (i + 10) * DAY,
      })),
      ...Array.from({ length: 5 }, (_, i) => ({ caseId: `o${i}`, start: MONDAY + (60 + i) * DAY, end: Infinity })),
    ];
    const to = MONDAY + 70 * DAY;
    const r = snapshotBacktest(spans, {
      evaluate: { from: MONDAY + 63 * DAY, to },
      keepForecasts: true,
      compareCurrent: false,
    });
    expect(r.span.snapshots).toBe(2); // days 63 and 70
    expect(r.later.survival.forecasts).toBe(0);
    expect(r.current.forecasts).toBe(0);
    const ids = new Set(r.forecasts!.map((f) => f.caseId));
    // Day 63: d54–d59 open and o0–o2; day 70: o0–o4 (d60 and later do not exist).
    expect([...ids].filter((id) => id.startsWith('o')).sort()).toEqual(['o0', 'o1', 'o2', 'o3', 'o4']);
    expect(r.forecasts!.length).toBe(6 + 3 + 5);
    // Every decided case took exactly 10 days: an open case that waited 3 days is promised 7 more.
    const o0 = r.forecasts!.find((f) => f.caseId === 'o0' && f.asOf === MONDAY + 63 * DAY)!;
    expect(o0.elapsedDays).toBe(3);
    expect(o0.upperDays).toBe(7);
    // Without `evaluate`, a case still open is left out (the method's span needs decisions only).
    expect(snapshotBacktest(spans).skipped).toBe(5);
  });
});

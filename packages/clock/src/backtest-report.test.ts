import { describe, expect, test } from 'vitest';
import { FORECAST_CSV_HEADER, forecastRowsCsv, formatSnapshotBacktest } from './backtest-report.js';
import { snapshotBacktest } from './snapshot-backtest.js';

const DAY = 86_400_000;
const start = Date.UTC(2024, 0, 1, 12);
const spans = Array.from({ length: 200 }, (_, i) => ({
  caseId: `c${i}`,
  start: start + i * DAY,
  end: start + (i + 10) * DAY,
}));

describe('backtest report', () => {
  test('forecast rows: ISO as-of moments, full-precision days, quoted ids where needed', () => {
    const csv = forecastRowsCsv([
      {
        caseId: 'A,1 "x"',
        asOf: Date.UTC(2024, 3, 1),
        elapsedDays: 1 / 3,
        medianDays: 2.5,
        upperDays: 40,
        medianOpen: false,
        upperOpen: true,
        confidence: 'low',
      },
    ]);
    expect(csv).toBe(`${FORECAST_CSV_HEADER}\n"A,1 ""x""",2024-04-01T00:00:00.000Z,${1 / 3},2.5,40,true,low,false\n`);
  });

  test('both estimators side by side, and the later snapshots apart', () => {
    const text = formatSnapshotBacktest(snapshotBacktest(spans), { log: 'regular.csv' });
    expect(text).toContain('regular.csv: 200 cases');
    expect(text).toMatch(/forecasts \(cases\)\s+130 \(94\)\s+130 \(94\)/);
    expect(text).toMatch(/9-of-10 bound held\s+100\.0%\s+100\.0%/);
    expect(text).toMatch(/later snapshots \(1, /);
  });
});

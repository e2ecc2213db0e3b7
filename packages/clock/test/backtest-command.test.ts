/**
 * `npm run backtest`: the coverage recounted from the --forecasts file and the log with a few lines of our own,
 * not the backtest's code, and today's figures on the public logs against the table of issue 22.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/permit-log.csv', import.meta.url));
const sharedLogs = path.resolve(root, '../shared/data/eventlogs');
const DAY = 86_400_000;

function backtest(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/backtest.mjs', ...args], { cwd: root }, (error, out, err) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    );
  });
}

/** Rows of a simple CSV (no quoted fields) as objects keyed by its header. */
function csvRecords(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) / 2;
  return s[Math.floor(h)] + (h - Math.floor(h)) * (s[Math.ceil(h)] - s[Math.floor(h)]);
};

describe('npm run backtest', () => {
  test('the coverage recounted from the forecasts file and the log equals what the command prints', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'backtest-')), 'forecasts.csv');
    const columns = ['--case-column', 'application', '--activity-column', 'step', '--timestamp-column', 'at'];
    const run = await backtest(fixture, ...columns, '--forecasts', file, '--json');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.out);

    // the log: first and last event of each case
    const spans = new Map<string, { start: number; end: number }>();
    for (const e of csvRecords(readFileSync(fixture, 'utf8'))) {
      const t = Date.parse(e.at);
      const s = spans.get(e.application) ?? { start: t, end: t };
      spans.set(e.application, { start: Math.min(s.start, t), end: Math.max(s.end, t) });
    }
    const rows = csvRecords(readFileSync(file, 'utf8'));
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(
      'case_id,as_of,elapsed_days,median_days,upper_days,upper_open,confidence,median_open',
    );
    let inMedian = 0;
    let medianStated = 0;
    let inUpper = 0;
    let upperStated = 0;
    let pinball = 0;
    let openBeyond = 0;
    const actuals: number[] = [];
    const uppers: number[] = [];
    for (const r of rows) {
      const asOf = Date.parse(r.as_of);
      const { start, end } = spans.get(r.case_id)!;
      // each forecast is made at a Monday 00:00 UTC in the evaluated span, for a case open then
      expect(new Date(asOf).getUTCDay()).toBe(1);
      expect(asOf % DAY).toBe(0);
      expect(asOf >= Date.parse(printed.span.evaluateFrom) && asOf <= Date.parse(printed.span.evaluateTo)).toBe(true);
      expect(start <= asOf && asOf < end).toBe(true);
      expect(Number(r.elapsed_days)).toBeCloseTo((asOf - start) / DAY, 9);
      const actual = (end - asOf) / DAY;
      const upper = Number(r.upper_days);
      if (r.median_open === 'false') {
        medianStated++;
        if (actual <= Number(r.median_days)) inMedian++;
      }
      if (r.upper_open === 'false') {
        upperStated++;
        if (actual <= upper) inUpper++;
      } else if (actual > upper) openBeyond++;
      pinball += actual >= upper ? 0.9 * (actual - upper) : 0.1 * (upper - actual);
      actuals.push(actual);
      uppers.push(upper);
    }
    const s = printed.survival;
    expect(rows.length).toBeGreaterThan(500);
    expect(s.forecasts).toBe(rows.length);
    expect(s.cases).toBe(new Set(rows.map((r) => r.case_id)).size);
    expect(s.byConfidence.low.forecasts).toBe(rows.filter((r) => r.confidence === 'low').length);
    expect(s.upperOpen).toBe(rows.length - upperStated);
    expect(s.upperOpenBeyond).toBeCloseTo(openBeyond / (rows.length - upperStated), 12);
    expect(s.median).toBeCloseTo(inMedian / medianStated, 12);
    expect(s.upper).toBeCloseTo(inUpper / upperStated, 12);
    expect(s.pinball).toBeCloseTo(pinball / rows.length, 9);
    expect(s.widthRatio).toBeCloseTo(median(uppers) / median(actuals), 9);
  });

  test('bad input: a usage error is 2, an unreadable log 3, with a message', async () => {
    const [none, window, missing, column, help] = await Promise.all([
      backtest(),
      backtest(fixture, '--window-days', '-3'),
      backtest(path.join(tmpdir(), 'no-such-log.xes')),
      backtest(fixture, '--case-column', 'sag'),
      backtest('--help'),
    ]);
    expect([none.code, window.code]).toEqual([2, 2]);
    expect([missing.code, missing.err]).toEqual([3, expect.stringContaining('file not found')]);
    expect([column.code, column.err]).toEqual([3, expect.stringContaining('no case column "sag"')]);
    expect([help.code, help.out]).toEqual([0, expect.stringContaining('--forecasts FILE.csv')]);
  });

  // Issue 22's table: today's estimator on three public logs, by the same method.
  const table = [
    { log: 'BPIC15_1.xes.gz', forecasts: 10_740, cases: 755, median: 43.7, upper: 79.9, low: 57.9, width: 2.97 },
    { log: 'receipt.xes.gz', forecasts: 676, cases: 264, median: 49.0, upper: 83.6, low: 72.3, width: 2.76 },
    {
      log: 'BPI_2020_DomesticDeclarations.xes.gz',
      forecasts: 14_985,
      cases: 8_155,
      median: 52.2,
      upper: 85.8,
      low: 74.6,
      width: 5.03,
    },
  ];
  test.skipIf(!existsSync(sharedLogs))(
    'public logs: today figures as in issue 22; the survival estimate within 88–92% for 9 of 10',
    async () => {
      let lowerLoss = 0;
      for (const row of table) {
        const run = await backtest(path.join(sharedLogs, row.log), '--json');
        expect(run.code).toBe(0);
        const { current, survival } = JSON.parse(run.out);
        expect(Math.abs(current.forecasts - row.forecasts)).toBeLessThanOrEqual(5);
        expect(current.cases).toBe(row.cases);
        expect(Math.abs(100 * current.median - row.median)).toBeLessThanOrEqual(0.5);
        expect(Math.abs(100 * current.upper - row.upper)).toBeLessThanOrEqual(0.5);
        expect(Math.abs(100 * current.byConfidence.low.upper - row.low)).toBeLessThanOrEqual(0.5);
        expect(Math.abs(current.widthRatio - row.width)).toBeLessThanOrEqual(0.1);
        expect(survival.upper).toBeGreaterThanOrEqual(0.88);
        expect(survival.upper).toBeLessThanOrEqual(0.92);
        // BPI 2020 pays in batches on Mondays and Thursdays: a snapshot just before a batch sees the median held
        // more often (58%); over other weekdays it is 41–51%.
        const medianBand = row.log.startsWith('BPI_2020') ? [0.45, 0.6] : [0.45, 0.55];
        expect(survival.median).toBeGreaterThanOrEqual(medianBand[0]);
        expect(survival.median).toBeLessThanOrEqual(medianBand[1]);
        if (survival.pinball < current.pinball) lowerLoss++;
      }
      expect(lowerLoss).toBeGreaterThanOrEqual(2);
    },
    180_000,
  );
});

/**
 * The snapshot backtest as text for a terminal (both estimators side by side) and its forecasts as CSV, one row per
 * forecast, so anyone can recount the coverage from the log without our code.
 */
import type { CoverageShare, EstimatorFigures, OpenBoundCounting } from './backtest-figures.js';
import type { EstimatorPair, SnapshotBacktestResult, SnapshotForecastRow } from './snapshot-backtest.js';

/** The CSV header of the forecasts file; median_open comes last so the first seven columns keep their places. */
export const FORECAST_CSV_HEADER =
  'case_id,as_of,elapsed_days,median_days,upper_days,upper_open,confidence,median_open';

const csvField = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The survival estimator's forecasts as CSV (as_of in ISO UTC, days in full precision). */
export function forecastRowsCsv(rows: readonly SnapshotForecastRow[]): string {
  const lines = [FORECAST_CSV_HEADER];
  for (const r of rows) {
    lines.push(
      [
        csvField(r.caseId),
        new Date(r.asOf).toISOString(),
        r.elapsedDays,
        r.medianDays,
        r.upperDays,
        r.upperOpen,
        r.confidence,
        r.medianOpen,
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

const int = (n: number): string => n.toLocaleString('en-US');
const pct = (x: number | null): string => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
const num = (x: number | null): string => (x === null ? '–' : x.toFixed(2));
const day = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '–');
const withCount = (x: number | null, n: number): string => `${pct(x)} (${int(n)})`;

type Line = [label: string, current: string, survival: string];

function lines(p: EstimatorPair, upperQuantileLabel: string, quantile: number): Line[] {
  const both = (f: (e: EstimatorFigures) => string): [string, string] => [f(p.current), f(p.survival)];
  const third = (e: EstimatorFigures, pick: (c: CoverageShare) => number | null): string =>
    e.byThird.map((c) => pct(pick(c))).join(' / ');
  return [
    ['forecasts (cases)', ...both((e) => `${int(e.forecasts)} (${int(e.cases)})`)],
    ['median bound held', ...both((e) => pct(e.median))],
    [`${upperQuantileLabel} bound held`, ...both((e) => pct(e.upper))],
    ['  normal confidence', ...both((e) => withCount(e.byConfidence.normal.upper, e.byConfidence.normal.forecasts))],
    ['  low confidence', ...both((e) => withCount(e.byConfidence.low.upper, e.byConfidence.low.forecasts))],
    ['  early / middle / late third', ...both((e) => third(e, (c) => c.upper))],
    ['median held by third', ...both((e) => third(e, (c) => c.median))],
    [`width: ${upperQuantileLabel} ÷ median actual`, ...both((e) => num(e.widthRatio))],
    [`pinball loss at ${quantile} (days)`, ...both((e) => num(e.pinball))],
    ['"more than N days": median / upper', ...both((e) => `${int(e.medianOpen)} / ${int(e.upperOpen)}`)],
    [`  of those upper, decided after more than N`, ...both((e) => pct(e.upperOpenBeyond))],
    [
      `  ${upperQuantileLabel} held if those count as held`,
      ...both((e) => `${pct(e.upperByOpenCounting.held)}, as missed ${pct(e.upperByOpenCounting.missed)}`),
    ],
  ];
}

function table(rows: Line[], header: Line): string {
  const all = [header, ...rows];
  const w0 = Math.max(...all.map((r) => r[0].length));
  const w1 = Math.max(...all.map((r) => r[1].length));
  return all.map((r) => `${r[0].padEnd(w0)}   ${r[1].padEnd(w1)}   ${r[2]}`.trimEnd()).join('\n');
}

export interface ReportLabels {
  /** The log's name, as the first line says it. */
  log: string;
  upperQuantile?: number;
  historySize?: number;
  windowDays?: number;
  openCountsAs?: OpenBoundCounting;
}

const OPEN_COUNTING: Record<OpenBoundCounting, string> = {
  excluded: 'are left out of the held shares (no date was promised)',
  held: 'count as held',
  missed: 'count as missed',
};

/** Both estimators side by side: the evaluated span, then the later snapshots apart. */
export function formatSnapshotBacktest(r: SnapshotBacktestResult, labels: ReportLabels): string {
  const q = labels.upperQuantile ?? 0.9;
  const upper = q === 0.9 ? '9-of-10' : `${Math.round(q * 100)}%`;
  const header: Line = [
    '',
    `today (${labels.historySize ?? 500} most recent decided)`,
    `survival (${labels.windowDays ?? 365}-day period Kaplan–Meier)`,
  ];
  const s = r.span;
  return [
    `${labels.log}: ${int(r.cases)} cases${r.skipped ? ` (${int(r.skipped)} without usable times left out)` : ''}`,
    `snapshots every Monday 00:00 UTC; evaluated ${day(s.evaluateFrom)} to ${day(s.evaluateTo)} (${int(s.snapshots)})` +
      ` = from the later of 25% of the span and the 100th decision, to the log's end ${day(s.logEnd)}` +
      ` (99.5% of decisions) minus the 90% duration ${num(s.duration90Days)} days`,
    `bounds answered "more than N days" ${OPEN_COUNTING[labels.openCountsAs ?? 'excluded']}; width and pinball take N`,
    '',
    table(lines(r, upper, q), header),
    '',
    `later snapshots (${int(s.laterSnapshots)}, cases there cut off by the extraction):`,
    table(lines(r.later, upper, q).slice(0, 3), header),
    '',
  ].join('\n');
}

/**
 * Prints how long the service-goal clock takes over 100,000 generated cases, the calendar primitives' speed, the
 * survival estimate's, and the backtest by calendar snapshots on the public logs (both estimators side by side).
 * Run: npm run bench -w @sagsgang/clock. Figures only; nothing here fails on a time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  backtestForecast,
  computeClock,
  createBusinessCalendar,
  forecastDecision,
  forecastFromCurve,
  survivalCurveOf,
  type ClockEventInput,
  type EstimatorFigures,
  type ServiceGoal,
} from '../src/index.js';

const CASES = 100_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Deterministic PRNG so every run measures the same cases. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const goals: ServiceGoal[] = [
  {
    duration: { amount: 3, unit: 'months' },
    targetShare: 0.97,
    clockStart: 'on_receipt',
    pauseWhileAwaitingApplicant: true,
    maxExtension: { amount: 1, unit: 'months' },
  },
  {
    duration: { amount: 1, unit: 'months' },
    targetShare: 0.9,
    clockStart: 'when_fully_informed',
    pauseWhileAwaitingApplicant: true,
  },
  {
    duration: { amount: 20, unit: 'working_days' },
    targetShare: 0.95,
    clockStart: 'on_receipt',
    pauseWhileAwaitingApplicant: true,
  },
  {
    duration: { amount: 8, unit: 'weeks' },
    targetShare: 0.9,
    clockStart: 'on_receipt',
    pauseWhileAwaitingApplicant: false,
  },
];

function generateCase(rand: () => number, start: number): ClockEventInput[] {
  let t = start + Math.floor(rand() * 9) * HOUR;
  const events: ClockEventInput[] = [{ type: 'received', at: new Date(t).toISOString() }];
  t += (1 + rand() * 5) * DAY;
  const fullyInformed = rand() < 0.6;
  events.push({ type: 'screened', at: new Date(t).toISOString(), fullyInformed });
  if (!fullyInformed || rand() < 0.2) {
    events.push({ type: 'information_requested', at: new Date(t + HOUR).toISOString() });
    t += (3 + rand() * 20) * DAY;
    events.push({ type: 'information_received', at: new Date(t).toISOString() });
  }
  if (rand() < 0.1)
    events.push({
      type: 'extended',
      at: new Date(t + DAY).toISOString(),
      by: { amount: 10, unit: 'working_days' },
      reason: 'hearing of parties',
    });
  if (rand() < 0.7) events.push({ type: 'decided', at: new Date(t + (5 + rand() * 60) * DAY).toISOString() });
  return events;
}

function measure(label: string, runs: number, fn: () => number): void {
  let best = Infinity;
  let check = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    check += fn();
    best = Math.min(best, performance.now() - t0);
  }
  console.log(`${label.padEnd(52)} best of ${runs}: ${best.toFixed(1).padStart(7)} ms  (checksum ${check})`);
}

const rand = mulberry32(42);
const origin = Date.UTC(2024, 0, 1);
const cases = Array.from({ length: CASES }, () => generateCase(rand, origin + Math.floor(rand() * 730) * DAY));
const calendar = createBusinessCalendar({ closeObservances: true });
const now = Date.UTC(2026, 0, 15, 12);

console.log(
  `@sagsgang/clock bench — Node ${process.version}, ${CASES.toLocaleString('en')} cases, ${cases.reduce((n, c) => n + c.length, 0).toLocaleString('en')} events`,
);
measure('computeClock, 100k cases (ISO string instants)', 5, () => {
  let breached = 0;
  for (let i = 0; i < CASES; i++)
    if (computeClock({ events: cases[i], goal: goals[i & 3], calendar, now }).state === 'breached') breached++;
  return breached;
});
const numeric = cases.map((c) => c.map((e) => ({ ...e, at: Date.parse(e.at as string) })));
measure('computeClock, 100k cases (epoch-ms instants)', 5, () => {
  let breached = 0;
  for (let i = 0; i < CASES; i++)
    if (computeClock({ events: numeric[i], goal: goals[i & 3], calendar, now }).state === 'breached') breached++;
  return breached;
});
measure('fresh calendar + first 100k cases (cold caches)', 1, () => {
  const cold = createBusinessCalendar({ closeObservances: true, extraClosedDays: ['2025-12-31'] });
  let met = 0;
  for (let i = 0; i < CASES; i++)
    if (computeClock({ events: cases[i], goal: goals[i & 3], calendar: cold, now }).state === 'met') met++;
  return met;
});
measure('addWorkingDays(d, 1..60) + workingDaysBetween, 1M', 3, () => {
  let sum = 0;
  const d0 = 19_800;
  for (let i = 0; i < 1_000_000; i++) {
    const d = d0 + (i % 700);
    sum += calendar.workingDaysBetweenNumbers(d, calendar.addWorkingDaysToNumber(d, 1 + (i % 60)));
  }
  return sum;
});

const history = Array.from({ length: 2000 }, () =>
  Math.exp(Math.log(40) + 0.6 * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand())),
);
measure('forecastDecision over 2,000 similar cases, 10k calls', 3, () => {
  let sum = 0;
  for (let i = 0; i < 10_000; i++) sum += forecastDecision({ history, elapsedDays: i % 60 }).conditionalSampleSize;
  return sum;
});
const past = Array.from({ length: 10_000 }, (_, i) => ({
  start: Math.floor(i / 14),
  durationDays: history[i % 2000],
  asOfDays: rand() * 90,
}));
measure('backtestForecast, 10,000 cases (window 500)', 1, () =>
  Math.round(1000 * (backtestForecast(past, { evaluateFrom: 180 }).coverage90 ?? 0)),
);

for (const n of [10_000, 100_000]) {
  const decided = Array.from({ length: n }, (_, i) => ({
    start: (i / n) * 730,
    decision: (i / n) * 730 + history[i % 2000],
  }));
  const open = Array.from({ length: n / 20 }, (_, i) => ({ start: 730 - (i / (n / 20)) * 200 }));
  measure(`survival curve of a 12-month window, ${n.toLocaleString('en')} cases`, 5, () => {
    const curve = survivalCurveOf({ asOf: 740, decided, open });
    return curve.times.length;
  });
}
const curve = survivalCurveOf({
  asOf: 740,
  decided: Array.from({ length: 10_000 }, (_, i) => ({ start: i * 0.073, decision: i * 0.073 + history[i % 2000] })),
});
measure('forecastFromCurve (survival), 10k calls on one curve', 3, () => {
  let sum = 0;
  for (let i = 0; i < 10_000; i++) sum += forecastFromCurve(curve, { elapsedDays: i % 60 }).conditionalSampleSize;
  return sum;
});

// The backtest by calendar snapshots, through the command (it reads the logs with the mining package).
const root = fileURLToPath(new URL('../../../', import.meta.url));
const logs = process.env.SAGSGANG_EVENTLOGS ?? path.resolve(root, '../shared/data/eventlogs');
const LOGS = ['BPIC15_1.xes.gz', 'receipt.xes.gz', 'BPI_2020_DomesticDeclarations.xes.gz'];
if (!existsSync(logs)) {
  console.log(`backtest by calendar snapshots: skipped, no public logs in ${logs} (set SAGSGANG_EVENTLOGS)`);
} else {
  const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
  const line = (name: string, e: EstimatorFigures) =>
    `  ${name.padEnd(9)} ${e.forecasts.toLocaleString('en').padStart(7)} forecasts (${e.cases.toLocaleString('en')} cases)` +
    `  median ${pct(e.median)}  9-of-10 ${pct(e.upper)}  low ${pct(e.byConfidence.low.upper)}` +
    `  width ${e.widthRatio?.toFixed(2)}  pinball ${e.pinball?.toFixed(2)}  open ${e.upperOpen}`;
  for (const log of LOGS) {
    if (!existsSync(path.join(logs, log))) {
      console.log(`backtest ${log}: skipped, not in ${logs}`);
      continue;
    }
    const t0 = performance.now();
    const out = execFileSync(process.execPath, ['scripts/backtest.mjs', path.join(logs, log), '--json'], {
      cwd: root,
      encoding: 'utf8',
    });
    const wall = performance.now() - t0;
    const r = JSON.parse(out);
    console.log(
      `backtest ${log}: ${r.span.snapshots} snapshots; read ${r.timings.readMs} ms, backtest ${r.timings.backtestMs} ms, command ${wall.toFixed(0)} ms`,
    );
    console.log(line('today', r.current));
    console.log(line('survival', r.survival));
  }
}

/**
 * Prints how long the service-goal clock takes over 100,000 generated cases, and the calendar primitives' speed.
 * Run: npm run bench -w @sagsgang/clock. Figures only; nothing here fails on a time.
 */
import {
  backtestForecast,
  computeClock,
  createBusinessCalendar,
  forecastDecision,
  type ClockEventInput,
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

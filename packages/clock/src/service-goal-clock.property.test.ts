import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createBusinessCalendar } from './business-calendar.js';
import type { ClockEventInput } from './clock-events.js';
import type { DurationUnit } from './duration.js';
import { toDayNumber } from './local-date.js';
import { localDateOf } from './time-zone.js';
import type { ServiceGoal } from './service-goal.js';
import { computeClock } from './service-goal-clock.js';

const calendars = [
  createBusinessCalendar(),
  createBusinessCalendar({ closeObservances: true, extraClosedDays: ['2026-12-31'] }),
];
const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 0, 1);

const goalArb = fc
  .record({
    amount: fc.integer({ min: 1, max: 60 }),
    unit: fc.constantFrom<DurationUnit>('calendar_days', 'working_days', 'weeks', 'months'),
    clockStart: fc.constantFrom<'on_receipt' | 'when_fully_informed'>('on_receipt', 'when_fully_informed'),
    roll: fc.boolean(),
  })
  .map(({ amount, unit, clockStart, roll }): ServiceGoal => ({
    duration: {
      amount: unit === 'months' ? Math.ceil(amount / 10) : unit === 'weeks' ? Math.ceil(amount / 4) : amount,
      unit,
    },
    targetShare: 0.97,
    clockStart,
    pauseWhileAwaitingApplicant: true,
    rollForwardToWorkingDay: roll,
  }));

/** A plausible case history: received, screened, then request/answer cycles and maybe a decision, hours apart. */
const historyArb = fc
  .record({
    receivedAt: fc.integer({ min: 0, max: 2 * 365 * 24 }),
    fullyInformed: fc.boolean(),
    gaps: fc.array(fc.integer({ min: 1, max: 24 * 40 }), { minLength: 1, maxLength: 8 }),
    decided: fc.boolean(),
  })
  .map(({ receivedAt, fullyInformed, gaps, decided }): ClockEventInput[] => {
    let t = T0 + receivedAt * HOUR;
    const events: ClockEventInput[] = [{ type: 'received', at: t }];
    t += 5 * HOUR;
    events.push({ type: 'screened', at: t, fullyInformed });
    gaps.forEach((gap, i) => {
      t += gap * HOUR;
      events.push({ type: i % 2 === 0 ? 'information_requested' : 'information_received', at: t });
    });
    if (decided) events.push({ type: 'decided', at: t + 24 * HOUR });
    return events;
  });

const nowArb = fc.integer({ min: 0, max: 3 * 365 * 24 }).map((h) => T0 + h * HOUR);

describe('service-goal clock properties', () => {
  test('a pause never moves the deadline earlier', () => {
    fc.assert(
      fc.property(goalArb, historyArb, nowArb, fc.integer({ min: 0, max: 1 }), (goal, events, now, c) => {
        const calendar = calendars[c];
        const paused = computeClock({ events, goal, calendar, now });
        const unpaused = computeClock({ events, goal: { ...goal, pauseWhileAwaitingApplicant: false }, calendar, now });
        if (paused.deadlineDate === null || unpaused.deadlineDate === null) return;
        expect(toDayNumber(paused.deadlineDate)).toBeGreaterThanOrEqual(toDayNumber(unpaused.deadlineDate));
      }),
      { numRuns: 300 },
    );
  });

  test('answering later never moves the deadline earlier', () => {
    fc.assert(
      fc.property(goalArb, historyArb, fc.integer({ min: 1, max: 24 * 30 }), nowArb, (goal, events, extra, now) => {
        // Only the answer moves: shifting later events too would change how much clock runs between pauses.
        const answer = events.findIndex((e) => e.type === 'information_received');
        if (answer < 0) return;
        const cut = events.slice(0, answer + 1);
        const later = cut.map((e, i) => (i === answer ? { ...e, at: (e.at as number) + extra * HOUR } : e));
        const a = computeClock({ events: cut, goal, calendar: calendars[0], now });
        const b = computeClock({ events: later, goal, calendar: calendars[0], now });
        if (a.deadlineDate === null || b.deadlineDate === null) return;
        expect(toDayNumber(b.deadlineDate)).toBeGreaterThanOrEqual(toDayNumber(a.deadlineDate));
      }),
      { numRuns: 300 },
    );
  });

  test('recomputation is deterministic, and independent of input order for distinct instants', () => {
    fc.assert(
      fc.property(goalArb, historyArb, nowArb, (goal, events, now) => {
        const first = computeClock({ events, goal, calendar: calendars[1], now });
        expect(computeClock({ events: structuredClone(events), goal, calendar: calendars[1], now })).toEqual(first);
        const shuffled = computeClock({ events: [...events].reverse(), goal, calendar: calendars[1], now });
        expect({ ...shuffled, anomalies: [] }).toEqual({ ...first, anomalies: [] });
      }),
      { numRuns: 200 },
    );
  });

  test('elapsed + remaining = the goal while running or paused, in the goal unit', () => {
    fc.assert(
      fc.property(goalArb, historyArb, nowArb, (goal0, events, now) => {
        const goal = { ...goal0, rollForwardToWorkingDay: false };
        const r = computeClock({ events, goal, calendar: calendars[0], now });
        if (r.state !== 'running' && r.state !== 'paused') return;
        const sum =
          r.unit === 'working_days'
            ? r.elapsedWorkingDays + r.remainingWorkingDays
            : r.elapsedCalendarDays + r.remainingCalendarDays;
        const { amount, unit } = goal.duration;
        const expected =
          unit === 'months'
            ? toDayNumber(r.goalDeadlineDate!) - toDayNumber(r.startDate!)
            : unit === 'weeks'
              ? 7 * amount
              : amount;
        expect(sum).toBe(expected);
        expect(r.budgetDays).toBe(expected);
        expect(r.elapsedCalendarDays).toBeGreaterThanOrEqual(0);
        expect(r.remainingCalendarDays).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 400 },
    );
  });

  test('the state agrees with the deadline instant', () => {
    fc.assert(
      fc.property(goalArb, historyArb, nowArb, (goal, events, now) => {
        const r = computeClock({ events, goal, calendar: calendars[0], now });
        if (r.state === 'met' && r.deadlineMs === null)
          expect(r.anomalies.map((a) => a.code)).toContain('decided_before_start');
        else if (r.state === 'met') expect(r.decisionMs! <= r.deadlineMs!).toBe(true);
        if (r.state === 'breached') expect((r.decisionMs ?? now) > r.deadlineMs!).toBe(true);
        if (r.state === 'running' || r.state === 'paused') expect(now <= r.deadlineMs!).toBe(true);
        if (r.breachMs !== null)
          expect([r.breachMs, localDateOf(r.breachMs)]).toEqual([r.deadlineMs! + 1, r.breachDate]);
      }),
      { numRuns: 200 },
    );
  });
});

import { describe, expect, test } from 'vitest';
import { createBusinessCalendar } from './business-calendar.js';
import type { ClockEventInput } from './clock-events.js';
import type { ServiceGoal } from './service-goal.js';
import { computeClock } from './service-goal-clock.js';

const dk = createBusinessCalendar();
const jobCard: ServiceGoal = {
  duration: { amount: 1, unit: 'months' },
  targetShare: 0.97,
  clockStart: 'when_fully_informed',
  pauseWhileAwaitingApplicant: true,
};
const thirtyDays: ServiceGoal = {
  duration: { amount: 30, unit: 'calendar_days' },
  targetShare: 0.97,
  clockStart: 'on_receipt',
  pauseWhileAwaitingApplicant: true,
  maxExtension: { amount: 20, unit: 'calendar_days' },
};
const ev = (type: string, at: string, payload: Record<string, unknown> = {}): ClockEventInput => ({
  type,
  at,
  ...payload,
});
const now = '2026-06-30T12:00:00Z';

describe('clock start', () => {
  test('fully informed on receipt: a when-fully-informed clock counts from receipt', () => {
    const r = computeClock({
      events: [
        ev('received', '2026-03-02T09:00:00+01:00'),
        ev('screened', '2026-03-05T09:00:00+01:00', { fullyInformed: true }),
      ],
      goal: jobCard,
      calendar: dk,
      now: '2026-03-06T09:00:00Z',
    });
    expect(r.fullyInformedOnReceipt).toBe(true);
    expect(r.startDate).toBe('2026-03-02');
    expect(r.deadlineDate).toBe('2026-04-07'); // 2 Apr is Maundy Thursday: the Easter closures roll it to 7 Apr
  });

  test('not fully informed: the clock starts when the missing information arrives, unpaused before that', () => {
    const events = [
      ev('received', '2026-03-02T09:00:00+01:00'),
      ev('screened', '2026-03-03T09:00:00+01:00', { fullyInformed: false }),
      ev('information_requested', '2026-03-03T10:00:00+01:00'),
    ];
    const before = computeClock({ events, goal: jobCard, calendar: dk, now: '2026-03-09T09:00:00Z' });
    expect(before.state).toBe('not_started');
    expect(before.deadlineDate).toBeNull();
    const after = computeClock({
      events: [...events, ev('information_received', '2026-03-10T11:00:00+01:00')],
      goal: jobCard,
      calendar: dk,
      now: '2026-03-12T09:00:00Z',
    });
    expect(after.fullyInformedOnReceipt).toBe(false);
    expect(after.startDate).toBe('2026-03-10');
    expect(after.deadlineDate).toBe('2026-04-10');
    expect(after.pauses).toEqual([]);
  });

  test('a partial answer keeps the clock waiting; a later screening starts it', () => {
    const r = computeClock({
      events: [
        ev('received', '2026-03-02T09:00:00+01:00'),
        ev('screened', '2026-03-03T09:00:00+01:00', { fullyInformed: false }),
        ev('information_requested', '2026-03-03T10:00:00+01:00'),
        ev('information_received', '2026-03-10T11:00:00+01:00', { fullyInformed: false }),
        ev('screened', '2026-03-16T11:00:00+01:00', { fullyInformed: true }),
      ],
      goal: jobCard,
      calendar: dk,
      now: '2026-03-17T09:00:00Z',
    });
    expect(r.startDate).toBe('2026-03-16');
    expect(r.deadlineDate).toBe('2026-04-16');
  });
});

describe('extensions', () => {
  test('an extension moves the deadline; maxExtension caps the total', () => {
    const base = [ev('received', '2026-03-02T09:00:00+01:00')]; // goal deadline 1 Apr (Wed)
    const once = computeClock({
      events: [
        ...base,
        ev('extended', '2026-03-20T09:00:00+01:00', {
          by: { amount: 14, unit: 'calendar_days' },
          reason: 'hearing of parties',
        }),
      ],
      goal: thirtyDays,
      calendar: dk,
      now: '2026-03-21T00:00:00Z',
    });
    expect(once.deadlineDate).toBe('2026-04-15');
    expect(once.extensions[0]).toMatchObject({
      applied: true,
      capped: false,
      reason: 'hearing of parties',
      date: '2026-03-20',
    });
    const twice = computeClock({
      events: [
        ...base,
        ev('extended', '2026-03-20T09:00:00+01:00', { by: { amount: 14, unit: 'calendar_days' } }),
        ev('extended', '2026-04-10T09:00:00+02:00', { by: { amount: 14, unit: 'calendar_days' } }),
      ],
      goal: thirtyDays,
      calendar: dk,
      now: '2026-04-11T00:00:00Z',
    });
    expect(twice.deadlineDate).toBe('2026-04-21'); // 1 Apr + 20 days cap
    expect(twice.extensions[1]).toMatchObject({ applied: true, capped: true });
    expect(twice.anomalies.map((a) => a.code)).toEqual(['extension_capped']);
    expect(twice.budgetDays).toBe(50);
  });

  test('an extension after the deadline or without a valid duration is ignored and reported', () => {
    const r = computeClock({
      events: [
        ev('received', '2026-03-02T09:00:00+01:00'),
        ev('extended', '2026-03-10T09:00:00+01:00', { by: { amount: -3, unit: 'calendar_days' } }),
        ev('extended', '2026-04-02T09:00:00+02:00', { by: { amount: 5, unit: 'working_days' } }),
      ],
      goal: thirtyDays,
      calendar: dk,
      now,
    });
    expect(r.deadlineDate).toBe('2026-04-01');
    expect(r.state).toBe('breached');
    expect(r.anomalies.map((a) => [a.code, a.index])).toEqual([
      ['invalid_extension', 1],
      ['extension_after_deadline', 2],
    ]);
  });
});

describe('states and illegal sequences', () => {
  const received = ev('received', '2026-03-02T09:00:00+01:00');

  test('information received without a request is ignored and reported, never thrown', () => {
    const r = computeClock({
      events: [received, ev('information_received', '2026-03-05T09:00:00+01:00')],
      goal: thirtyDays,
      calendar: dk,
      now: '2026-03-06T00:00:00Z',
    });
    expect(r.state).toBe('running');
    expect(r.pauses).toEqual([]);
    expect(r.anomalies).toEqual([
      { code: 'information_received_without_request', index: 1, type: 'information_received' },
    ]);
  });

  test('garbage is skipped deterministically', () => {
    const events = [
      ev('information_requested', '2026-03-01T09:00:00+01:00'),
      received,
      ev('received', '2026-03-03T09:00:00+01:00'),
      ev('decided', 'yesterday'),
      ev('decided', '2026-03-10T09:00:00'),
      { type: 'note_added', at: '2026-03-04T09:00:00Z' },
      ev('reopened', '2026-03-05T09:00:00+01:00'),
    ];
    const r = computeClock({ events, goal: thirtyDays, calendar: dk, now: '2026-03-06T00:00:00Z' });
    expect(r.anomalies.map((a) => a.code)).toEqual([
      'invalid_timestamp',
      'invalid_timestamp',
      'event_before_received',
      'duplicate_received',
      'reopened_while_open',
    ]);
    expect(r.state).toBe('running');
    expect(r.startDate).toBe('2026-03-02');
  });

  test('a goal without a usable duration reports invalid_goal instead of NaN dates', () => {
    const goal = { ...thirtyDays, duration: { amount: -1, unit: 'fortnights' } } as unknown as ServiceGoal;
    const r = computeClock({ events: [received], goal, calendar: dk, now });
    expect([r.state, r.deadlineDate, r.anomalies.map((a) => a.code)]).toEqual(['not_started', null, ['invalid_goal']]);
  });

  test('events out of order are sorted by time and reported', () => {
    const r = computeClock({
      events: [ev('decided', '2026-03-20T09:00:00+01:00'), received],
      goal: thirtyDays,
      calendar: dk,
      now,
    });
    expect(r.state).toBe('met');
    expect(r.decisionDate).toBe('2026-03-20');
    expect(r.anomalies.map((a) => a.code)).toEqual(['events_out_of_order']);
  });

  test('events after now have not happened yet', () => {
    const events = [received, ev('decided', '2026-03-20T09:00:00+01:00')];
    expect(computeClock({ events, goal: thirtyDays, calendar: dk, now: '2026-03-19T00:00:00Z' }).state).toBe('running');
    expect(computeClock({ events, goal: thirtyDays, calendar: dk, now: '2026-03-21T00:00:00Z' }).state).toBe('met');
  });

  test('not received, withdrawn, decided late', () => {
    expect(computeClock({ events: [], goal: thirtyDays, calendar: dk, now }).state).toBe('not_started');
    const w = computeClock({
      events: [received, ev('withdrawn', '2026-03-09T09:00:00+01:00')],
      goal: thirtyDays,
      calendar: dk,
      now,
    });
    expect([w.state, w.stoppedBy, w.warnings, w.breachDate]).toEqual(['stopped', 'withdrawn', [], null]);
    const late = computeClock({
      events: [received, ev('decided', '2026-04-02T09:00:00+02:00'), ev('closed', '2026-04-03T09:00:00+02:00')],
      goal: thirtyDays,
      calendar: dk,
      now,
    });
    expect([late.state, late.remainingCalendarDays, late.anomalies]).toEqual(['breached', -1, []]);
  });

  test('warnings switch on at 75% and 90% of the budget', () => {
    const at = (day: string): number[] =>
      computeClock({ events: [received], goal: thirtyDays, calendar: dk, now: `${day}T12:00:00Z` }).warnings;
    expect(at('2026-03-24')).toEqual([]); // 22 of 30 days
    expect(at('2026-03-25')).toEqual([0.75]); // 23 of 30
    expect(at('2026-03-29')).toEqual([0.75, 0.9]); // 27 of 30
    expect(
      computeClock({
        events: [received],
        goal: { ...thirtyDays, warnAt: [0.5] },
        calendar: dk,
        now: '2026-03-20T12:00:00Z',
      }).warnings,
    ).toEqual([0.5]);
  });

  test('a reopened case resumes its clock; the closed time is a pause', () => {
    const r = computeClock({
      events: [received, ev('decided', '2026-03-20T09:00:00+01:00'), ev('reopened', '2026-03-25T09:00:00+01:00')],
      goal: thirtyDays,
      calendar: dk,
      now: '2026-03-26T12:00:00Z',
    });
    expect(r.state).toBe('running');
    expect(r.pauses).toEqual([
      expect.objectContaining({ reason: 'reopened', fromDate: '2026-03-20', toDate: '2026-03-25', days: 5 }),
    ]);
    expect(r.deadlineDate).toBe('2026-04-07'); // 1 Apr + 5 = Easter Monday → Tue 7 Apr
    expect(r.elapsedCalendarDays).toBe(19);
  });
});

describe('recomputation', () => {
  test('a changed calendar gives the new answer from the same events', () => {
    const events = [ev('received', '2026-11-02T09:00:00+01:00')];
    const goal: ServiceGoal = { ...thirtyDays, duration: { amount: 10, unit: 'working_days' } };
    expect(computeClock({ events, goal, calendar: dk, now: '2026-11-03T00:00:00Z' }).deadlineDate).toBe('2026-11-16');
    const closedFriday = createBusinessCalendar({ extraClosedDays: ['2026-11-13'] });
    expect(computeClock({ events, goal, calendar: closedFriday, now: '2026-11-03T00:00:00Z' }).deadlineDate).toBe(
      '2026-11-17',
    );
  });
});

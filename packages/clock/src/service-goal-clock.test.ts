import { describe, expect, test } from 'vitest';
import { createBusinessCalendar } from './business-calendar.js';
import type { ClockEventInput } from './clock-events.js';
import type { ServiceGoal } from './service-goal.js';
import { computeClock } from './service-goal-clock.js';

const dk = createBusinessCalendar();
const tenWorkingDays: ServiceGoal = {
  duration: { amount: 10, unit: 'working_days' },
  targetShare: 0.97,
  clockStart: 'on_receipt',
  pauseWhileAwaitingApplicant: true,
};
const thirtyDays: ServiceGoal = { ...tenWorkingDays, duration: { amount: 30, unit: 'calendar_days' } };
const oneMonth: ServiceGoal = { ...tenWorkingDays, duration: { amount: 1, unit: 'months' } };
const ev = (type: string, at: string, payload: Record<string, unknown> = {}): ClockEventInput => ({
  type,
  at,
  ...payload,
});

describe('deadlines on the Danish calendar', () => {
  test('10 working days across Easter 2026', () => {
    const r = computeClock({
      events: [ev('received', '2026-03-31T10:00:00+02:00')],
      goal: tenWorkingDays,
      calendar: dk,
      now: '2026-04-08T12:00:00Z',
    });
    expect(r.deadlineDate).toBe('2026-04-17');
    expect(r.deadlineMs).toBe(Date.parse('2026-04-17T21:59:59.999Z'));
    expect(r.state).toBe('running');
    expect([r.elapsedWorkingDays, r.remainingWorkingDays, r.budgetDays]).toEqual([3, 7, 10]);
    expect([r.elapsedCalendarDays, r.remainingCalendarDays]).toEqual([8, 9]);
    expect(r.shareUsed).toBeCloseTo(0.3);
    expect(r.breachDate).toBe('2026-04-18');
    expect(r.warnings).toEqual([]);
  });

  test('10 working days across Christmas, Christmas Eve open or closed by the authority', () => {
    const events = [ev('received', '2026-12-21T08:00:00+01:00')];
    const now = '2026-12-22T08:00:00Z';
    expect(computeClock({ events, goal: tenWorkingDays, calendar: dk, now }).deadlineDate).toBe('2027-01-06');
    const closed = createBusinessCalendar({ closeObservances: true });
    expect(computeClock({ events, goal: tenWorkingDays, calendar: closed, now }).deadlineDate).toBe('2027-01-07');
  });

  test('one month from 31 January clamps to 28 February, then rolls off the weekend', () => {
    const events = [ev('received', '2026-01-31T09:00:00+01:00')];
    const now = '2026-02-01T00:00:00Z';
    const rolled = computeClock({ events, goal: oneMonth, calendar: dk, now });
    expect(rolled.goalDeadlineDate).toBe('2026-02-28');
    expect(rolled.deadlineDate).toBe('2026-03-02'); // 28 Feb 2026 is a Saturday
    const exact = computeClock({ events, goal: { ...oneMonth, rollForwardToWorkingDay: false }, calendar: dk, now });
    expect(exact.deadlineDate).toBe('2026-02-28');
    const leap = computeClock({
      events: [ev('received', '2028-01-31T09:00:00+01:00')],
      goal: oneMonth,
      calendar: dk,
      now: '2028-02-01T00:00:00Z',
    });
    expect(leap.deadlineDate).toBe('2028-02-29'); // a Tuesday
    const three = computeClock({
      events,
      goal: { ...oneMonth, duration: { amount: 3, unit: 'months' } },
      calendar: dk,
      now,
    });
    expect(three.deadlineDate).toBe('2026-04-30');
  });

  test('a pause spanning Easter moves a working-day deadline by the working days paused', () => {
    // Base: received Mon 23 Mar → 10 working days → Thu 9 Apr. Paused Mon 30 Mar → Wed 8 Apr: working days in
    // (30 Mar, 8 Apr] are 31 Mar, 1, 7, 8 Apr = 4 → 10, 13, 14, 15 Apr.
    const events = [
      ev('received', '2026-03-23T09:00:00+01:00'),
      ev('information_requested', '2026-03-30T10:00:00+02:00'),
      ev('information_received', '2026-04-08T14:00:00+02:00'),
    ];
    const r = computeClock({ events, goal: tenWorkingDays, calendar: dk, now: '2026-04-09T12:00:00Z' });
    expect(r.goalDeadlineDate).toBe('2026-04-09');
    expect(r.deadlineDate).toBe('2026-04-15');
    expect(r.pauses).toEqual([expect.objectContaining({ fromDate: '2026-03-30', toDate: '2026-04-08', days: 4 })]);
    expect(r.elapsedWorkingDays + r.remainingWorkingDays).toBe(10);
    expect(r.state).toBe('running');
  });

  test('a pause moves a calendar-day deadline by the calendar days paused, then onto a working day', () => {
    // 30 days from 23 Mar = 22 Apr; paused 9 days → 1 May (an observance, open by default).
    const events = [
      ev('received', '2026-03-23T09:00:00+01:00'),
      ev('information_requested', '2026-03-30T10:00:00+02:00'),
      ev('information_received', '2026-04-08T14:00:00+02:00'),
    ];
    const now = '2026-04-09T12:00:00Z';
    expect(computeClock({ events, goal: thirtyDays, calendar: dk, now }).deadlineDate).toBe('2026-05-01');
    const mayDayClosed = createBusinessCalendar({ closeObservances: ['05-01'] });
    expect(computeClock({ events, goal: thirtyDays, calendar: mayDayClosed, now }).deadlineDate).toBe('2026-05-04');
  });

  test('while awaiting the applicant the clock is paused and the deadline moves day by day', () => {
    const events = [
      ev('received', '2026-03-23T09:00:00+01:00'),
      ev('information_requested', '2026-03-30T10:00:00+02:00'),
    ];
    const r = computeClock({ events, goal: thirtyDays, calendar: dk, now: '2026-04-04T12:00:00Z' });
    expect(r.state).toBe('paused');
    expect(r.deadlineDate).toBe('2026-04-27'); // 22 Apr + 5 days paused so far
    expect(r.pauses[0]).toMatchObject({ toMs: null, toDate: null, days: 5 });
    expect(r.elapsedCalendarDays + r.remainingCalendarDays).toBe(30);
    const noPause = computeClock({
      events,
      goal: { ...thirtyDays, pauseWhileAwaitingApplicant: false },
      calendar: dk,
      now: '2026-04-04T12:00:00Z',
    });
    expect(noPause.state).toBe('running');
    expect(noPause.deadlineDate).toBe('2026-04-22');
  });
});

describe('time zone edges', () => {
  test('a case received 00:30 local on the spring-forward night starts that day', () => {
    const events = [ev('received', '2026-03-28T23:30:00Z')];
    const r = computeClock({
      events,
      goal: { ...thirtyDays, duration: { amount: 14, unit: 'calendar_days' } },
      calendar: dk,
      now: '2026-03-30T00:00:00Z',
    });
    expect(r.startDate).toBe('2026-03-29');
    expect(r.deadlineDate).toBe('2026-04-13'); // 12 Apr is a Sunday
    expect(r.deadlineMs).toBe(Date.parse('2026-04-13T21:59:59.999Z'));
  });

  test('decided 23:30 local on the deadline day is met; at local midnight it is breached', () => {
    const base = [ev('received', '2026-10-01T09:00:00+02:00')];
    const goal = { ...thirtyDays, duration: { amount: 30, unit: 'calendar_days' as const } };
    // 31 Oct 2026 is a Saturday → deadline Mon 2 Nov, in winter time (UTC+1).
    const met = computeClock({
      events: [...base, ev('decided', '2026-11-02T22:59:59Z')],
      goal,
      calendar: dk,
      now: '2026-12-01T00:00:00Z',
    });
    expect(met.deadlineMs).toBe(Date.parse('2026-11-02T22:59:59.999Z'));
    expect(met.state).toBe('met');
    const late = computeClock({
      events: [...base, ev('decided', '2026-11-02T23:00:00Z')],
      goal,
      calendar: dk,
      now: '2026-12-01T00:00:00Z',
    });
    expect(late.decisionDate).toBe('2026-11-03');
    expect(late.state).toBe('breached');
  });

  test('an open case turns breached the first instant after the deadline day', () => {
    const events = [ev('received', '2026-10-01T09:00:00+02:00')];
    expect(computeClock({ events, goal: thirtyDays, calendar: dk, now: '2026-11-02T22:59:59.999Z' }).state).toBe(
      'running',
    );
    const r = computeClock({ events, goal: thirtyDays, calendar: dk, now: '2026-11-02T23:00:00Z' });
    expect(r.state).toBe('breached');
    expect(r.breachDate).toBe('2026-11-03');
    expect(r.warnings).toEqual([0.75, 0.9]);
    expect(r.remainingCalendarDays).toBe(-1);
  });
});

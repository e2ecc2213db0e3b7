/**
 * The service-goal clock: everything about a case's deadline, derived from its events, a goal, a calendar and now.
 *
 * Nothing here is stored as truth: recompute whenever the events, the goal or the calendar change. The function
 * never throws on event data — sequences it cannot use are skipped and listed in `anomalies`.
 */
import type { BusinessCalendar } from './business-calendar.js';
import { instantMs, normaliseEvents, type ClockAnomaly, type ClockEventInput, type Instant } from './clock-events.js';
import { ClockRun, type PauseDays } from './clock-run.js';
import { isDuration } from './duration.js';
import { fromDayNumber } from './local-date.js';
import type { ClockPause, ClockResult, ClockState, ServiceGoal } from './service-goal.js';

const DEFAULT_WARN_AT: readonly number[] = [0.75, 0.9];

export interface ComputeClockInput {
  events: readonly ClockEventInput[];
  goal: ServiceGoal;
  calendar: BusinessCalendar;
  /** The moment to compute for; events after it are treated as not yet happened. */
  now: Instant;
}

/** Derives a case's service-goal clock (start, pauses, deadline, elapsed/remaining, state, warnings) as of now. */
export function computeClock({ events, goal, calendar, now }: ComputeClockInput): ClockResult {
  const anomalies: ClockAnomaly[] = [];
  let nowMs = instantMs(now);
  const run = new ClockRun(goal, calendar, anomalies);
  const list = normaliseEvents(events, Number.isNaN(nowMs) ? Infinity : nowMs, anomalies);
  if (Number.isNaN(nowMs)) {
    // No usable "now": compute as of the last event rather than guess the wall clock.
    anomalies.push({ code: 'invalid_timestamp', index: -1, type: 'now' });
    nowMs = list.length > 0 ? list[list.length - 1].ms : 0;
  }
  if (!isDuration(goal.duration)) {
    // A goal without a usable duration cannot give a deadline; report it instead of computing NaN dates.
    anomalies.push({ code: 'invalid_goal', index: -1, type: '' });
    return notStarted(
      new ClockRun(
        { ...goal, clockStart: 'when_fully_informed', duration: { amount: 0, unit: 'calendar_days' } },
        calendar,
        anomalies,
      ),
      anomalies,
    );
  }
  for (const e of list) run.apply(e);
  if (run.startMs === null) return notStarted(run, anomalies);
  return summarise(run, nowMs);
}

function summarise(run: ClockRun, nowMs: number): ClockResult {
  const { calendar, goal } = run;
  const asOfDay = run.end ? run.end.day : calendar.zone.dayOf(nowMs);
  const open = run.openPause;
  const openCal = open ? asOfDay - open.fromDay : 0;
  const openWork = open ? calendar.workingDaysBetweenNumbers(open.fromDay, asOfDay) : 0;
  const deadline = run.deadline(openCal, openWork);
  const deadlineMs = calendar.zone.endOfDay(deadline);
  const elapsedCal = asOfDay - run.startDay - run.pausedCalendar - openCal;
  const elapsedWork = calendar.workingDaysBetweenNumbers(run.startDay, asOfDay) - run.pausedWorking - openWork;
  const remainingCal = deadline - asOfDay;
  const remainingWork = calendar.workingDaysBetweenNumbers(asOfDay, deadline);
  const elapsed = run.workingUnit ? elapsedWork : elapsedCal;
  const budget = elapsed + (run.workingUnit ? remainingWork : remainingCal);
  const shareUsed = budget > 0 ? elapsed / budget : elapsed >= 0 ? 1 : 0;
  const state = stateOf(run, nowMs, deadline, deadlineMs);
  const isOpen = state === 'running' || state === 'paused' || (state === 'breached' && !run.end);
  const warnings = isOpen ? (goal.warnAt ?? DEFAULT_WARN_AT).filter((t) => shareUsed >= t) : [];
  return {
    state,
    stoppedBy: run.end && run.end.kind !== 'decided' ? run.end.kind : null,
    unit: run.workingUnit ? 'working_days' : 'calendar_days',
    startMs: run.startMs,
    startDate: fromDayNumber(run.startDay),
    fullyInformedOnReceipt: run.fullyInformedOnReceipt,
    goalDeadlineDate: fromDayNumber(run.goalDeadline),
    deadlineDate: fromDayNumber(deadline),
    deadlineMs,
    breachDate: isOpen ? fromDayNumber(deadline + 1) : null,
    breachMs: isOpen ? deadlineMs + 1 : null,
    decisionMs: run.end?.kind === 'decided' ? run.end.ms : null,
    decisionDate: run.end?.kind === 'decided' ? fromDayNumber(run.end.day) : null,
    pauses: pausesOut(run, openCal, openWork),
    extensions: run.extensions,
    elapsedCalendarDays: elapsedCal,
    elapsedWorkingDays: elapsedWork,
    remainingCalendarDays: remainingCal,
    remainingWorkingDays: remainingWork,
    budgetDays: budget,
    shareUsed,
    warnings,
    anomalies: run.anomalies,
  };
}

function stateOf(run: ClockRun, nowMs: number, deadline: number, deadlineMs: number): ClockState {
  if (run.end) {
    if (run.end.kind !== 'decided') return 'stopped';
    return run.end.day <= deadline ? 'met' : 'breached';
  }
  if (nowMs > deadlineMs) return 'breached';
  return run.openPause ? 'paused' : 'running';
}

function pausesOut(run: ClockRun, openCal: number, openWork: number): ClockPause[] {
  const out = run.pauses.map((p) => pauseOut(p, run.workingUnit ? p.workingDays : p.calendarDays));
  if (run.openPause) out.push(pauseOut(run.openPause, run.workingUnit ? openWork : openCal));
  return out;
}

function pauseOut(p: PauseDays, days: number): ClockPause {
  return {
    reason: p.reason,
    fromMs: p.fromMs,
    toMs: p.toMs,
    fromDate: fromDayNumber(p.fromDay),
    toDate: p.toDay === null ? null : fromDayNumber(p.toDay),
    days,
  };
}

function notStarted(run: ClockRun, anomalies: ClockAnomaly[]): ClockResult {
  let state: ClockState = 'not_started';
  if (run.end?.kind === 'decided') {
    // Decided before the clock could start (e.g. refused while never fully informed): the goal was not missed.
    state = 'met';
    anomalies.push({ code: 'decided_before_start', index: -1, type: 'decided' });
  } else if (run.end) state = 'stopped';
  return {
    state,
    stoppedBy: run.end && run.end.kind !== 'decided' ? run.end.kind : null,
    unit: run.workingUnit ? 'working_days' : 'calendar_days',
    startMs: null,
    startDate: null,
    fullyInformedOnReceipt: run.fullyInformedOnReceipt,
    goalDeadlineDate: null,
    deadlineDate: null,
    deadlineMs: null,
    breachDate: null,
    breachMs: null,
    decisionMs: run.end?.kind === 'decided' ? run.end.ms : null,
    decisionDate: run.end?.kind === 'decided' ? fromDayNumber(run.end.day) : null,
    pauses: [],
    extensions: run.extensions,
    elapsedCalendarDays: 0,
    elapsedWorkingDays: 0,
    remainingCalendarDays: 0,
    remainingWorkingDays: 0,
    budgetDays: 0,
    shareUsed: 0,
    warnings: [],
    anomalies,
  };
}

/**
 * One pass over a case's events: the state machine behind computeClock. Dates are day numbers here.
 *
 * Rules (the README's "Service-goal clock" section spells them out):
 * - the clock starts on receipt, or when the case becomes fully informed (receipt, if the first screening says
 *   fully informed; else the first later screening or information_received that makes it so);
 * - while awaiting the applicant (information_requested → information_received) the clock is paused, if the goal
 *   says so; a pause from local day P0 to P1 moves the deadline by P1 - P0 calendar days (working-day goals: the
 *   working days in (P0, P1]); a pause or extension that begins after the current deadline does not count;
 * - a reopened case resumes its clock; the time between its end and the reopening is a pause.
 */
import type { BusinessCalendar } from './business-calendar.js';
import type { AnomalyCode, ClockAnomaly, NormalisedEvent } from './clock-events.js';
import { addDurationToDay, isDuration } from './duration.js';
import { fromDayNumber } from './local-date.js';
import type { ClockExtension, ServiceGoal } from './service-goal.js';

export interface PauseDays {
  reason: 'awaiting_applicant' | 'reopened';
  fromMs: number;
  fromDay: number;
  toMs: number | null;
  toDay: number | null;
  calendarDays: number;
  workingDays: number;
}

export class ClockRun {
  received = false;
  receivedMs = 0;
  fullyInformed = false;
  fullyInformedOnReceipt: boolean | null = null;
  startMs: number | null = null;
  startDay = 0;
  goalDeadline = 0;
  /** Goal deadline plus applied extensions, before pauses. */
  extendedDeadline = 0;
  private capDay = Infinity;
  awaiting = false;
  openPause: PauseDays | null = null;
  readonly pauses: PauseDays[] = [];
  pausedCalendar = 0;
  pausedWorking = 0;
  end: { kind: 'decided' | 'withdrawn' | 'closed'; ms: number; day: number } | null = null;
  readonly extensions: ClockExtension[] = [];
  readonly workingUnit: boolean;
  private readonly roll: boolean;

  constructor(
    readonly goal: ServiceGoal,
    readonly calendar: BusinessCalendar,
    readonly anomalies: ClockAnomaly[],
  ) {
    this.workingUnit = goal.duration.unit === 'working_days';
    this.roll = goal.rollForwardToWorkingDay !== false;
  }

  private flag(code: AnomalyCode, e: NormalisedEvent): void {
    this.anomalies.push({ code, index: e.index, type: e.type });
  }

  /** The deadline given the closed pauses plus `extraCal`/`extraWork` days of an open one. */
  deadline(extraCal = 0, extraWork = 0): number {
    if (this.workingUnit)
      return this.calendar.addWorkingDaysToNumber(this.extendedDeadline, this.pausedWorking + extraWork);
    const day = this.extendedDeadline + this.pausedCalendar + extraCal;
    return this.roll ? this.calendar.rollForward(day) : day;
  }

  apply(e: NormalisedEvent): void {
    if (e.type === 'received') return this.onReceived(e);
    if (!this.received) return this.flag('event_before_received', e);
    if (this.end) return this.onAfterEnd(e);
    switch (e.type) {
      case 'screened':
        return this.onScreened(e);
      case 'information_requested':
        return this.onRequested(e);
      case 'information_received':
        return this.onInformation(e);
      case 'extended':
        return this.onExtended(e);
      case 'decided':
      case 'withdrawn':
      case 'closed':
        return this.onEnd(e, e.type);
      case 'reopened':
        return this.flag('reopened_while_open', e);
    }
  }

  private onReceived(e: NormalisedEvent): void {
    if (this.received) return this.flag('duplicate_received', e);
    this.received = true;
    this.receivedMs = e.ms;
    if (this.goal.clockStart === 'on_receipt') this.start(e.ms);
  }

  private onScreened(e: NormalisedEvent): void {
    const verdict = e.event.fullyInformed === true;
    if (this.fullyInformedOnReceipt === null) {
      this.fullyInformedOnReceipt = verdict;
      // Fully informed on receipt: the clock counts from receipt, not from the screening.
      if (verdict) return this.becomeFullyInformed(this.receivedMs);
    } else if (this.fullyInformed) return this.flag('duplicate_screening', e);
    if (verdict) this.becomeFullyInformed(e.ms);
  }

  private becomeFullyInformed(ms: number): void {
    if (this.fullyInformed) return;
    this.fullyInformed = true;
    if (this.goal.clockStart === 'when_fully_informed') this.start(ms);
  }

  private start(ms: number): void {
    this.startMs = ms;
    this.startDay = this.calendar.zone.dayOf(ms);
    this.goalDeadline = addDurationToDay(this.calendar, this.startDay, this.goal.duration);
    this.extendedDeadline = this.goalDeadline;
    if (this.goal.maxExtension && isDuration(this.goal.maxExtension)) {
      this.capDay = addDurationToDay(this.calendar, this.goalDeadline, this.goal.maxExtension);
    }
    if (this.awaiting) this.openPauseAt(ms, 'awaiting_applicant', null);
  }

  private onRequested(e: NormalisedEvent): void {
    if (this.awaiting) return this.flag('duplicate_information_request', e);
    this.awaiting = true;
    if (this.startMs !== null) this.openPauseAt(e.ms, 'awaiting_applicant', e);
  }

  private openPauseAt(ms: number, reason: PauseDays['reason'], e: NormalisedEvent | null): void {
    if (reason === 'awaiting_applicant' && !this.goal.pauseWhileAwaitingApplicant) return;
    const day = this.calendar.zone.dayOf(ms);
    if (day > this.deadline()) {
      if (e) this.flag('pause_after_deadline', e);
      return;
    }
    this.openPause = { reason, fromMs: ms, fromDay: day, toMs: null, toDay: null, calendarDays: 0, workingDays: 0 };
  }

  /** Ends the open pause at an instant and adds its days to the totals. */
  closePause(ms: number): void {
    const p = this.openPause;
    if (!p) return;
    p.toMs = ms;
    p.toDay = this.calendar.zone.dayOf(ms);
    p.calendarDays = p.toDay - p.fromDay;
    p.workingDays = this.calendar.workingDaysBetweenNumbers(p.fromDay, p.toDay);
    this.pausedCalendar += p.calendarDays;
    this.pausedWorking += p.workingDays;
    this.pauses.push(p);
    this.openPause = null;
  }

  private onInformation(e: NormalisedEvent): void {
    if (!this.awaiting) return this.flag('information_received_without_request', e);
    this.awaiting = false;
    this.closePause(e.ms);
    if (e.event.fullyInformed !== false) this.becomeFullyInformed(e.ms);
  }

  private onExtended(e: NormalisedEvent): void {
    const by = e.event.by;
    const ext: ClockExtension = {
      atMs: e.ms,
      date: fromDayNumber(this.calendar.zone.dayOf(e.ms)),
      by,
      reason: typeof e.event.reason === 'string' ? e.event.reason : null,
      applied: false,
      capped: false,
    };
    this.extensions.push(ext);
    if (!isDuration(by)) return this.flag('invalid_extension', e);
    if (this.startMs === null) return this.flag('extension_before_start', e);
    if (this.calendar.zone.dayOf(e.ms) > this.deadline()) return this.flag('extension_after_deadline', e);
    let next = addDurationToDay(this.calendar, this.extendedDeadline, by);
    if (next > this.capDay) {
      next = Math.max(this.extendedDeadline, this.capDay);
      ext.capped = true;
      this.flag('extension_capped', e);
    }
    ext.applied = next > this.extendedDeadline || by.amount === 0;
    this.extendedDeadline = next;
  }

  private onEnd(e: NormalisedEvent, kind: 'decided' | 'withdrawn' | 'closed'): void {
    this.closePause(e.ms);
    this.awaiting = false;
    this.end = { kind, ms: e.ms, day: this.calendar.zone.dayOf(e.ms) };
  }

  private onAfterEnd(e: NormalisedEvent): void {
    if (e.type === 'closed') return; // closing a decided or withdrawn case leaves the clock where it stopped
    if (e.type === 'decided')
      return this.flag(this.end?.kind === 'decided' ? 'duplicate_decision' : 'event_after_end', e);
    if (e.type !== 'reopened') return this.flag('event_after_end', e);
    const endMs = this.end?.ms ?? e.ms;
    this.end = null;
    if (this.startMs === null) return;
    this.openPauseAt(endMs, 'reopened', null);
    this.closePause(e.ms);
  }
}

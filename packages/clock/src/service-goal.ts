/** Service-goal definitions and the clock's result shape. */
import type { ClockAnomaly } from './clock-events.js';
import type { Duration } from './duration.js';
import type { IsoDate } from './local-date.js';

export interface ServiceGoal {
  duration: Duration;
  /** The share of cases that should meet the goal, e.g. 0.97. */
  targetShare: number;
  /** 'on_receipt': the clock starts when the case is received; 'when_fully_informed': when it is fully informed. */
  clockStart: 'on_receipt' | 'when_fully_informed';
  /** Whether time spent waiting for the applicant's information stops the clock. */
  pauseWhileAwaitingApplicant: boolean;
  /** The most all extensions together may add to the goal's own deadline; no cap when absent. */
  maxExtension?: Duration;
  /** Shares of the time budget at which warnings become active; default [0.75, 0.9]. */
  warnAt?: readonly number[];
  /**
   * For calendar-day, week and month goals: a deadline that falls on a closed day moves to the next working day
   * (the usual rule for deadlines in Danish administration). Default true. Working-day goals always end on one.
   */
  rollForwardToWorkingDay?: boolean;
}

export type ClockState = 'not_started' | 'running' | 'paused' | 'met' | 'breached' | 'stopped';

export interface ClockPause {
  reason: 'awaiting_applicant' | 'reopened';
  fromMs: number;
  /** null while the pause is still open. */
  toMs: number | null;
  fromDate: IsoDate;
  toDate: IsoDate | null;
  /** Days the pause moved the deadline, in the clock's unit (open pauses: up to now). */
  days: number;
}

export interface ClockExtension {
  atMs: number;
  date: IsoDate;
  by: unknown;
  reason: string | null;
  /** Whether it moved the deadline (extensions after the deadline or malformed ones do not). */
  applied: boolean;
  /** Whether maxExtension cut it short. */
  capped: boolean;
}

export interface ClockResult {
  state: ClockState;
  /** Why a case without a decision stopped: 'withdrawn' or 'closed'; null otherwise. */
  stoppedBy: 'withdrawn' | 'closed' | null;
  /** The unit elapsed/remaining/budget are measured in: working days for working-day goals, else calendar days. */
  unit: 'calendar_days' | 'working_days';
  startMs: number | null;
  startDate: IsoDate | null;
  /** The first screening's verdict; null when the case has not been screened. */
  fullyInformedOnReceipt: boolean | null;
  /** The deadline from the goal alone, before extensions and pauses. */
  goalDeadlineDate: IsoDate | null;
  deadlineDate: IsoDate | null;
  /** The last millisecond of the deadline day in the calendar's time zone. */
  deadlineMs: number | null;
  /** The first day on which the case is breached unless decided (assuming an open pause ends now). */
  breachDate: IsoDate | null;
  breachMs: number | null;
  decisionMs: number | null;
  decisionDate: IsoDate | null;
  pauses: ClockPause[];
  extensions: ClockExtension[];
  /** Clock time used and left, both in calendar days and working days; paused days are not "used". */
  elapsedCalendarDays: number;
  elapsedWorkingDays: number;
  remainingCalendarDays: number;
  remainingWorkingDays: number;
  /** The time budget in the clock's unit: elapsed + remaining (goal + extensions, + roll-forward to a working day). */
  budgetDays: number;
  /** elapsed / budget in the clock's unit; above 1 once past the deadline. */
  shareUsed: number;
  /** The warnAt thresholds that shareUsed has reached, for cases still open. */
  warnings: number[];
  anomalies: ClockAnomaly[];
}

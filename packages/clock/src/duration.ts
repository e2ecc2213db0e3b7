/** Durations of service goals and extensions, and how they are added to a local date. */
import type { BusinessCalendar } from './business-calendar.js';
import { addMonthsToDay } from './local-date.js';

export type DurationUnit = 'calendar_days' | 'working_days' | 'weeks' | 'months';

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

const UNITS: ReadonlySet<string> = new Set(['calendar_days', 'working_days', 'weeks', 'months']);

/** Whether a value is a usable duration: a known unit and a finite, non-negative whole amount. */
export function isDuration(value: unknown): value is Duration {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  return typeof d.amount === 'number' && Number.isInteger(d.amount) && d.amount >= 0 && UNITS.has(d.unit as string);
}

/**
 * A day number plus a duration: calendar days and weeks add 7-day weeks, months use the end-of-month clamp
 * (addCalendarMonths), working days count only working days after the date (the date itself is day 0).
 */
export function addDurationToDay(calendar: BusinessCalendar, dayNumber: number, duration: Duration): number {
  switch (duration.unit) {
    case 'calendar_days':
      return dayNumber + duration.amount;
    case 'weeks':
      return dayNumber + 7 * duration.amount;
    case 'months':
      return addMonthsToDay(dayNumber, duration.amount);
    case 'working_days':
      return duration.amount === 0 ? dayNumber : calendar.addWorkingDaysToNumber(dayNumber, duration.amount);
  }
}

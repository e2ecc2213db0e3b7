// Public face of @sagsgang/clock: business calendars, the service-goal clock, forecasts and compliance figures.
export {
  addCalendarDays, addCalendarMonths, addCalendarWeeks, calendarDaysBetween, fromDayNumber, isIsoDate, toDayNumber,
  weekdayOf, type IsoDate,
} from './local-date.js';
export { endOfLocalDay, localDateOf, startOfLocalDay, timeZone, type TimeZone } from './time-zone.js';
export {
  BusinessCalendar, DK_CUSTOMARY_CLOSED_OBSERVANCES, addWorkingDays, createBusinessCalendar, isWorkingDay,
  workingDaysBetween, type CalendarOptions,
} from './business-calendar.js';
export { addDurationToDay, isDuration, type Duration, type DurationUnit } from './duration.js';
export {
  instantMs, type AnomalyCode, type ClockAnomaly, type ClockEventInput, type ClockEventType, type Instant,
  type KnownClockEvent,
} from './clock-events.js';
export type { ClockExtension, ClockPause, ClockResult, ClockState, ServiceGoal } from './service-goal.js';
export { computeClock, type ComputeClockInput } from './service-goal-clock.js';

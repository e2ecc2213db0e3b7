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

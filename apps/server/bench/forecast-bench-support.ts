export { addCalendarDays, backtestForecast, calendarDaysBetween } from '@sagsgang/clock';

/** The as-of points are drawn reproducibly and independently of the outcomes. */
export { mulberry32 as createRng } from '../test/support/seeded-random.js';

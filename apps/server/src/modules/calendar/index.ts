/** The authority's working-day calendar: public holidays and the closure days an administrator adds. */
export { calendarRoutes } from './calendar.routes.js';
export { loadAuthorityCalendar, authorityCalendar } from './authority-calendar.js';
export { CLOCK_RECOMPUTE_JOB, type ClockRecomputePayload } from './closure-days.service.js';

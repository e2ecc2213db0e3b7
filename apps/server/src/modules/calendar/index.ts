import type { ModuleDescriptor } from '../../platform/context.js';
import { calendarRoutes } from './calendar.routes.js';

/** The authority's working-day calendar: public holidays and the closure days an administrator adds. */
export const calendarModule: ModuleDescriptor = { name: 'calendar', routes: calendarRoutes };

export { loadAuthorityCalendar } from './authority-calendar.js';
export { CLOCK_RECOMPUTE_JOB, type ClockRecomputePayload } from './closure-days.service.js';

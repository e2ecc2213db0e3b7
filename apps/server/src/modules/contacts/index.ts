import type { ModuleDescriptor } from '../../platform/context.js';
import { contactsRoutes } from './contacts.routes.js';
import { contactsPortalRoutes } from './contacts-portal.routes.js';
import { contactsJobs } from './contacts.jobs.js';
import { channelShift, firstContactResolution } from './figures.service.js';

/**
 * Citizen service across channels: inquiries and their results, forwarded tasks, the telephone charter per topic,
 * opening hours, bookings in staff calendars, and the figures of it all.
 */
export const contactsModule: ModuleDescriptor = {
  name: 'contacts',
  routes: (ctx) => async (app) => {
    await app.register(contactsRoutes(ctx));
    await app.register(contactsPortalRoutes(ctx));
  },
  jobs: contactsJobs,
  indicators: [firstContactResolution, channelShift],
};

export {
  importInquiryHistory,
  importBookingHistory,
  type ImportedInquiry,
  type ImportedBooking,
} from './import-history.js';
export { saveTopic } from './topics.service.js';
export { setupCitizenService, type CitizenServiceSetup } from './setup.service.js';
export { BOOKING_MAIL_JOB } from './bookings.service.js';

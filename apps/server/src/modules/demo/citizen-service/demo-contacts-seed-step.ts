import { addCalendarDays, localDateOf } from '@sagsgang/clock';
import { setupCitizenService } from '../../contacts/index.js';
import type { DemoSeedStep } from '../demo-seed.types.js';
import { DEMO_APPOINTMENT_TYPES, DEMO_AVAILABILITY, demoHours, demoTopics } from './demo-citizen-service.js';
import { generateDemoContacts } from './demo-contacts-history.js';

/**
 * About 40 inquiries a working day (some 21,000 over the two years) beside the default 20,000 cases of history; the
 * history's size setting (SAGSGANG_DEMO_CASES) scales both, so a small demo stays small.
 */
const INQUIRIES_PER_DAY = 40;
const PER_DEFAULT_CASES = 20_000;

/**
 * Citizen service in the demo: its topics and telephone charter, opening hours, appointment types and the staff's
 * bookable hours, and two years of inquiries and bookings, so the figures are alive on first start.
 */
export const seedCitizenService: DemoSeedStep = {
  name: 'citizen service: charter, hours, bookings and two years of inquiries',
  async run(trx, state, ctx, log) {
    const u = state.units;
    if (!u['borgerservice']) return;
    const today = localDateOf(new Date());
    const scale = ctx.config.demoCases / PER_DEFAULT_CASES;
    const staffTypes = DEMO_APPOINTMENT_TYPES.filter((t) => state.users[t.staff] && u[t.unit]);
    const ids = await setupCitizenService(trx, {
      topics: demoTopics(u),
      hours: demoHours(),
      exceptions: [
        {
          site: 'Rådhuset',
          channel: 'counter',
          day: addCalendarDays(today, 12),
          opensMin: 10 * 60,
          closesMin: 13 * 60,
          reason: 'Ekstra åbent: pas før ferien',
        },
      ],
      appointmentTypes: staffTypes.map((t) => ({
        code: t.code,
        name: t.name,
        topicCode: t.topicCode,
        unitId: u[t.unit],
        durationMin: t.durationMin,
        channel: t.channel,
      })),
      availability: staffTypes.flatMap((t) =>
        DEMO_AVAILABILITY[t.staff].map(([weekday, from, to]) => ({
          userId: state.users[t.staff],
          weekday,
          startsMin: from * 60,
          endsMin: to * 60,
        })),
      ),
      absences: state.users['byggesag']
        ? [
            {
              userId: state.users['byggesag'],
              fromDay: addCalendarDays(today, 20),
              toDay: addCalendarDays(today, 24),
              reason: 'Ferie',
            },
          ]
        : [],
    });
    const r = await generateDemoContacts(trx, {
      units: u,
      citizens: ['borger', 'borger2'].map((x) => state.users[x]).filter(Boolean),
      perDay: INQUIRIES_PER_DAY * scale,
      bookedShare: 0.45 * Math.min(1, scale),
      today,
      appointmentTypes: staffTypes.map((t) => ({
        id: ids.get(t.code)!,
        durationMin: t.durationMin,
        staffId: state.users[t.staff],
        availability: DEMO_AVAILABILITY[t.staff],
      })),
    });
    log.info(`Demo seed: ${r.inquiries} inquiries and ${r.bookings} bookings in ${(r.millis / 1000).toFixed(1)} s`);
  },
};

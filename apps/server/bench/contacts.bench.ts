/**
 * Citizen service's figures: the demo history's seed time, inquiry registration throughput, the figures query over a
 * million inquiries, and fifty clients booking one time at once.
 *
 *   npx tsx --conditions=sagsgang-source bench/contacts.bench.ts                 # PGlite
 *   DATABASE_URL=postgres://… npx tsx --conditions=sagsgang-source bench/contacts.bench.ts   # and PostgreSQL
 *
 * BENCH_CONTACTS_ROWS sets the size of the figures table (default 1,000,000; on PostgreSQL only).
 */
import { sql } from 'kysely';
import { addCalendarDays, createBusinessCalendar, localDateOf } from '@sagsgang/clock';
import { benchDatabase, timeIt } from './bench-support.js';
import {
  makeApplicantUser,
  makeStaffUser,
  makeUnit,
  principalFor,
  applicantPrincipal,
} from '../test/support/case-factories.js';
import { generateDemoContacts } from '../src/modules/demo/citizen-service/demo-contacts-history.js';
import { setupCitizenService } from '../src/modules/contacts/index.js';
import { registerInquiry } from '../src/modules/contacts/inquiries.service.js';
import { contactFigures } from '../src/modules/contacts/figures.service.js';
import { bookAppointment, freeSlots } from '../src/modules/contacts/bookings.service.js';
import type { Database } from '../src/platform/db/database.js';

const engines: ('pglite' | 'postgres')[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
const ROWS = Number(process.env.BENCH_CONTACTS_ROWS ?? 1_000_000);

async function world(database: Database) {
  const db = database.db;
  const root = await makeUnit(db, null, 'authority');
  const names = [
    'borgerservice',
    'bs-skranke',
    'bs-kontaktcenter',
    'udl-familie',
    'udl-erhverv',
    'cbi-ydelser',
    'cbm-byggesag',
    'cbi-integration',
  ];
  const units: Record<string, string> = {};
  for (const n of names) units[n] = (await makeUnit(db, root.id)).id;
  const frontId = await makeStaffUser(db, 'Front');
  const front = await principalFor(db, frontId, [{ role: 'frontline', unitId: units['bs-kontaktcenter'] }]);
  const workerId = await makeStaffUser(db, 'Worker');
  await principalFor(db, workerId, [{ role: 'caseworker', unitId: units['udl-familie'] }]);
  await sql`INSERT INTO role_grant (user_id, role, unit_id) VALUES (${workerId}, 'caseworker', ${units['udl-familie']})`.execute(
    db,
  );
  return { units, front, workerId, rootId: root.id };
}

async function seedTime(database: Database, units: Record<string, string>, workerId: string) {
  const ids = await setupCitizenService(database.db, {
    topics: [
      {
        code: '05.02.00',
        name: { da: 'Pas', en: 'Passports' },
        unitId: null,
        canResolve: { da: '', en: '' },
        mustForward: { da: '', en: '' },
        answers: [],
      },
    ],
    hours: [],
    exceptions: [],
    appointmentTypes: [
      {
        code: `m-${Date.now()}`,
        name: { da: 'Møde', en: 'Meeting' },
        topicCode: '05.02.00',
        unitId: units['udl-familie'],
        durationMin: 30,
        channel: 'video',
      },
    ],
    availability: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      userId: workerId,
      weekday,
      startsMin: 9 * 60,
      endsMin: 12 * 60,
    })),
    absences: [],
  });
  const typeId = [...ids.values()][0];
  const r = await generateDemoContacts(database.db, {
    units,
    citizens: [],
    perDay: 40,
    bookedShare: 0.45,
    appointmentTypes: [
      {
        id: typeId,
        durationMin: 30,
        staffId: workerId,
        availability: [
          [1, 9, 12],
          [2, 9, 12],
          [3, 9, 12],
          [4, 9, 12],
        ],
      },
    ],
  });
  return { ...r, typeId };
}

for (const engine of engines) {
  const database = await benchDatabase(engine);
  const w = await world(database);
  const seed = await seedTime(database, w.units, w.workerId);
  console.log(
    `[${engine}] demo history: ${seed.inquiries} inquiries, ${seed.bookings} bookings in ${(seed.millis / 1000).toFixed(2)} s`,
  );

  const n = 300;
  const t0 = performance.now();
  for (let i = 0; i < n; i++)
    await registerInquiry(database.db, w.front, {
      channel: 'phone',
      topicCode: '05.02.00',
      note: 'Spørger om pas',
      result: 'resolved',
    });
  const perSecond = n / ((performance.now() - t0) / 1000);
  console.log(`[${engine}] registration: ${n} inquiries one after another, ${perSecond.toFixed(0)} per second`);

  const today = localDateOf(new Date());
  const figures = await timeIt(5, () =>
    contactFigures(database.db, { unitIds: Object.values(w.units), from: addCalendarDays(today, -365), to: today }),
  );
  console.log(
    `[${engine}] figures over one year of the demo history: median ${figures.median} ms, p95 ${figures.p95} ms`,
  );

  // Fifty citizens race for the first free time of a working day ahead.
  const cal = createBusinessCalendar({ closeObservances: true });
  let day = addCalendarDays(today, 30);
  while (!cal.isWorkingDay(day)) day = addCalendarDays(day, 1);
  const [slot] = await freeSlots(database.db, { appointmentTypeId: seed.typeId, from: day, days: 1 });
  const citizens = await Promise.all(
    Array.from({ length: 50 }, (_, i) => makeApplicantUser(database.db, `Borger ${i}`)),
  );
  const t1 = performance.now();
  const results = await Promise.allSettled(
    citizens.map((id) =>
      bookAppointment(database.db, applicantPrincipal(id), {
        appointmentTypeId: seed.typeId,
        staffId: slot.staffId,
        startsAt: slot.startsAt,
      }),
    ),
  );
  const won = results.filter((r) => r.status === 'fulfilled').length;
  console.log(
    `[${engine}] 50 concurrent bookings of one time: ${won} won, ${50 - won} refused, in ${(performance.now() - t1).toFixed(0)} ms`,
  );

  if (engine === 'postgres') {
    const t2 = performance.now();
    const unitIds = Object.values(w.units);
    for (let start = 0; start < ROWS; start += 200_000) {
      await sql`
        INSERT INTO inquiry (received_at, channel, topic_code, unit_id, note, result, referred_to, forwarded_unit_id, due_date, answered_at, outside_hours)
        SELECT ts, (ARRAY['phone','counter','email','web_form','self_service','letter'])[1 + (h % 6)],
               (ARRAY['05.02.00','23.05.00','26.02.02','32.18.02','02.00.00'])[1 + (h / 7 % 5)],
               (${unitIds}::uuid[])[1 + (h / 3 % ${unitIds.length})], '',
               CASE WHEN h % 100 < 80 THEN 'resolved' WHEN h % 100 < 95 THEN 'forwarded' ELSE 'referred' END,
               CASE WHEN h % 100 >= 95 THEN 'Skattestyrelsen' END,
               CASE WHEN h % 100 BETWEEN 80 AND 94 THEN (${unitIds}::uuid[])[1] END,
               CASE WHEN h % 100 BETWEEN 80 AND 94 THEN (ts + interval '3 days')::date END,
               CASE WHEN h % 100 BETWEEN 80 AND 90 THEN ts + interval '1 day' END,
               h % 10 = 0
        FROM (SELECT now() - make_interval(secs => (g % (730 * 86400))::float8) AS ts, abs(hashint4(g)) AS h
              FROM generate_series(${start + 1}::int, ${Math.min(ROWS, start + 200_000)}::int) AS g) s`.execute(
        database.db,
      );
    }
    await sql`ANALYZE inquiry`.execute(database.db);
    const total = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM inquiry`.execute(database.db)).rows[0].n);
    console.log(
      `[${engine}] loaded ${ROWS} more inquiries in ${((performance.now() - t2) / 1000).toFixed(1)} s (${total} in all)`,
    );
    const big = await timeIt(5, () =>
      contactFigures(database.db, { unitIds, from: addCalendarDays(today, -365), to: today }),
    );
    console.log(`[${engine}] figures over one year of ${total} inquiries: median ${big.median} ms, p95 ${big.p95} ms`);
    const all = await timeIt(3, () =>
      contactFigures(database.db, { unitIds, from: addCalendarDays(today, -730), to: today }),
    );
    console.log(
      `[${engine}] figures over two years (all ${total} inquiries): median ${all.median} ms, p95 ${all.p95} ms`,
    );
  }
  await database.close();
}

import { describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { createBusinessCalendar, localDateOf, addCalendarDays } from '@sagsgang/clock';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, sessionFor } from '../../../test/support/test-auth.js';
import { definitionFor } from '../../../test/support/case-factories.js';
import { loadConfig } from '../../platform/config.js';
import { JobRunner } from '../../platform/jobs/index.js';
import { createAppContext } from '../../composition.js';
import type { Database } from '../../platform/db/database.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const drainJobs = (database: Database) =>
  new JobRunner({
    ctx: createAppContext({ config: loadConfig({ ...process.env, DATABASE_URL: '' }, { seedDemo: false }), database }),
    log: silent,
    pollMs: 10,
  }).drain();

/** The first working day (in the default calendar) on or after a date. */
function workingDayFrom(date: string): string {
  const cal = createBusinessCalendar({ closeObservances: true });
  let d = date;
  while (!cal.isWorkingDay(d)) d = addCalendarDays(d, 1);
  return d;
}

for (const engine of ENGINES) {
  describe(`authority calendar [${engine}]`, () => {
    const t = useTestApp(engine);

    async function world() {
      const db = t().database.db;
      const units = await createUnitTree(db);
      const admin = await createUser(db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const worker = await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamA1 }] });
      const applicant = await createUser(db, { kind: 'applicant' });
      const s = (id: string) => sessionFor(t().app, db, id);
      return { db, units, admin: await s(admin.id), worker: await s(worker.id), applicantId: applicant.id };
    }

    test("closure days stop every unit's clocks: an admin of one centre may not add or remove them (audited)", async () => {
      const w = await world();
      const centreAdmin = await sessionFor(
        t().app,
        w.db,
        (await createUser(w.db, { grants: [{ role: 'admin', unitId: w.units.centreA }] })).id,
      );
      const year = new Date().getUTCFullYear() + 1;
      const day = workingDayFrom(`${year}-04-06`);
      const refused = await centreAdmin.inject({
        method: 'POST',
        url: '/api/calendar/closures',
        payload: { day, reason: 'Teamdag' },
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toContain('whole authority');
      const denied = await w.db
        .selectFrom('audit_log')
        .select('action')
        .where('request_id', '=', refused.json().requestId)
        .executeTakeFirst();
      expect(denied?.action).toBe('denied');
      expect((await w.worker.inject({ method: 'GET', url: `/api/calendar/${year}` })).json()).toMatchObject({
        closures: [],
        canChange: false,
      });
      expect((await centreAdmin.inject({ method: 'GET', url: `/api/calendar/${year}` })).json().canChange).toBe(false);
      expect((await w.admin.inject({ method: 'GET', url: `/api/calendar/${year}` })).json().canChange).toBe(true);

      expect(
        (await w.admin.inject({ method: 'POST', url: '/api/calendar/closures', payload: { day, reason: 'Flytning' } }))
          .statusCode,
      ).toBe(201);
      expect((await centreAdmin.inject({ method: 'DELETE', url: `/api/calendar/closures/${day}` })).statusCode).toBe(
        403,
      );
      expect((await w.admin.inject({ method: 'DELETE', url: `/api/calendar/closures/${day}` })).statusCode).toBe(200);
    });

    test('an admin adds and removes closure days; others may not; bad days are refused naming the field', async () => {
      const w = await world();
      const year = new Date().getUTCFullYear() + 1;
      const day = workingDayFrom(`${year}-03-02`);
      const before = (await w.worker.inject({ method: 'GET', url: `/api/calendar/${year}` })).json();
      expect(before.closures).toEqual([]);
      expect(before.holidays).toContainEqual({ day: `${year}-12-25`, name: 'Juledag', nameEn: 'Christmas Day' });

      expect(
        (await w.worker.inject({ method: 'POST', url: '/api/calendar/closures', payload: { day, reason: 'Flytning' } }))
          .statusCode,
      ).toBe(403);
      const added = await w.admin.inject({
        method: 'POST',
        url: '/api/calendar/closures',
        payload: { day, reason: 'Flytning af rådhuset' },
      });
      expect(added.statusCode, added.body).toBe(201);
      expect(added.json().recomputeJobId).toBeGreaterThan(0);
      const after = (await w.worker.inject({ method: 'GET', url: `/api/calendar/${year}` })).json();
      expect(after.closures).toMatchObject([{ day, reason: 'Flytning af rådhuset' }]);
      expect(after.workingDays).toBe(before.workingDays - 1);

      const again = await w.admin.inject({
        method: 'POST',
        url: '/api/calendar/closures',
        payload: { day, reason: 'igen' },
      });
      expect(again.statusCode).toBe(409); // already a closure day: a conflict, not a bad day
      expect(again.json().error.details).toEqual([{ path: '/day', message: 'already a closure day' }]);
      const christmas = await w.admin.inject({
        method: 'POST',
        url: '/api/calendar/closures',
        payload: { day: `${year}-12-25`, reason: 'x' },
      });
      expect(christmas.statusCode).toBe(400);
      expect(christmas.json().error.message).toContain('day');
      expect(christmas.json().error.details[0].path).toBe('/day');
      const saturday = addCalendarDays(`${year}-01-01`, (6 - new Date(`${year}-01-01T12:00:00Z`).getUTCDay() + 7) % 7);
      const weekend = await w.admin.inject({
        method: 'POST',
        url: '/api/calendar/closures',
        payload: { day: saturday, reason: 'x' },
      });
      expect(weekend.statusCode, saturday).toBe(400);
      expect(weekend.json().error.message).toContain('weekend');
      for (const bad of [
        { day: `${year}-02-30`, reason: 'x' },
        { day: 'tomorrow', reason: 'x' },
        { day, reason: '' },
        { day: '2090-01-02', reason: 'x' },
      ]) {
        const res = await w.admin.inject({ method: 'POST', url: '/api/calendar/closures', payload: bad });
        expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      }
      expect((await w.worker.inject({ method: 'DELETE', url: `/api/calendar/closures/${day}` })).statusCode).toBe(403);
      expect((await w.admin.inject({ method: 'DELETE', url: `/api/calendar/closures/${day}` })).statusCode).toBe(200);
      expect((await w.admin.inject({ method: 'DELETE', url: `/api/calendar/closures/${day}` })).statusCode).toBe(404);
      const audit = await sql<{
        action: string;
      }>`SELECT action FROM audit_log WHERE entity_type = 'calendar_closure' AND entity_id = ${day} ORDER BY id`.execute(
        w.db,
      );
      expect(audit.rows.map((r) => r.action)).toEqual(['create', 'delete']);
    });

    test('a closure day inside a running clock moves its deadline by one working day, recomputed from the events', async () => {
      const w = await world();
      const base = definitionFor(w.units.codes.teamA1, 'cash-benefit');
      const definition = {
        ...base,
        serviceGoal: {
          ...base.serviceGoal,
          duration: { amount: 10, unit: 'working_days' as const },
          clockStart: 'on_receipt' as const,
        },
      };
      expect((await w.admin.inject({ method: 'POST', url: '/api/case-types', payload: definition })).statusCode).toBe(
        201,
      );
      const opened = await w.worker.inject({
        method: 'POST',
        url: '/api/cases',
        payload: {
          caseTypeCode: definition.code,
          channel: 'digital',
          applicant: { userId: w.applicantId, name: 'Amira Hansen' },
        },
      });
      expect(opened.statusCode, opened.body).toBe(201);
      const caseId = opened.json().id as string;
      const deadline = async () =>
        (await w.worker.inject({ method: 'GET', url: `/api/cases/${caseId}` })).json().clock.deadlineDate as string;
      const old = await deadline();
      await drainJobs(t().database); // recomputations queued by earlier tests touch every open case
      const closure = workingDayFrom(addCalendarDays(localDateOf(new Date()), 2));
      expect(closure < old).toBe(true);

      const added = await w.admin.inject({
        method: 'POST',
        url: '/api/calendar/closures',
        payload: { day: closure, reason: 'Personaledag' },
      });
      expect(added.statusCode, added.body).toBe(201);
      expect(await deadline()).toBe(old); // derived rows change when the recomputation runs, not before
      expect(await drainJobs(t().database)).toBeGreaterThanOrEqual(1);
      const moved = await deadline();
      expect(moved).toBe(
        createBusinessCalendar({ closeObservances: true, extraClosedDays: [closure] }).addWorkingDays(old, 1),
      );
      const job = await sql<{ state: string; result: { cases: number; moved: number } }>`
        SELECT status AS state, result FROM job WHERE id = ${added.json().recomputeJobId}`.execute(w.db);
      expect(job.rows[0].state).toBe('done');
      expect(job.rows[0].result.moved).toBeGreaterThanOrEqual(1);

      // Opening again on that day gives the old deadline back.
      expect((await w.admin.inject({ method: 'DELETE', url: `/api/calendar/closures/${closure}` })).statusCode).toBe(
        200,
      );
      await drainJobs(t().database);
      expect(await deadline()).toBe(old);
    });
  });
}

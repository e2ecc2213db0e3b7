import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import ical from 'node-ical';
import { addCalendarDays, createBusinessCalendar, localDateOf } from '@sagsgang/clock';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, sessionFor } from '../../../test/support/test-auth.js';
import { startSmtpSink, type SmtpSink } from '../../../test/support/smtp-sink.js';
import { JobRunner } from '../../platform/jobs/index.js';
import { setupCitizenService } from './index.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The first working day at least two days ahead, so every time on it lies in the future. */
function workingDayAhead(): string {
  const cal = createBusinessCalendar({ closeObservances: true });
  let d = addCalendarDays(localDateOf(new Date()), 2);
  while (!cal.isWorkingDay(d)) d = addCalendarDays(d, 1);
  return d;
}

for (const engine of ENGINES) {
  describe(`bookings over HTTP [${engine}]`, () => {
    let sink: SmtpSink;
    beforeAll(async () => {
      sink = await startSmtpSink();
    });
    afterAll(async () => sink.close());
    const t = useTestApp(engine, () => ({
      smtp: { host: '127.0.0.1', port: sink.port, secure: false, from: 'noreply@kommune.example' },
      publicUrl: 'http://sager.example.dk',
    }));

    async function world() {
      const db = t().database.db;
      const units = await createUnitTree(db);
      const worker = await createUser(db, {
        displayName: 'Karin Sagsbehandler',
        grants: [{ role: 'caseworker', unitId: units.teamA1 }],
      });
      const front = await createUser(db, { grants: [{ role: 'frontline', unitId: units.teamB1 }] });
      const citizen = await createUser(db, { kind: 'applicant', displayName: 'Amira Hansen' });
      const other = await createUser(db, { kind: 'applicant' });
      await db.updateTable('app_user').set({ email: 'amira@example.dk' }).where('id', '=', citizen.id).execute();
      const code = `meeting-${Math.random().toString(36).slice(2, 8)}`;
      const ids = await setupCitizenService(db, {
        topics: [],
        hours: [],
        exceptions: [],
        appointmentTypes: [
          {
            code,
            name: { da: 'Samtale om familiesammenføring', en: 'Talk about family reunification' },
            topicCode: '05.12.00',
            unitId: units.teamA1,
            durationMin: 30,
            channel: 'in_person',
          },
        ],
        availability: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          userId: worker.id,
          weekday,
          startsMin: 8 * 60,
          endsMin: 12 * 60,
        })),
        absences: [],
      });
      const s = (id: string) => sessionFor(t().app, db, id);
      return {
        db,
        units,
        typeId: ids.get(code)!,
        ids: { worker: worker.id, citizen: citizen.id },
        worker: await s(worker.id),
        front: await s(front.id),
        citizen: await s(citizen.id),
        other: await s(other.id),
      };
    }

    const runner = () => new JobRunner({ ctx: t().ctx, log: quiet, pollMs: 10 });

    test('fifty clients book the same time at once: exactly one wins, the others get 409 and nothing of theirs is kept', async () => {
      const w = await world();
      const day = workingDayAhead();
      const slots = await w.citizen.inject({
        method: 'GET',
        url: `/api/contacts/slots?appointmentTypeId=${w.typeId}&from=${day}&days=1`,
      });
      expect(slots.statusCode, slots.body).toBe(200);
      const slot = slots.json()[0];
      expect(slot.staffId).toBe(w.ids.worker);
      const payload = {
        appointmentTypeId: w.typeId,
        staffId: slot.staffId,
        startsAt: slot.startsAt,
        citizenName: 'Borger',
      };
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => w.front.inject({ method: 'POST', url: '/api/contacts/bookings', payload })),
      );
      const statuses = answers.map((a) => a.statusCode);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(49);
      expect(answers.find((a) => a.statusCode === 409)!.json().error.message).toMatch(/just been booked/);
      const rows = await sql<{ n: string }>`SELECT count(*) AS n FROM booking WHERE staff_id = ${w.ids.worker}`.execute(
        w.db,
      );
      expect(Number(rows.rows[0].n)).toBe(1);
      // An overlapping booking of another length is refused by the same key: 15 minutes into the booked half hour.
      const overlap = await w.front.inject({
        method: 'POST',
        url: '/api/contacts/bookings',
        payload: { ...payload, startsAt: new Date(new Date(slot.startsAt).getTime() + 15 * 60_000).toISOString() },
      });
      expect(overlap.statusCode).toBe(409);
      const after = await w.citizen.inject({
        method: 'GET',
        url: `/api/contacts/slots?appointmentTypeId=${w.typeId}&from=${day}&days=1`,
      });
      expect(after.json().map((s: { startsAt: string }) => s.startsAt)).not.toContain(slot.startsAt);
    });

    test('bad times: past, off the quarter hour, outside working hours, too far ahead: refused, nothing stored', async () => {
      const w = await world();
      const day = workingDayAhead();
      const base = { appointmentTypeId: w.typeId, staffId: w.ids.worker };
      const at = (d: string, hh: number, mm = 0) => {
        const slotsDay = new Date(`${d}T00:00:00Z`);
        return new Date(slotsDay.getTime() + (hh * 60 + mm) * 60_000).toISOString();
      };
      const cases: [Record<string, unknown>, number][] = [
        [{ ...base, startsAt: new Date(Date.now() - 3_600_000).toISOString() }, 400],
        [{ ...base, startsAt: at(day, 9, 7) }, 400],
        [{ ...base, startsAt: at(day, 2) }, 409],
        [{ ...base, startsAt: at(addCalendarDays(day, 400), 9) }, 400],
        [{ ...base, staffId: w.ids.citizen, startsAt: at(day, 9) }, 400],
      ];
      for (const [payload, status] of cases) {
        const res = await w.citizen.inject({ method: 'POST', url: '/api/contacts/bookings', payload });
        expect(res.statusCode, JSON.stringify(payload) + res.body).toBe(status);
      }
      const rows = await sql<{ n: string }>`SELECT count(*) AS n FROM booking WHERE staff_id = ${w.ids.worker}`.execute(
        w.db,
      );
      expect(Number(rows.rows[0].n)).toBe(0);
    });

    test('a citizen books on the portal without scripts, gets the mail with a valid .ics, and the feed shows it until revoked', async () => {
      const w = await world();
      const html = { accept: 'text/html' };
      const form = { ...html, 'content-type': 'application/x-www-form-urlencoded' };
      const step1 = await w.citizen.inject({ method: 'GET', url: '/book', headers: html });
      expect(step1.body).toContain(`/book/${w.typeId}`);
      const day = workingDayAhead();
      const step2 = await w.citizen.inject({ method: 'GET', url: `/book/${w.typeId}?fra=${day}`, headers: html });
      expect(step2.statusCode).toBe(200);
      const value = /name="slot" value="([^"]+)"/.exec(step2.body)![1];
      const [staffId, startsAt] = value.split('|');
      const step3 = await w.citizen.inject({
        method: 'GET',
        url: `/book/${w.typeId}/bekraeft?slot=${encodeURIComponent(value)}`,
        headers: html,
      });
      expect(step3.statusCode).toBe(200);
      expect(step3.body).toContain('name="step" value="confirm"');
      // Nothing is booked before the confirmation.
      expect(await w.db.selectFrom('booking').select('id').where('staff_id', '=', staffId).execute()).toEqual([]);
      const badMail = await w.citizen.inject({
        method: 'POST',
        url: `/book/${w.typeId}`,
        headers: form,
        payload: new URLSearchParams({
          _csrf: w.citizen.csrfToken,
          slot: value,
          step: 'confirm',
          email: 'not-an-address',
        }).toString(),
      });
      expect(badMail.statusCode).toBe(400);
      const booked = await w.citizen.inject({
        method: 'POST',
        url: `/book/${w.typeId}`,
        headers: form,
        payload: new URLSearchParams({
          _csrf: w.citizen.csrfToken,
          slot: value,
          step: 'confirm',
          email: 'amira@example.dk',
        }).toString(),
      });
      expect(booked.statusCode, booked.body).toBe(303);
      expect(booked.headers.location).toBe('/mine-aftaler?booked=1');
      const bookings = (await w.citizen.inject({ method: 'GET', url: '/api/contacts/bookings' })).json();
      expect(bookings).toEqual([
        expect.objectContaining({ staffId, startsAt, status: 'booked', citizenName: 'Amira Hansen' }),
      ]);
      expect((await w.other.inject({ method: 'GET', url: '/api/contacts/bookings' })).json()).toEqual([]);

      const before = sink.received.length;
      await runner().drain();
      const [mail] = (await sink.waitFor(before + 1)).slice(before);
      expect(mail.to).toEqual(['amira@example.dk']);
      const attachment = mail.attachments.find((a) => a.filename.endsWith('.ics'));
      expect(attachment?.contentType).toBe('text/calendar');
      const parsed = Object.values(ical.sync.parseICS(attachment!.content)).filter((c) => c?.type === 'VEVENT');
      expect(parsed).toHaveLength(1);
      const event = parsed[0] as ical.VEvent;
      expect(new Date(event.start).toISOString()).toBe(startsAt);
      expect(event.uid).toBe(`booking-${bookings[0].id}@sager.example.dk`);

      const feed = await w.worker.inject({ method: 'POST', url: '/api/contacts/calendar-feed' });
      expect(feed.statusCode).toBe(201);
      const path = new URL(feed.json().url).pathname;
      const ics = await t().app.inject({ method: 'GET', url: path });
      expect(ics.statusCode).toBe(200);
      expect(ics.headers['content-type']).toContain('text/calendar');
      const events = Object.values(ical.sync.parseICS(ics.body)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
      expect(events.map((e) => e.uid)).toEqual([`booking-${bookings[0].id}@sager.example.dk`]);
      expect(String(events[0].summary)).toContain('Amira Hansen');
      // Another citizen cannot cancel it; the citizen can, and the time is free again.
      expect(
        (await w.other.inject({ method: 'POST', url: `/api/contacts/bookings/${bookings[0].id}/cancel` })).statusCode,
      ).toBe(404);
      const cancel = await w.citizen.inject({ method: 'POST', url: `/api/contacts/bookings/${bookings[0].id}/cancel` });
      expect(cancel.json().status).toBe('cancelled');
      const slots = await w.citizen.inject({
        method: 'GET',
        url: `/api/contacts/slots?appointmentTypeId=${w.typeId}&from=${day}&days=1`,
      });
      expect(slots.json().map((s: { startsAt: string }) => s.startsAt)).toContain(startsAt);
      const emptyFeed = await t().app.inject({ method: 'GET', url: path });
      expect(Object.values(ical.sync.parseICS(emptyFeed.body)).filter((c) => c?.type === 'VEVENT')).toEqual([]);
      // Revoked: the address answers 404, as does a made-up one.
      expect((await w.worker.inject({ method: 'DELETE', url: '/api/contacts/calendar-feed' })).statusCode).toBe(204);
      expect((await t().app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
      expect(
        (await t().app.inject({ method: 'GET', url: '/kalender/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics' })).statusCode,
      ).toBe(404);
    });

    test('rebooking moves the booking; a no-show is recorded only once the time has come', async () => {
      const w = await world();
      const day = workingDayAhead();
      const slots = (
        await w.citizen.inject({
          method: 'GET',
          url: `/api/contacts/slots?appointmentTypeId=${w.typeId}&from=${day}&days=1`,
        })
      ).json();
      const first = await w.front.inject({
        method: 'POST',
        url: '/api/contacts/bookings',
        payload: {
          appointmentTypeId: w.typeId,
          staffId: slots[0].staffId,
          startsAt: slots[0].startsAt,
          citizenName: 'Ole',
          citizenId: w.ids.citizen,
        },
      });
      expect(first.statusCode, first.body).toBe(201);
      const moved = await w.citizen.inject({
        method: 'POST',
        url: `/api/contacts/bookings/${first.json().id}/rebook`,
        payload: { startsAt: slots[1].startsAt },
      });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ startsAt: slots[1].startsAt, status: 'booked' });
      const old = await w.db
        .selectFrom('booking')
        .select('status')
        .where('id', '=', first.json().id)
        .executeTakeFirstOrThrow();
      expect(old.status).toBe('cancelled');
      const early = await w.worker.inject({
        method: 'POST',
        url: `/api/contacts/bookings/${moved.json().id}/outcome`,
        payload: { status: 'no_show' },
      });
      expect(early.statusCode).toBe(409);
      expect(
        (
          await w.citizen.inject({
            method: 'POST',
            url: `/api/contacts/bookings/${moved.json().id}/outcome`,
            payload: { status: 'no_show' },
          })
        ).statusCode,
      ).toBe(403);
    });
  });
}

import { describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { addCalendarDays, localDateOf } from '@sagsgang/clock';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, sessionFor } from '../../../test/support/test-auth.js';
import { definitionFor } from '../../../test/support/case-factories.js';
import { publishSurvey, SURVEY_TEMPLATES } from '../surveys/index.js';

const today = () => localDateOf(new Date());

for (const engine of ENGINES) {
  describe(`citizen-service inquiries over HTTP [${engine}]`, () => {
    const t = useTestApp(engine);

    async function world() {
      const db = t().database.db;
      const units = await createUnitTree(db);
      const admin = await createUser(db, { grants: [{ role: 'admin', unitId: units.authority }] });
      // Citizen service is centre B's team; the cases are handled in team A1.
      const front = await createUser(db, { grants: [{ role: 'frontline', unitId: units.teamB1 }] });
      const worker = await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamA1 }] });
      const outsider = await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamA2 }] });
      const analyst = await createUser(db, { grants: [{ role: 'analyst', unitId: units.centreA }] });
      const citizen = await createUser(db, { kind: 'applicant' });
      const other = await createUser(db, { kind: 'applicant' });
      const s = (id: string) => sessionFor(t().app, db, id);
      const definition = definitionFor(units.codes.teamA1);
      const adminS = await s(admin.id);
      expect((await adminS.inject({ method: 'POST', url: '/api/case-types', payload: definition })).statusCode).toBe(
        201,
      );
      const workerS = await s(worker.id);
      const opened = await workerS.inject({
        method: 'POST',
        url: '/api/cases',
        payload: {
          caseTypeCode: definition.code,
          channel: 'phone',
          applicant: { userId: citizen.id, name: 'Amira Hansen' },
        },
      });
      expect(opened.statusCode, opened.body).toBe(201);
      const caseId = opened.json().id as string;
      const reference = (
        await db.selectFrom('case_file').select('reference').where('id', '=', caseId).executeTakeFirstOrThrow()
      ).reference;
      return {
        db,
        units,
        definition,
        caseId,
        reference,
        ids: { citizen: citizen.id, other: other.id, worker: worker.id, front: front.id },
        admin: adminS,
        front: await s(front.id),
        worker: workerS,
        outsider: await s(outsider.id),
        analyst: await s(analyst.id),
        citizen: await s(citizen.id),
        other: await s(other.id),
      };
    }

    test('the front line registers a phone inquiry about a case and answers it from the audited case status', async () => {
      const w = await world();
      const topics = await w.front.inject({ method: 'GET', url: '/api/contacts/topics' });
      expect(topics.statusCode, topics.body).toBe(200);
      const topic = topics.json().find((x: { code: string }) => x.code === w.definition.topicCode);
      expect(topic?.source).toBe('case_type');

      const note = 'Ringer om sin sag, CPR 010190-1234';
      const reg = await w.front.inject({
        method: 'POST',
        url: '/api/contacts/inquiries',
        payload: {
          channel: 'phone',
          topicCode: w.definition.topicCode,
          citizenId: w.ids.citizen,
          caseReference: w.reference,
          note,
          result: 'resolved',
        },
      });
      expect(reg.statusCode, reg.body).toBe(201);
      const inquiry = reg.json();
      expect(inquiry).toMatchObject({
        channel: 'phone',
        result: 'resolved',
        caseId: w.caseId,
        caseReference: w.reference,
        unitId: w.units.teamB1,
      });

      const status = await w.front.inject({
        method: 'POST',
        url: '/api/contacts/case-status',
        payload: { reference: w.reference, inquiryId: inquiry.id },
      });
      expect(status.statusCode, status.body).toBe(200);
      expect(status.json()).toMatchObject({
        caseId: w.caseId,
        reference: w.reference,
        state: 'received',
        decided: false,
      });
      const audit = await w.db
        .selectFrom('audit_log')
        .select(['purpose', 'subject_user_id', 'details'])
        .where('entity_type', '=', 'case_status')
        .where('entity_id', '=', w.caseId)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        purpose: "Citizen service: answering the applicant's question about their case",
        subject_user_id: w.ids.citizen,
      });
      expect(audit[0].details).toEqual({ inquiryId: inquiry.id });
      // The front line cannot open the case file itself: only the status, through the audited look-up.
      expect((await w.front.inject({ method: 'GET', url: `/api/cases/${w.caseId}` })).statusCode).toBe(403);
      // An analyst holds no registering role: no look-up.
      expect(
        (
          await w.analyst.inject({
            method: 'POST',
            url: '/api/contacts/case-status',
            payload: { reference: w.reference },
          })
        ).statusCode,
      ).toBe(403);
      const unknown = await w.front.inject({
        method: 'POST',
        url: '/api/contacts/case-status',
        payload: { reference: 'X-0000' },
      });
      expect(unknown.statusCode).toBe(404);
    });

    test('a forwarded inquiry is a task the receiving unit sees and answers once; the citizen sees the answer', async () => {
      const w = await world();
      const due = addCalendarDays(today(), 3);
      const reg = await w.front.inject({
        method: 'POST',
        url: '/api/contacts/inquiries',
        payload: {
          channel: 'phone',
          topicCode: w.definition.topicCode,
          citizenId: w.ids.citizen,
          note: 'Vil tale med sagsbehandler',
          result: 'forwarded',
          forwardToUnitId: w.units.teamA1,
          dueDate: due,
        },
      });
      expect(reg.statusCode, reg.body).toBe(201);
      const id = reg.json().id as string;

      const tasks = await w.worker.inject({ method: 'GET', url: '/api/contacts/tasks' });
      expect(tasks.json().map((x: { id: string }) => x.id)).toContain(id);
      const outsiderTasks = await w.outsider.inject({ method: 'GET', url: '/api/contacts/tasks' });
      expect(outsiderTasks.json().map((x: { id: string }) => x.id)).not.toContain(id);
      const refused = await w.outsider.inject({
        method: 'POST',
        url: `/api/contacts/inquiries/${id}/answer`,
        payload: { answer: 'x' },
      });
      expect(refused.statusCode).toBe(404);

      const answered = await w.worker.inject({
        method: 'POST',
        url: `/api/contacts/inquiries/${id}/answer`,
        payload: { answer: 'Vi ringer dig op i morgen.' },
      });
      expect(answered.statusCode, answered.body).toBe(200);
      expect(answered.json()).toMatchObject({ answer: 'Vi ringer dig op i morgen.', result: 'forwarded' });
      const again = await w.worker.inject({
        method: 'POST',
        url: `/api/contacts/inquiries/${id}/answer`,
        payload: { answer: 'igen' },
      });
      expect(again.statusCode).toBe(409);
      expect(
        (await w.worker.inject({ method: 'GET', url: '/api/contacts/tasks' })).json().map((x: { id: string }) => x.id),
      ).not.toContain(id);

      const mine = await w.citizen.inject({ method: 'GET', url: '/api/contacts/my-inquiries' });
      expect(mine.json()).toEqual([expect.objectContaining({ id, answer: 'Vi ringer dig op i morgen.' })]);
      expect((await w.other.inject({ method: 'GET', url: '/api/contacts/my-inquiries' })).json()).toEqual([]);
      expect((await w.worker.inject({ method: 'GET', url: '/api/contacts/my-inquiries' })).statusCode).toBe(403);
    });

    test('a contact that has ended offers the after-contact survey to its citizen: at once when resolved, after the answer when forwarded', async () => {
      const w = await world();
      const template = SURVEY_TEMPLATES.find((d) => d.kind === 'after_contact')!;
      // Every contact sampled, so the test sees each offer (the ready-made survey asks a share per channel).
      await publishSurvey(w.db, { ...template, trigger: { ...template.trigger, samplingShare: { default: 1 } } });
      const invitations = (userId: string) =>
        w.db
          .selectFrom('survey_invitation')
          .select(['contact_ref', 'channel', 'unit_id'])
          .where('recipient_user_id', '=', userId)
          .execute();
      const register = (payload: object) =>
        w.front.inject({
          method: 'POST',
          url: '/api/contacts/inquiries',
          payload: { channel: 'email', topicCode: w.definition.topicCode, note: 'Spørgsmål', ...payload },
        });

      const anonymous = await register({ result: 'resolved' });
      expect(anonymous.statusCode, anonymous.body).toBe(201);
      expect(await w.db.selectFrom('survey_invitation').select('id').execute()).toEqual([]);

      const forwarded = await register({
        citizenId: w.ids.citizen,
        result: 'forwarded',
        forwardToUnitId: w.units.teamA1,
        dueDate: addCalendarDays(today(), 3),
      });
      expect(forwarded.statusCode, forwarded.body).toBe(201);
      expect(await invitations(w.ids.citizen)).toEqual([]);
      const id = forwarded.json().id as string;
      const answered = await w.worker.inject({
        method: 'POST',
        url: `/api/contacts/inquiries/${id}/answer`,
        payload: { answer: 'Svar sendt' },
      });
      expect(answered.statusCode, answered.body).toBe(200);
      expect(await invitations(w.ids.citizen)).toEqual([
        { contact_ref: id, channel: 'digital', unit_id: w.units.teamB1 },
      ]);

      const resolved = await register({ channel: 'phone', citizenId: w.ids.other, result: 'resolved' });
      expect(resolved.statusCode, resolved.body).toBe(201);
      expect(await invitations(w.ids.other)).toEqual([
        { contact_ref: resolved.json().id, channel: 'phone', unit_id: w.units.teamB1 },
      ]);
    });

    test('bad input: a clear 400 and nothing stored', async () => {
      const w = await world();
      const count = async () =>
        Number((await sql<{ n: string }>`SELECT count(*) AS n FROM inquiry`.execute(w.db)).rows[0].n);
      const before = await count();
      const base = { channel: 'phone', topicCode: w.definition.topicCode, note: '' };
      const cases = [
        { ...base, result: 'forwarded' },
        { ...base, result: 'forwarded', forwardToUnitId: w.units.teamA1, dueDate: '2001-01-01' },
        { ...base, result: 'referred' },
        { ...base, result: 'resolved', topicCode: '99.99.99' },
        { ...base, result: 'resolved', channel: 'pigeon' },
        { ...base, result: 'resolved', caseReference: 'no-such-case' },
        { ...base, result: 'resolved', citizenId: w.ids.worker },
        { ...base, result: 'resolved', receivedAt: new Date(Date.now() + 86_400_000).toISOString() },
      ];
      for (const payload of cases) {
        const res = await w.front.inject({ method: 'POST', url: '/api/contacts/inquiries', payload });
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().error.message).toMatch(/\S/);
      }
      expect(
        (
          await w.citizen.inject({
            method: 'POST',
            url: '/api/contacts/inquiries',
            payload: { ...base, result: 'resolved' },
          })
        ).statusCode,
      ).toBe(403);
      expect(await count()).toBe(before);
    });

    test('a web-form inquiry from the portal, without scripts, waits for citizen service and shows on "my inquiries"', async () => {
      const w = await world();
      const form = await w.citizen.inject({ method: 'GET', url: '/henvendelse', headers: { accept: 'text/html' } });
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('name="question"');
      const post = (payload: Record<string, string>) =>
        w.citizen.inject({
          method: 'POST',
          url: '/henvendelse',
          headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: w.citizen.csrfToken, ...payload }).toString(),
        });
      const bad = await post({ topicCode: '', question: '' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('form-error-message');
      const ok = await post({
        topicCode: w.definition.topicCode,
        question: 'Hvornår får jeg svar?',
        caseReference: w.reference,
      });
      expect(ok.statusCode, ok.body).toBe(303);
      expect(ok.headers.location).toBe('/mine-henvendelser?sent=1');
      const page = await w.citizen.inject({
        method: 'GET',
        url: '/mine-henvendelser',
        headers: { accept: 'text/html' },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Webformular');
      const row = await w.db
        .selectFrom('inquiry')
        .selectAll()
        .where('citizen_id', '=', w.ids.citizen)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        channel: 'web_form',
        result: 'open',
        case_id: w.caseId,
        note: 'Hvornår får jeg svar?',
      });
      // Another citizen's case reference is not linked: nobody learns whether it exists.
      const intruder = await w.other.inject({
        method: 'POST',
        url: '/henvendelse',
        headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: w.other.csrfToken,
          topicCode: w.definition.topicCode,
          question: 'Min nabos sag?',
          caseReference: w.reference,
        }).toString(),
      });
      expect(intruder.statusCode).toBe(303);
      const theirs = await w.db
        .selectFrom('inquiry')
        .select('case_id')
        .where('note', '=', 'Min nabos sag?')
        .executeTakeFirstOrThrow();
      expect(theirs.case_id).toBeNull();
      // Signed out, the page sends the browser to sign in.
      const anon = await t().app.inject({ method: 'GET', url: '/mine-henvendelser', headers: { accept: 'text/html' } });
      expect(anon.statusCode).toBe(303);
      expect(anon.headers.location).toContain('/login');
    });
  });
}

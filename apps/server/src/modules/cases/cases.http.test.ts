import { describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, sessionFor, type TestSession } from '../../../test/support/test-auth.js';
import { definitionFor } from '../../../test/support/case-factories.js';

for (const engine of ENGINES) {
  describe(`cases and case types over HTTP [${engine}]`, () => {
    const t = useTestApp(engine);

    async function world() {
      const db = t().database.db;
      const units = await createUnitTree(db);
      const admin = await createUser(db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const worker = await createUser(db, {
        displayName: 'Karin Caseworker',
        grants: [{ role: 'caseworker', unitId: units.teamA1 }],
      });
      const colleague = await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamA1 }] });
      const outsider = await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamB1 }] });
      const lead = await createUser(db, { grants: [{ role: 'teamlead', unitId: units.centreA }] });
      const quality = await createUser(db, { grants: [{ role: 'quality', unitId: units.authority }] });
      const applicant = await createUser(db, { kind: 'applicant' });
      const other = await createUser(db, { kind: 'applicant' });
      const s = async (id: string) => sessionFor(t().app, db, id);
      const definition = definitionFor(units.codes.teamA1);
      const published = await (
        await s(admin.id)
      ).inject({ method: 'POST', url: '/api/case-types', payload: definition });
      expect(published.statusCode).toBe(201);
      return {
        units,
        definition,
        ids: { worker: worker.id, colleague: colleague.id, applicant: applicant.id },
        admin: await s(admin.id),
        worker: await s(worker.id),
        outsider: await s(outsider.id),
        lead: await s(lead.id),
        quality: await s(quality.id),
        applicant: await s(applicant.id),
        other: await s(other.id),
      };
    }

    async function open(w: Awaited<ReturnType<typeof world>>, session: TestSession = w.worker) {
      const res = await session.inject({
        method: 'POST',
        url: '/api/cases',
        payload: {
          caseTypeCode: w.definition.code,
          channel: 'digital',
          applicant: { userId: w.ids.applicant, name: 'Amira Hansen' },
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; version: number };
    }

    test('case types: an admin publishes, others may not; a bad definition names its field', async () => {
      const w = await world();
      const list = await w.worker.inject({ method: 'GET', url: '/api/case-types' });
      expect(list.statusCode).toBe(200);
      expect(list.json().some((c: { code: string }) => c.code === w.definition.code)).toBe(true);
      const denied = await w.worker.inject({ method: 'POST', url: '/api/case-types', payload: w.definition });
      expect(denied.statusCode).toBe(403);
      const bad = await w.admin.inject({
        method: 'POST',
        url: '/api/case-types',
        payload: { ...w.definition, legalMaximum: { amount: -1, unit: 'weeks' } },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('legalMaximum.amount');
      const unchanged = await w.admin.inject({ method: 'POST', url: '/api/case-types', payload: w.definition });
      expect(unchanged.json()).toMatchObject({ version: 1, published: false });
      const file = await w.admin.inject({ method: 'GET', url: `/api/case-types/export?codes=${w.definition.code}` });
      expect(file.headers['content-disposition']).toContain('attachment');
      const imported = await w.admin.inject({ method: 'POST', url: '/api/case-types/import', payload: file.json() });
      expect(imported.json()).toEqual({ published: [], unchanged: [w.definition.code] });
      const detail = await w.worker.inject({ method: 'GET', url: `/api/case-types/${w.definition.code}` });
      expect(detail.json().definition.phases.length).toBeGreaterThan(1);
    });

    test('a caseworker screens, requests information, sees the case paused in the queue, and decides', async () => {
      const w = await world();
      const c = await open(w);
      const post = (path: string, payload: object) =>
        w.worker.inject({ method: 'POST', url: `/api/cases/${c.id}/${path}`, payload });
      let r = await post('screening', {
        expectedVersion: 1,
        verdict: 'missing_information',
        missing: [{ text: 'Lejekontrakt' }],
      });
      expect(r.json()).toMatchObject({ version: 2, state: 'in_progress' });
      r = await post('information-requests', {
        expectedVersion: 2,
        items: [{ text: 'Lejekontrakt' }],
        message: 'Send lejekontrakten.',
        dueDate: '2099-01-01',
      });
      expect(r.json().state).toBe('awaiting_applicant');
      const queue = await w.worker.inject({ method: 'GET', url: `/api/cases/queue?unitId=${w.units.teamA1}` });
      expect(queue.statusCode).toBe(200);
      expect(queue.json().items.find((i: { id: string }) => i.id === c.id).clock.state).toBe('paused');
      r = await post('information-received', { expectedVersion: 3 });
      r = await post('notes', {
        expectedVersion: 4,
        kind: 'oral_information',
        who: 'Ansøger',
        when: new Date(Date.now() - 60_000).toISOString(),
        what: 'Ringede.',
      });
      const noGuidance = await post('decision', {
        expectedVersion: 5,
        outcome: 'refused',
        reasons: 'Boligkrav.',
        legalRules: ['§ 9'],
      });
      expect(noGuidance.statusCode).toBe(400);
      expect(noGuidance.json().error.message).toContain('appealGuidance');
      // The rule is in the details as data, so the back office can say "required" in the reader's language.
      expect(noGuidance.json().error.details).toEqual([
        expect.objectContaining({
          path: '/appealGuidance',
          keyword: 'custom',
          params: { params: { rule: 'required' } },
        }),
      ]);
      r = await post('decision', {
        expectedVersion: 5,
        outcome: 'refused',
        reasons: 'Boligkrav.',
        legalRules: ['§ 9'],
        appealGuidance: 'Klag inden 8 uger.',
      });
      expect(r.json()).toMatchObject({ state: 'decided', version: 6 });
      const detail = await w.worker.inject({ method: 'GET', url: `/api/cases/${c.id}` });
      expect(detail.json().events.map((e: { activity: string }) => e.activity)).toEqual([
        'received',
        'screened',
        'information_requested',
        'information_received',
        'note_recorded',
        'decided',
      ]);
      expect(detail.json().notes[0]).toMatchObject({
        who: 'Ansøger',
        what: 'Ringede.',
        recordedBy: 'Karin Caseworker',
      });
      // A staff read of the case file is audited, once, under the request that read it.
      const audit = await t()
        .database.db.selectFrom('audit_log')
        .select(['actor_user_id', 'action', 'subject_user_id', 'entity_type', 'entity_id', 'purpose'])
        .where('request_id', '=', String(detail.headers['x-request-id']))
        .execute();
      expect(audit).toEqual([
        {
          actor_user_id: w.ids.worker,
          action: 'read',
          subject_user_id: w.ids.applicant,
          entity_type: 'case',
          entity_id: c.id,
          purpose: expect.any(String),
        },
      ]);
    });

    test('unhappy paths: bad input, wrong role, another unit, stale version, illegal step', async () => {
      const w = await world();
      const c = await open(w);
      const noVersion = await w.worker.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/screening`,
        payload: { verdict: 'fully_informed' },
      });
      expect(noVersion.statusCode).toBe(400);
      expect(noVersion.json().error.code).toBe('validation');
      const quality = await w.quality.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/screening`,
        payload: { expectedVersion: 1, verdict: 'fully_informed' },
      });
      expect(quality.statusCode).toBe(403);
      const applicant = await w.applicant.inject({ method: 'GET', url: `/api/cases/${c.id}` });
      expect(applicant.statusCode).toBe(403);
      const foreign = await w.outsider.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/screening`,
        payload: { expectedVersion: 1, verdict: 'fully_informed' },
      });
      expect(foreign.statusCode).toBe(403);
      const audited = await t()
        .database.db.selectFrom('audit_log')
        .select(['action', 'entity_type'])
        .where('action', '=', 'denied')
        .where('details', '@>', JSON.stringify({ unitId: w.units.teamA1 }) as never)
        .execute();
      expect(audited.length).toBeGreaterThan(0);
      const ok = await w.worker.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/screening`,
        payload: { expectedVersion: 1, verdict: 'fully_informed' },
      });
      expect(ok.statusCode).toBe(200);
      const stale = await w.worker.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/phase`,
        payload: { expectedVersion: 1, phaseCode: 'processing' },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({
        code: 'conflict',
        details: { reason: 'stale_version', currentVersion: 2 },
      });
      const illegal = await w.worker.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/information-received`,
        payload: { expectedVersion: 2 },
      });
      expect(illegal.statusCode).toBe(409);
      expect(illegal.json().error).toMatchObject({
        code: 'invalid_state',
        details: { operation: 'register_information', state: 'in_progress', reason: 'no_request_pending' },
      });
      const missing = await w.worker.inject({ method: 'GET', url: '/api/cases/00000000-0000-4000-8000-000000000000' });
      expect(missing.statusCode).toBe(404);
    });

    test("an applicant sees their own case and a 404 for anyone else's", async () => {
      const w = await world();
      const c = await open(w);
      const mine = await w.applicant.inject({ method: 'GET', url: `/api/my/cases/${c.id}` });
      expect(mine.statusCode).toBe(200);
      expect(mine.json()).toMatchObject({ id: c.id, state: 'received', phase: { code: 'received' } });
      expect((await w.applicant.inject({ method: 'GET', url: '/api/my/cases' })).json()).toHaveLength(1);
      const theirs = await w.other.inject({ method: 'GET', url: `/api/my/cases/${c.id}` });
      expect(theirs.statusCode).toBe(404);
      expect(JSON.stringify(theirs.json())).not.toContain('audit');
      expect((await w.worker.inject({ method: 'GET', url: '/api/my/cases' })).statusCode).toBe(403);
    });

    test('a team lead reassigns in bulk; stale and foreign cases are reported, not fatal', async () => {
      const w = await world();
      const a = await open(w);
      const b = await open(w);
      const res = await w.lead.inject({
        method: 'POST',
        url: '/api/cases/reassign',
        payload: {
          assigneeId: w.ids.colleague,
          cases: [
            { caseId: a.id, expectedVersion: 1 },
            { caseId: b.id, expectedVersion: 9 },
          ],
        },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().reassigned).toEqual([a.id]);
      expect(res.json().failed).toEqual([expect.objectContaining({ caseId: b.id, code: 'conflict' })]);
      // A team lead of another centre: the case is reported as forbidden, unchanged, and the refusal audited with the request.
      const db = t().database.db;
      const foreignLead = await sessionFor(
        t().app,
        db,
        (await createUser(db, { grants: [{ role: 'teamlead', unitId: w.units.centreB }] })).id,
      );
      const foreign = await foreignLead.inject({
        method: 'POST',
        url: '/api/cases/reassign',
        payload: { assigneeId: null, cases: [{ caseId: b.id, expectedVersion: 1 }] },
      });
      expect(foreign.json()).toMatchObject({ reassigned: [], failed: [{ caseId: b.id, code: 'forbidden' }] });
      const denied = await db
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('request_id', '=', String(foreign.headers['x-request-id']))
        .execute();
      expect(denied).toEqual([{ action: 'denied', entity_id: b.id }]);
      expect(
        (
          await w.worker.inject({
            method: 'POST',
            url: '/api/cases/reassign',
            payload: { assigneeId: null, cases: [{ caseId: a.id, expectedVersion: 2 }] },
          })
        ).statusCode,
      ).toBe(403);
      const assignees = (await w.lead.inject({ method: 'GET', url: '/api/cases/assignees' })).json() as {
        id: string;
      }[];
      expect(assignees.map((a) => a.id)).toEqual(expect.arrayContaining([w.ids.worker, w.ids.colleague]));
      const queue = await w.lead.inject({ method: 'GET', url: `/api/cases/queue?assignee=${w.ids.colleague}` });
      expect(queue.json().items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    });

    test('service-goal figures come from the same log', async () => {
      const w = await world();
      const c = await open(w);
      await w.worker.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/decision`,
        payload: { expectedVersion: 1, outcome: 'granted', reasons: 'OK', legalRules: ['§ 9'] },
      });
      await open(w);
      const res = await w.quality.inject({ method: 'GET', url: '/api/cases/figures' });
      expect(res.statusCode).toBe(200);
      const row = res.json().rows.find((r: { caseTypeCode: string }) => r.caseTypeCode === w.definition.code);
      expect(row).toMatchObject({
        decided: 1,
        withinGoal: 1,
        shareWithinGoal: 1,
        medianDays: 0,
        received: 2,
        targetShare: 0.97,
      });
      expect(row.open.running).toBe(1);
      const foreign = await w.outsider.inject({ method: 'GET', url: `/api/cases/figures?unitId=${w.units.teamA1}` });
      expect(foreign.statusCode).toBe(403);
    });

    test('the forecast calibration: staff read it, applicants and strangers do not; the public page needs no sign-in', async () => {
      const w = await world();
      const c = await open(w);
      const decided = await w.worker.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/decision`,
        payload: { expectedVersion: 1, outcome: 'granted', reasons: 'OK', legalRules: ['§ 9'] },
      });
      expect(decided.statusCode).toBe(200);
      const typeId = (
        await t()
          .database.db.selectFrom('case_file')
          .select('case_type_id')
          .where('id', '=', c.id)
          .executeTakeFirstOrThrow()
      ).case_type_id;
      const url = `/api/forecast-calibration/${typeId}`;
      const res = await w.quality.inject({ method: 'GET', url });
      expect(res.statusCode, res.body).toBe(200);
      // One case decided today: no promise of the last 12 months has reached its date.
      expect(res.json()).toMatchObject({
        caseTypeCode: w.definition.code,
        historyCases: 1,
        all: { upper: { due: 0 } },
      });
      expect((await w.applicant.inject({ method: 'GET', url })).statusCode).toBe(403);
      expect((await t().app.inject({ method: 'GET', url })).statusCode).toBe(401);
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect((await w.quality.inject({ method: 'GET', url: `/api/forecast-calibration/${unknown}` })).statusCode).toBe(
        404,
      );
      expect((await w.quality.inject({ method: 'GET', url: '/api/forecast-calibration/not-a-uuid' })).statusCode).toBe(
        400,
      );

      const page = await t().app.inject({
        method: 'GET',
        url: `/forventet-tid/${w.definition.code}`,
        headers: { 'accept-language': 'en' },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('How often did the estimate hold?');
      expect(page.body).toContain('No estimate has reached its date yet');
      expect((await t().app.inject({ method: 'GET', url: '/forventet-tid/no-such-type' })).statusCode).toBe(404);
    });
  });
}

import { describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, sessionFor } from '../../../test/support/test-auth.js';
import { definitionFor } from '../../../test/support/case-factories.js';

for (const engine of ENGINES) {
  describe(`complaints over HTTP [${engine}]`, () => {
    const t = useTestApp(engine);

    async function world() {
      const db = t().database.db;
      const units = await createUnitTree(db);
      const admin = await createUser(db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const worker = await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamA1 }] });
      const quality = await createUser(db, { grants: [{ role: 'quality', unitId: units.teamA1 }] });
      const applicant = await createUser(db, { kind: 'applicant' });
      const s = (id: string) => sessionFor(t().app, db, id);
      const definition = definitionFor(units.codes.teamA1);
      const published = await (
        await s(admin.id)
      ).inject({ method: 'POST', url: '/api/case-types', payload: definition });
      expect(published.statusCode, published.body).toBe(201);
      const workerS = await s(worker.id);
      const opened = await workerS.inject({
        method: 'POST',
        url: '/api/cases',
        payload: {
          caseTypeCode: definition.code,
          channel: 'paper',
          applicant: { userId: applicant.id, name: 'Amira Hansen' },
          assigneeId: worker.id,
        },
      });
      expect(opened.statusCode, opened.body).toBe(201);
      const caseId = opened.json().id as string;
      const decided = await workerS.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/decision`,
        payload: { expectedVersion: 1, outcome: 'refused', reasons: 'R', legalRules: ['§ 9'], appealGuidance: 'Klag' },
      });
      expect(decided.statusCode, decided.body).toBe(200);
      const reference = (
        await db.selectFrom('case_file').select('reference').where('id', '=', caseId).executeTakeFirstOrThrow()
      ).reference;
      return { db, workerS, qualityS: await s(quality.id), adminS: await s(admin.id), caseId, reference };
    }

    const count = async (db: ReturnType<typeof t>['database']['db']) =>
      Number(
        (
          await db
            .selectFrom('complaint')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('a complaint registered by phone is reconsidered, forwarded and decided on appeal; bad steps are refused', async () => {
      const w = await world();
      const bad = await w.workerS.inject({
        method: 'POST',
        url: '/api/complaints',
        payload: { caseReference: w.reference, kind: 'decision', channel: 'pigeon', text: '' },
      });
      expect(bad.statusCode).toBe(400);
      expect(await count(w.db)).toBe(0);

      const created = await w.workerS.inject({
        method: 'POST',
        url: '/api/complaints',
        payload: { caseReference: w.reference, kind: 'decision', channel: 'phone', text: 'Borgeren er uenig.' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;

      const never = await w.qualityS.inject({
        method: 'POST',
        url: `/api/complaints/${id}/appeal-outcome`,
        payload: { expectedVersion: 1, outcome: 'upheld', decidedOn: '2026-03-01', reasons: 'x' },
      });
      expect(never.statusCode).toBe(409);
      expect(never.json().error.code).toBe('invalid_state');

      const noLetter = await w.workerS.inject({
        method: 'POST',
        url: `/api/complaints/${id}/reconsideration`,
        payload: { expectedVersion: 1, result: 'upheld', reasons: 'Fastholdt' },
      });
      expect(noLetter.statusCode).toBe(400);

      const forwarded = await w.workerS.inject({
        method: 'POST',
        url: `/api/complaints/${id}/reconsideration`,
        payload: { expectedVersion: 1, result: 'upheld', reasons: 'Fastholdt', forwardingLetter: 'Hermed' },
      });
      expect(forwarded.statusCode, forwarded.body).toBe(200);
      expect(forwarded.json()).toMatchObject({ state: 'forwarded', channel: 'phone', deadlineStatus: null });

      const outcome = await w.qualityS.inject({
        method: 'POST',
        url: `/api/complaints/${id}/appeal-outcome`,
        payload: {
          expectedVersion: 2,
          outcome: 'reversed',
          decidedOn: new Date().toISOString().slice(0, 10),
          reasons: 'Omgjort',
        },
      });
      expect(outcome.statusCode, outcome.body).toBe(200);
      expect(outcome.json()).toMatchObject({ state: 'appeal_decided', appealOutcome: 'reversed' });

      const figures = await w.qualityS.inject({
        method: 'GET',
        url: '/api/complaints/figures?from=2020-01-01&to=2099-12-31',
      });
      expect(figures.statusCode).toBe(200);
      expect(figures.json().totals).toMatchObject({
        complaints: 1,
        decisions: 1,
        per1000Decisions: 1000,
        reversalRate: 1,
      });
      const badRange = await w.qualityS.inject({
        method: 'GET',
        url: '/api/complaints/figures?from=2026-05-01&to=2026-01-01',
      });
      expect(badRange.statusCode).toBe(400);

      const read = await w.qualityS.inject({ method: 'GET', url: `/api/complaints/${id}` });
      expect(read.statusCode).toBe(200);
      const audited = await w.db
        .selectFrom('audit_log')
        .select(['action', 'purpose', 'entity_type'])
        .where('request_id', '=', String(read.headers['x-request-id']))
        .execute();
      expect(audited).toEqual([{ action: 'read', purpose: 'Complaint handling', entity_type: 'complaint' }]);

      const drill = await w.qualityS.inject({ method: 'GET', url: '/api/complaints?appealOutcome=reversed' });
      expect(drill.json().map((c: { id: string }) => c.id)).toEqual([id]);
    });

    test('the deadlines per kind are set by an administrator and given to complaints received after', async () => {
      const w = await world();
      const set = await w.adminS.inject({
        method: 'PUT',
        url: '/api/complaints/deadlines',
        payload: { procedure: { amount: 10, unit: 'working_days' }, decision: { amount: 4, unit: 'weeks' } },
      });
      expect(set.statusCode, set.body).toBe(200);
      const created = await w.workerS.inject({
        method: 'POST',
        url: '/api/complaints',
        payload: { caseReference: w.reference, kind: 'procedure', channel: 'letter', text: 'Ventetid' },
      });
      const view = await w.workerS.inject({ method: 'GET', url: `/api/complaints/${created.json().id}` });
      const received = new Date(view.json().receivedAt);
      const days =
        (Date.parse(view.json().responseDeadline) - Date.parse(received.toISOString().slice(0, 10))) / 86_400_000;
      // Ten working days are two calendar weeks, give or take a holiday.
      expect(days).toBeGreaterThanOrEqual(14);
      expect(days).toBeLessThan(21);
      const bad = await w.adminS.inject({
        method: 'PUT',
        url: '/api/complaints/deadlines',
        payload: { procedure: { amount: 0, unit: 'weeks' }, decision: { amount: 4, unit: 'weeks' } },
      });
      expect(bad.statusCode).toBe(400);
    });
  });
}

import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { AUDIT_PURPOSES, ZUpdateProcessModel } from '@sagsgang/contracts';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, sessionFor } from '../../../test/support/test-auth.js';

const housingXml = fs.readFileSync(
  new URL('../../../test/fixtures/navigator/housing-benefit.bpmn', import.meta.url),
  'utf8',
);

describe('the PATCH schema of a workflow', () => {
  test('a one-field patch parses to that field alone, with no defaults for the others', () => {
    expect(ZUpdateProcessModel.parse({ name: 'Ny' })).toEqual({ name: 'Ny' });
    expect(ZUpdateProcessModel.safeParse({}).success).toBe(false);
  });
});

for (const engine of ENGINES) {
  describe(`workflows belong to a unit; every change is audited [${engine}]`, () => {
    const t = useTestApp(engine);

    async function world() {
      const db = t().database.db;
      const units = await createUnitTree(db);
      const user = (role: 'analyst' | 'admin', unitId: string) => createUser(db, { grants: [{ role, unitId }] });
      const s = async (u: { id: string }) => sessionFor(t().app, db, u.id);
      const analystA = await user('analyst', units.centreA);
      const w = {
        db,
        units,
        analystA: await s(analystA),
        analystAId: analystA.id,
        analystB: await s(await user('analyst', units.centreB)),
        authorityAnalyst: await s(await user('analyst', units.authority)),
        authorityAdmin: await s(await user('admin', units.authority)),
        centreAdmin: await s(await user('admin', units.centreA)),
      };
      const created = await w.analystA.inject({
        method: 'POST',
        url: '/api/process-models',
        payload: { name: 'Boligstøtte', topic: 'Bolig', caseTypeCode: 'housing-benefit', bpmnXml: housingXml },
      });
      expect(created.statusCode, created.body).toBe(201);
      return { ...w, modelId: created.json().id as string, created: created.json() };
    }

    const auditOf = (w: Awaited<ReturnType<typeof world>>) =>
      w.db
        .selectFrom('audit_log')
        .select(['action', 'actor_user_id', 'purpose', 'details'])
        .where('entity_type', '=', 'process_model')
        .where('entity_id', '=', w.modelId)
        .orderBy('id')
        .execute();

    test("a new workflow goes to its creator's unit; another centre's analyst and a centre admin may not change it", async () => {
      const w = await world();
      expect(w.created).toMatchObject({ unitId: w.units.centreA, editable: true });
      const url = `/api/process-models/${w.modelId}`;
      const seenByB = await w.analystB.inject({ method: 'GET', url });
      expect(seenByB.json().editable).toBe(false);
      for (const who of [w.analystB, w.centreAdmin]) {
        const res = await who.inject({ method: 'PATCH', url, payload: { name: 'Overtaget' } });
        expect(res.statusCode).toBe(403);
        expect(res.json().error.details).toMatchObject({ reason: 'workflow_not_editable' });
        const guidance = await who.inject({
          method: 'PUT',
          url: `${url}/versions/1/tasks/screen`,
          payload: { guidance: 'Omskrevet' },
        });
        expect(guidance.statusCode).toBe(403);
      }
      expect((await w.analystA.inject({ method: 'GET', url })).json().name).toBe('Boligstøtte');
      // An analyst above the unit and the authority's administrator may.
      expect(
        (await w.authorityAnalyst.inject({ method: 'PATCH', url, payload: { topic: 'Ydelser' } })).statusCode,
      ).toBe(200);
      expect(
        (await w.authorityAdmin.inject({ method: 'PATCH', url, payload: { description: 'Hele forløbet' } })).statusCode,
      ).toBe(200);
      // Moving it to centre B needs rights there too.
      const move = await w.analystA.inject({ method: 'PATCH', url, payload: { unitId: w.units.centreB } });
      expect(move.statusCode).toBe(403);
    });

    test('a one-field PATCH changes that field and leaves topic, case type and description as they were', async () => {
      const w = await world();
      const url = `/api/process-models/${w.modelId}`;
      const res = await w.analystA.inject({ method: 'PATCH', url, payload: { name: 'Boligstøtte 2027' } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        name: 'Boligstøtte 2027',
        topic: 'Bolig',
        caseTypeCode: 'housing-benefit',
        unitId: w.units.centreA,
      });
      const empty = await w.analystA.inject({ method: 'PATCH', url, payload: {} });
      expect(empty.statusCode).toBe(400);
      const nowhere = await w.authorityAdmin.inject({
        method: 'PATCH',
        url,
        payload: { unitId: '00000000-0000-4000-8000-000000000000' },
      });
      expect(nowhere.statusCode).toBe(400);
      expect(nowhere.json().error.message).toContain('unitId');
    });

    test('create, rename, guidance, a new drawing and the mapping are each audited with before and after', async () => {
      const w = await world();
      const url = `/api/process-models/${w.modelId}`;
      expect((await w.analystA.inject({ method: 'PATCH', url, payload: { name: 'Ny titel' } })).statusCode).toBe(200);
      const put = await w.analystA.inject({
        method: 'PUT',
        url: `${url}/versions/1/tasks/screen`,
        payload: { guidance: 'Se lønsedler', checklist: ['Lønsedler'] },
      });
      expect(put.statusCode).toBe(200);
      const version = await w.analystA.inject({
        method: 'POST',
        url: `${url}/versions`,
        payload: { bpmnXml: housingXml, comment: 'Tegnet om' },
      });
      expect(version.statusCode).toBe(201);
      const mapping = await w.analystA.inject({
        method: 'PUT',
        url: `${url}/mapping`,
        payload: { entries: [{ activity: 'case_screened', elementId: 'screen' }] },
      });
      expect(mapping.statusCode, mapping.body).toBe(200);

      const entries = await auditOf(w);
      expect(entries.map((e) => [e.action, (e.details as { change: string }).change])).toEqual([
        ['create', 'model'],
        ['update', 'model'],
        ['update', 'guidance'],
        ['update', 'version'],
        ['update', 'mapping'],
      ]);
      for (const e of entries) {
        expect(e.actor_user_id).toBe(w.analystAId);
        expect(e.purpose).toBe(AUDIT_PURPOSES.workflowAdministration);
      }
      const [created, renamed, guidance, drawn, mapped] = entries.map(
        (e) =>
          e.details as { before: Record<string, unknown> | null; after: Record<string, unknown>; changed: string[] },
      );
      expect(created!.before).toBeNull();
      expect(created!.after).toMatchObject({ name: 'Boligstøtte', unitId: w.units.centreA });
      expect(renamed).toMatchObject({
        before: { name: 'Boligstøtte', topic: 'Bolig' },
        after: { name: 'Ny titel', topic: 'Bolig' },
      });
      expect(renamed!.changed).toEqual(['name']);
      expect(guidance!.before).toMatchObject({ guidance: '', checklist: [] });
      expect(guidance!.after).toMatchObject({ guidance: 'Se lønsedler', checklist: ['Lønsedler'] });
      expect(guidance!.changed).toEqual(['checklist', 'guidance']);
      expect(drawn).toMatchObject({
        before: { currentVersion: 1 },
        after: { currentVersion: 2 },
        comment: 'Tegnet om',
      });
      expect(mapped).toMatchObject({ before: {}, after: { case_screened: 'screen' } });
    });
  });
}

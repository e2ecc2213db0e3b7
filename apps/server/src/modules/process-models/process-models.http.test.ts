import fs from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, sessionFor, type TestSession } from '../../../test/support/test-auth.js';

const housingXml = fs.readFileSync(
  new URL('../../../test/fixtures/navigator/housing-benefit.bpmn', import.meta.url),
  'utf8',
);

for (const engine of ENGINES) {
  describe(`process-models HTTP [${engine}]`, () => {
    const t = useTestApp(engine);
    let analyst: TestSession;
    let caseworker: TestSession;

    beforeAll(async () => {
      const db = t().database.db;
      const units = await createUnitTree(db);
      analyst = await sessionFor(
        t().app,
        db,
        (await createUser(db, { grants: [{ role: 'analyst', unitId: units.authority }] })).id,
      );
      caseworker = await sessionFor(
        t().app,
        db,
        (await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamA1 }] })).id,
      );
    });

    test('an analyst imports a model; a caseworker finds it and reads a step', async () => {
      const created = await analyst.inject({
        method: 'POST',
        url: '/api/process-models',
        payload: {
          name: 'Boligstøtte',
          topic: 'Bolig',
          caseTypeCode: 'housing-benefit',
          bpmnXml: housingXml,
          source: 'import',
        },
      });
      expect(created.statusCode).toBe(201);
      const { id } = created.json();
      const put = await analyst.inject({
        method: 'PUT',
        url: `/api/process-models/${id}/versions/1/tasks/screen`,
        payload: { guidance: 'Se efter **lønsedler**', checklist: ['Lønsedler'], legalRefs: ['Boligstøtteloven § 9'] },
      });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toMatchObject({ elementId: 'screen', checklist: ['Lønsedler'], deadlineDays: null });
      const list = await caseworker.inject({ method: 'GET', url: '/api/process-models?q=l%C3%B8nsedler' });
      expect(list.statusCode).toBe(200);
      expect(list.json().map((m: { id: string }) => m.id)).toEqual([id]);
      const detail = await caseworker.inject({ method: 'GET', url: `/api/process-models/${id}` });
      expect(detail.json().tasks.find((x: { elementId: string }) => x.elementId === 'screen').guidance).toBe(
        'Se efter **lønsedler**',
      );
    });

    test('a caseworker may read but not change workflows; anonymous callers may do neither', async () => {
      const res = await caseworker.inject({
        method: 'POST',
        url: '/api/process-models',
        payload: { name: 'X', bpmnXml: housingXml },
      });
      expect(res.statusCode).toBe(403);
      const anon = await t().app.inject({ method: 'GET', url: '/api/process-models' });
      expect(anon.statusCode).toBe(401);
    });

    test('an invalid BPMN file is refused with a message naming the problem', async () => {
      const res = await analyst.inject({
        method: 'POST',
        url: '/api/process-models',
        payload: {
          name: 'Bad',
          bpmnXml: '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><oops',
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/cannot be read as BPMN 2\.0 XML/);
      expect(res.json().error.details.problems.length).toBeGreaterThan(0);
    });

    test('guidance links must be http(s) and unknown models give 404', async () => {
      const { id } = (
        await analyst.inject({
          method: 'POST',
          url: '/api/process-models',
          payload: { name: 'Links', bpmnXml: housingXml },
        })
      ).json();
      const bad = await analyst.inject({
        method: 'PUT',
        url: `/api/process-models/${id}/versions/1/tasks/screen`,
        payload: { links: [{ label: 'x', url: 'javascript:alert(1)' }] },
      });
      expect(bad.statusCode).toBe(400);
      const missing = await caseworker.inject({
        method: 'GET',
        url: '/api/process-models/00000000-0000-4000-8000-000000000000',
      });
      expect(missing.statusCode).toBe(404);
    });

    test('the mapping screen saves manual ties and refuses unknown steps', async () => {
      const { id } = (
        await analyst.inject({
          method: 'POST',
          url: '/api/process-models',
          payload: { name: 'Map', bpmnXml: housingXml },
        })
      ).json();
      const ok = await analyst.inject({
        method: 'PUT',
        url: `/api/process-models/${id}/mapping`,
        payload: { entries: [{ activity: 'Visitation', elementId: 'screen' }] },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().rows).toEqual([{ activity: 'Visitation', elementId: 'screen', how: 'manual' }]);
      const bad = await analyst.inject({
        method: 'PUT',
        url: `/api/process-models/${id}/mapping`,
        payload: { entries: [{ activity: 'Visitation', elementId: 'nope' }] },
      });
      expect(bad.statusCode).toBe(400);
    });
  });
}

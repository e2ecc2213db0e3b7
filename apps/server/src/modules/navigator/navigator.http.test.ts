import fs from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, sessionFor, type TestSession } from '../../../test/support/test-auth.js';

const fixture = (name: string) => fs.readFileSync(new URL(`../../../test/fixtures/navigator/${name}`, import.meta.url));
const housingXml = fixture('housing-benefit.bpmn').toString('utf8');
const housingLog = fixture('housing-benefit.xes.gz');

for (const engine of ENGINES) {
  describe(`navigator HTTP [${engine}]`, () => {
    const t = useTestApp(engine);
    let analyst: TestSession;
    let caseworker: TestSession;
    let modelId: string;

    beforeAll(async () => {
      const db = t().database.db;
      const units = await createUnitTree(db);
      analyst = await sessionFor(t().app, db, (await createUser(db, { grants: [{ role: 'analyst', unitId: units.authority }] })).id);
      caseworker = await sessionFor(t().app, db, (await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamA1 }] })).id);
      modelId = (await analyst.inject({ method: 'POST', url: '/api/process-models', payload: { name: 'Housing benefit', bpmnXml: housingXml } })).json().id;
    });

    const upload = (s: TestSession, name: string, body: Buffer | string) =>
      s.inject({ method: 'POST', url: `/api/navigator/logs?name=${encodeURIComponent(name)}`, headers: { 'content-type': 'application/octet-stream' }, payload: body });

    test('an analyst uploads a gzipped XES log; its cases and activities are counted', async () => {
      const res = await upload(analyst, 'housing-benefit.xes.gz', housingLog);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ format: 'xes', cases: 240 });
      expect(res.json().activities).toContain('Screen application');
      expect(res.json().activities).toContain('Phone call with applicant');
    });

    test('a log the engine cannot read is refused with the reason, and nothing is stored', async () => {
      const before = (await analyst.inject({ method: 'GET', url: '/api/navigator/logs' })).json().length;
      const res = await upload(analyst, 'broken.xes', '<log><trace><event><string key="concept:name" value="A"/></event></trace>');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/^The event log cannot be read: /);
      const csv = await upload(analyst, 'no-activity.csv', 'case_id,when\n1,2024-01-01\n');
      expect(csv.statusCode).toBe(400);
      expect((await analyst.inject({ method: 'GET', url: '/api/navigator/logs' })).json().length).toBe(before);
    });

    test('a log whose activities match no step is refused up front, naming both sides, and no analysis is kept', async () => {
      const log = await upload(analyst, 'other.csv', 'case_id,activity,timestamp\n1,Foo,2024-01-01T10:00:00Z\n1,Bar,2024-01-02T10:00:00Z\n');
      expect(log.statusCode).toBe(201);
      const res = await analyst.inject({ method: 'POST', url: '/api/navigator/analyses', payload: { modelId, population: { kind: 'log', logId: log.json().id } } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('does not match the model');
      expect(res.json().error.message).toContain('"Bar", "Foo"');
      expect(res.json().error.message).toContain('Register application');
      expect((await analyst.inject({ method: 'GET', url: '/api/navigator/analyses' })).json()).toEqual([]);
    });

    test('a workflow discovered from a log opens as BPMN that can be saved as a model', async () => {
      const log = (await upload(analyst, 'discover.xes.gz', housingLog)).json();
      const res = await analyst.inject({ method: 'POST', url: '/api/navigator/discover', payload: { population: { kind: 'log', logId: log.id } } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ cases: 240, activities: 9 });
      expect(res.json().bpmnXml).toContain('Screen application');
      const saved = await analyst.inject({ method: 'POST', url: '/api/process-models', payload: { name: 'Discovered', bpmnXml: res.json().bpmnXml, source: 'discovered' } });
      expect(saved.statusCode).toBe(201);
      expect(saved.json().versions[0].source).toBe('discovered');
      expect(saved.json().tasks.map((t: { name: string }) => t.name)).toContain('Phone call with applicant');
    });

    test('the navigator is not for caseworkers; per-person figures need a team lead or analyst', async () => {
      expect((await caseworker.inject({ method: 'GET', url: '/api/navigator/analyses' })).statusCode).toBe(403);
      expect((await upload(caseworker, 'x.csv', 'a')).statusCode).toBe(403);
    });
  });
}

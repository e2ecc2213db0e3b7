import fs from 'node:fs';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import {
  createUnitTree,
  createUser,
  sessionFor,
  type TestSession,
  type UnitTree,
} from '../../../test/support/test-auth.js';
import { navigatorRepository } from './navigator.repository.js';
import { loadLogPopulation } from './population.js';

const fixture = (name: string) => fs.readFileSync(new URL(`../../../test/fixtures/navigator/${name}`, import.meta.url));
const housingXml = fixture('housing-benefit.bpmn').toString('utf8');
const housingLog = fixture('housing-benefit.xes.gz');

for (const engine of ENGINES) {
  describe(`navigator HTTP [${engine}]`, () => {
    const t = useTestApp(engine);
    let analyst: TestSession;
    let caseworker: TestSession;
    let modelId: string;
    let units: UnitTree;

    beforeAll(async () => {
      const db = t().database.db;
      units = await createUnitTree(db);
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
      modelId = (
        await analyst.inject({
          method: 'POST',
          url: '/api/process-models',
          payload: { name: 'Housing benefit', bpmnXml: housingXml },
        })
      ).json().id;
    });

    const upload = (s: TestSession, name: string, body: Buffer | string) =>
      s.inject({
        method: 'POST',
        url: `/api/navigator/logs?name=${encodeURIComponent(name)}`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: body,
      });

    test('an analyst uploads a gzipped XES log; its cases and activities are counted', async () => {
      const res = await upload(analyst, 'housing-benefit.xes.gz', housingLog);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ format: 'xes', cases: 240 });
      expect(res.json().activities).toContain('Screen application');
      expect(res.json().activities).toContain('Phone call with applicant');
    });

    test('a log the engine cannot read is refused with the reason, and nothing is stored', async () => {
      const before = (await analyst.inject({ method: 'GET', url: '/api/navigator/logs' })).json().length;
      const res = await upload(
        analyst,
        'broken.xes',
        '<log><trace><event><string key="concept:name" value="A"/></event></trace>',
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/^The event log cannot be read: /);
      const csv = await upload(analyst, 'no-activity.csv', 'case_id,when\n1,2024-01-01\n');
      expect(csv.statusCode).toBe(400);
      expect((await analyst.inject({ method: 'GET', url: '/api/navigator/logs' })).json().length).toBe(before);
    });

    test('a CSV saved by Danish Excel (Windows-1252) is detected, stored as UTF-8 and analysed with æøå intact', async () => {
      const excel = fixture('danish-excel-windows-1252.csv');
      expect(excel.includes(0xf8)).toBe(true); // ø as one Windows-1252 byte
      const res = await upload(analyst, 'sager.csv', excel);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ format: 'csv', cases: 2, events: 5 });
      expect(res.json().activities).toEqual(['Afgørelse truffet', 'Ansøgning modtaget', 'Høring af pårørende']);
      const stored = await navigatorRepository.findLog(t().database.db, res.json().id);
      const text = zlib.gunzipSync(stored!.content).toString('utf8');
      expect(text).toContain('Søren Ærø');
      expect(text).not.toContain('\uFFFD');
      // What an analysis later reads is the stored bytes: they give the same names.
      const { log } = await loadLogPopulation(t().database.db, res.json().id);
      expect([...log.resourceNames].sort()).toEqual(['Søren Ærø', 'Åse Møller']);
      expect([...log.activityNames].sort()).toEqual(res.json().activities);
    });

    test('the encoding can be chosen; a file that is not the chosen encoding is refused and nothing stored', async () => {
      const excel = fixture('danish-excel-windows-1252.csv');
      const before = (await analyst.inject({ method: 'GET', url: '/api/navigator/logs' })).json().length;
      const asUtf8 = await analyst.inject({
        method: 'POST',
        url: '/api/navigator/logs?name=sager.csv&encoding=utf-8',
        headers: { 'content-type': 'text/csv' },
        payload: excel,
      });
      expect(asUtf8.statusCode).toBe(400);
      expect(asUtf8.json().error).toMatchObject({ code: 'validation', details: { reason: 'bad_encoding' } });
      expect(asUtf8.json().error.message).toContain('Windows-1252');
      const unknown = await analyst.inject({
        method: 'POST',
        url: '/api/navigator/logs?name=sager.csv&encoding=latin9',
        headers: { 'content-type': 'text/csv' },
        payload: excel,
      });
      expect(unknown.statusCode).toBe(400);
      expect((await analyst.inject({ method: 'GET', url: '/api/navigator/logs' })).json().length).toBe(before);
      const chosen = await analyst.inject({
        method: 'POST',
        url: '/api/navigator/logs?name=sager.csv&encoding=windows-1252',
        headers: { 'content-type': 'text/csv' },
        payload: zlib.gzipSync(excel),
      });
      expect(chosen.statusCode).toBe(201);
      expect(chosen.json().activities).toContain('Høring af pårørende');
    });

    test('a log whose activities match no step is refused up front, naming both sides, and no analysis is kept', async () => {
      const log = await upload(
        analyst,
        'other.csv',
        'case_id,activity,timestamp\n1,Foo,2024-01-01T10:00:00Z\n1,Bar,2024-01-02T10:00:00Z\n',
      );
      expect(log.statusCode).toBe(201);
      const res = await analyst.inject({
        method: 'POST',
        url: '/api/navigator/analyses',
        payload: { modelId, population: { kind: 'log', logId: log.json().id } },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('does not match the model');
      expect(res.json().error.message).toContain('"Bar", "Foo"');
      expect(res.json().error.message).toContain('Register application');
      expect((await analyst.inject({ method: 'GET', url: '/api/navigator/analyses' })).json()).toEqual([]);
    });

    test('a workflow discovered from a log opens as BPMN that can be saved as a model', async () => {
      const log = (await upload(analyst, 'discover.xes.gz', housingLog)).json();
      const res = await analyst.inject({
        method: 'POST',
        url: '/api/navigator/discover',
        payload: { population: { kind: 'log', logId: log.id } },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ cases: 240, activities: 9 });
      expect(res.json().bpmnXml).toContain('Screen application');
      const saved = await analyst.inject({
        method: 'POST',
        url: '/api/process-models',
        payload: { name: 'Discovered', bpmnXml: res.json().bpmnXml, source: 'discovered' },
      });
      expect(saved.statusCode).toBe(201);
      expect(saved.json().versions[0].source).toBe('discovered');
      expect(saved.json().tasks.map((t: { name: string }) => t.name)).toContain('Phone call with applicant');
    });

    test('an analysis of some units is read only by those who hold a navigator role on all of them (others get an audited 404)', async () => {
      const db = t().database.db;
      const as = async (grants: { role: 'teamlead' | 'quality' | 'analyst'; unitId: string }[]) =>
        sessionFor(t().app, db, (await createUser(db, { grants })).id);
      const leadA = await as([{ role: 'teamlead', unitId: units.centreA }]);
      const leadB = await as([{ role: 'teamlead', unitId: units.teamB1 }]);
      const qualityA = await as([{ role: 'quality', unitId: units.centreA }]);
      const population = (unitIds: string[]) => ({
        kind: 'case-type' as const,
        caseTypeCode: 'housing-benefit',
        unitIds,
      });
      const add = (name: string, unitIds: string[]) =>
        navigatorRepository.insertAnalysis(db, {
          name,
          modelId,
          version: 1,
          population: population(unitIds),
          populationLabel: name,
          createdBy: null,
        });
      const ofA1 = await add('A1', [units.teamA1]);
      const ofBoth = await add('A1 and B1', [units.teamA1, units.teamB1]);
      const names = async (s: TestSession) =>
        (await s.inject({ method: 'GET', url: '/api/navigator/analyses' }))
          .json()
          .map((a: { name: string }) => a.name)
          .sort();

      expect(await names(leadA)).toEqual(['A1']);
      expect(await names(leadB)).toEqual([]);
      expect(await names(analyst)).toEqual(['A1', 'A1 and B1']);
      expect((await leadA.inject({ method: 'GET', url: `/api/navigator/analyses/${ofA1}` })).statusCode).toBe(200);
      for (const [who, id] of [
        [leadB, ofA1],
        [leadA, ofBoth],
      ] as const) {
        const res = await who.inject({ method: 'GET', url: `/api/navigator/analyses/${id}` });
        expect(res.statusCode).toBe(404);
        const denied = await db
          .selectFrom('audit_log')
          .select(['action', 'entity_id'])
          .where('request_id', '=', res.json().requestId)
          .executeTakeFirst();
        expect(denied).toEqual({ action: 'denied', entity_id: id });
      }
      // Per-person figures need a team lead or analyst on the units; quality there reads the rest, not the people.
      expect((await qualityA.inject({ method: 'GET', url: `/api/navigator/analyses/${ofA1}` })).statusCode).toBe(200);
      expect((await qualityA.inject({ method: 'GET', url: `/api/navigator/analyses/${ofA1}/people` })).statusCode).toBe(
        403,
      );
      const cancel = await leadB.inject({ method: 'POST', url: `/api/navigator/analyses/${ofA1}/cancel` });
      expect(cancel.statusCode).toBe(404);
      expect((await leadA.inject({ method: 'GET', url: `/api/navigator/analyses/${ofA1}` })).json().status).toBe(
        'pending',
      );
    });

    test('the navigator is not for caseworkers; per-person figures need a team lead or analyst', async () => {
      expect((await caseworker.inject({ method: 'GET', url: '/api/navigator/analyses' })).statusCode).toBe(403);
      expect((await upload(caseworker, 'x.csv', 'a')).statusCode).toBe(403);
    });
  });
}

import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { LogBuilder, readXesText, xesToString } from '@sagsgang/mining';
import { expect, test } from 'vitest';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { loadConfig } from '../../platform/config.js';
import type { Database } from '../../platform/db/database.js';
import { enqueueJob, JobRunner } from '../../platform/jobs/index.js';
import { createAppContext } from '../../composition.js';
import { createProcessModel, updateTaskGuidance } from '../process-models/index.js';
import { ANALYSIS_JOB_KIND, cancelAnalysis } from './navigator.jobs.js';
import { uploadLog } from './use-cases/upload-log.js';
import { startAnalysis } from './use-cases/start-analysis.js';
import { discoverModel } from './use-cases/discover-model.js';
import {
  getAnalysisInfo,
  getAnalysisResult,
  getPeopleStats,
  getReplay,
  listAnalysedCases,
} from './use-cases/read-analysis.js';

const fixture = (name: string) => fs.readFileSync(new URL(`../../../test/fixtures/navigator/${name}`, import.meta.url));
const housingXml = fixture('housing-benefit.bpmn').toString('utf8');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function prepare(database: Database) {
  const db = database.db;
  const model = await createProcessModel(
    db,
    {
      name: 'Housing benefit',
      topic: '',
      description: '',
      caseTypeCode: null,
      bpmnXml: housingXml,
      source: 'import',
      comment: '',
    },
    null,
  );
  await updateTaskGuidance(
    db,
    { modelId: model.id, version: 1, elementId: 'screen' },
    { guidance: '', legalRefs: [], checklist: [], links: [], deadlineDays: 3 },
  );
  const log = await uploadLog(db, { name: 'housing-benefit.xes.gz', bytes: fixture('housing-benefit.xes.gz') }, null);
  const start = () =>
    startAnalysis(
      db,
      { modelId: model.id, population: { kind: 'log', logId: log.id }, name: '' },
      null,
      (trx, analysisId) => enqueueJob(trx, { kind: ANALYSIS_JOB_KIND, payload: { analysisId } }),
    );
  const runner = new JobRunner({
    ctx: createAppContext({ config: loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), database }),
    log: silent,
  });
  return { db, model, log, start, runner };
}

/** The housing log again, every step recorded as a start event an hour before its complete event. */
async function housingWithStarts(): Promise<Buffer> {
  const log = await readXesText(gunzipSync(fixture('housing-benefit.xes.gz')).toString('utf8'));
  const b = new LogBuilder();
  for (let c = 0; c < log.caseCount; c++) {
    const k = b.beginCase(log.caseIds[c]);
    for (let e = log.caseOffsets[c]; e < log.caseOffsets[c + 1]; e++) {
      const activity = log.activityNames[log.activities[e]];
      const resource = log.resources[e] >= 0 ? log.resourceNames[log.resources[e]] : undefined;
      b.addEvent(k, activity, log.timestamps[e] - 3_600_000, resource, 'start');
      b.addEvent(k, activity, log.timestamps[e], resource, 'complete');
    }
  }
  return Buffer.from(xesToString(b.build()));
}

const caseRows = async (database: Database, analysisId: string) =>
  Number(
    (
      await database.db
        .selectFrom('navigator_case')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('analysis_id', '=', analysisId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describeEachEngine('navigator analysis', (database) => {
  test('a background analysis measures the log against the model, step by step, and keeps the result', async () => {
    const { db, start, runner } = await prepare(database());
    const queued = await start();
    expect(queued.status).toBe('pending');
    await runner.drain();
    const info = await getAnalysisInfo(db, queued.id);
    expect(info.status).toBe('done');
    expect(info.summary).toMatchObject({ cases: 240, events: 1486, unmappedActivities: ['Phone call with applicant'] });
    expect(info.summary!.logFitness).toBeGreaterThan(0.95);
    expect(info.summary!.logFitness).toBeLessThan(1);
    const result = await getAnalysisResult(db, queued.id);
    const step = (id: string) => result.elements.find((e) => e.elementId === id)!;
    expect(step('screen')).toMatchObject({ passed: 224, skipped: 16, deadlineDays: 3 });
    expect(step('screen').overDeadline).toBeGreaterThan(0);
    expect(step('decide').outOfOrder).toBeGreaterThan(0);
    expect(result.flows.find((f) => f.flowId === 'f1')?.count).toBe(240);
    expect(result.variants[0].count).toBeGreaterThanOrEqual(result.variants[1].count);
    expect(
      result.variants.some((v) => v.deviations.some((d) => d.kind === 'skipped' && d.elementId === 'screen')),
    ).toBe(true);
    expect(result.units.map((u) => u.group)).toEqual(['Team Centre', 'Team North', 'Team South']);
    expect(result.dfg.activities.length).toBe(9);
  });

  test('an uploaded log with start and complete events is measured step by step: same verdicts, waits and durations apart', async () => {
    const { db, model, start, runner } = await prepare(database());
    const plain = await start();
    const withStarts = await uploadLog(db, { name: 'housing-lifecycle.xes', bytes: await housingWithStarts() }, null);
    const lifecycle = await startAnalysis(
      db,
      { modelId: model.id, population: { kind: 'log', logId: withStarts.id }, name: '' },
      null,
      (trx, analysisId) => enqueueJob(trx, { kind: ANALYSIS_JOB_KIND, payload: { analysisId } }),
    );
    await runner.drain();
    const [a, b] = [await getAnalysisResult(db, plain.id), await getAnalysisResult(db, lifecycle.id)];
    expect(b.analysis.status).toBe('done');
    expect(b.analysis.summary!.events).toBe(2 * a.analysis.summary!.events);
    for (const k of ['logFitness', 'averageTraceFitness', 'fittingShare'] as const)
      expect(b.analysis.summary![k]).toBe(a.analysis.summary![k]);
    const counts = (r: typeof a) =>
      r.elements.map(({ elementId, passed, skipped, outOfOrder, extra, overDeadline }) => ({
        elementId,
        passed,
        skipped,
        outOfOrder,
        extra,
        overDeadline,
      }));
    expect(counts(b)).toEqual(counts(a));
    expect(b.variants.map((v) => v.activities)).toEqual(a.variants.map((v) => v.activities));
    const screen = (r: typeof a) => r.elements.find((e) => e.elementId === 'screen')!;
    expect(screen(a).medianDurationMs).toBeNull();
    expect(screen(b).medianDurationMs).toBe(3_600_000);
    expect(screen(b).medianWaitMs).toBe(screen(a).medianWaitMs! - 3_600_000);
    const extra = await listAnalysedCases(db, lifecycle.id, {
      element: 'screen',
      metric: 'extra',
      limit: 500,
      offset: 0,
    });
    expect(extra.total).toBe(screen(a).extra);
  });

  test('every number drills down to exactly the cases behind it', async () => {
    const { db, start, runner } = await prepare(database());
    const { id } = await start();
    await runner.drain();
    const result = await getAnalysisResult(db, id);
    const screen = result.elements.find((e) => e.elementId === 'screen')!;
    const skipped = await listAnalysedCases(db, id, { element: 'screen', metric: 'skipped', limit: 500, offset: 0 });
    expect(skipped.total).toBe(screen.skipped);
    expect(skipped.cases.every((c) => c.deviations.some((d) => d.kind === 'skipped' && d.elementId === 'screen'))).toBe(
      true,
    );
    const late = await listAnalysedCases(db, id, { state: 'late', limit: 1, offset: 0 });
    expect(late.total).toBe(result.analysis.summary!.states.late);
    const variant = await listAnalysedCases(db, id, { variant: 0, limit: 500, offset: 0 });
    expect(variant.total).toBe(result.variants[0].count);
    const outside = await listAnalysedCases(db, id, { activity: 'Phone call with applicant', limit: 500, offset: 0 });
    expect(outside.total).toBeGreaterThan(0);
    expect(outside.cases.every((c) => c.state !== 'on_time')).toBe(true);
  });

  test('replay paths and per-person figures: never a person with fewer than 5 cases', async () => {
    const { db, start, runner } = await prepare(database());
    const { id } = await start();
    await runner.drain();
    const replay = await getReplay(db, id, 100);
    expect(replay.cases).toHaveLength(100);
    expect(replay.total).toBe(240);
    expect(replay.elements).toContain('screen');
    const first = replay.cases[0].p;
    expect(first.length % 2).toBe(0);
    for (let i = 3; i < first.length; i += 2) expect(first[i]).toBeGreaterThanOrEqual(first[i - 2]);
    const people = await getPeopleStats(db, id);
    expect(people.minimumGroup).toBe(5);
    expect(people.people.length).toBeGreaterThan(0);
    expect(people.people.every((p) => p.cases >= 5)).toBe(true);
  });

  test('a cancelled analysis leaves no result and no case rows', async () => {
    const { db, start, runner } = await prepare(database());
    const { id } = await start();
    expect(await cancelAnalysis(db, id)).toBe(true);
    await runner.drain();
    const info = await getAnalysisInfo(db, id);
    expect(info.status).toBe('cancelled');
    expect(info.summary).toBeNull();
    expect(await caseRows(database(), id)).toBe(0);
    await expect(getAnalysisResult(db, id)).rejects.toThrow('cancelled');
  });

  test('an analysis that fails part-way is marked failed with the reason, with nothing half-written', async () => {
    const { db, start, runner, log } = await prepare(database());
    const { id } = await start();
    await db.deleteFrom('navigator_log').where('id', '=', log.id).execute();
    await runner.drain();
    const info = await getAnalysisInfo(db, id);
    expect(info).toMatchObject({ status: 'failed', error: 'The uploaded log no longer exists.', summary: null });
    expect(await caseRows(database(), id)).toBe(0);
  });

  test('a model the engine cannot convert is refused before anything is queued', async () => {
    const { db, log } = await prepare(database());
    const twoProcesses = housingXml.replace(
      '</bpmn:definitions>',
      '<bpmn:process id="other"><bpmn:task id="x" name="Register application"/></bpmn:process></bpmn:definitions>',
    );
    const model = await createProcessModel(
      db,
      {
        name: 'Two pools',
        topic: '',
        description: '',
        caseTypeCode: null,
        bpmnXml: twoProcesses,
        source: 'import',
        comment: '',
      },
      null,
    );
    const before = await db.selectFrom('navigator_analysis').select('id').execute();
    await expect(
      startAnalysis(
        db,
        { modelId: model.id, population: { kind: 'log', logId: log.id }, name: '' },
        null,
        async () => null,
      ),
    ).rejects.toThrow(/^The model cannot be analysed: /);
    expect(await db.selectFrom('navigator_analysis').select('id').execute()).toEqual(before);
  });

  test('a workflow discovered from a log with start and complete events is the one discovered from its completions', async () => {
    const { db, log } = await prepare(database());
    const withStarts = await uploadLog(db, { name: 'housing-lifecycle.xes', bytes: await housingWithStarts() }, null);
    const plain = await discoverModel(db, { kind: 'log', logId: log.id }, 0.2);
    const folded = await discoverModel(db, { kind: 'log', logId: withStarts.id }, 0.2);
    expect(folded.cases).toBe(plain.cases);
    expect(folded.activities).toBe(plain.activities);
    // The same model to the byte: a start event is not a step of its own, so it adds no loop of a task over itself.
    expect(folded.bpmnXml).toBe(plain.bpmnXml);
    expect(plain.bpmnXml.match(/<bpmn:task /g)?.length).toBe(plain.activities);
  });
});

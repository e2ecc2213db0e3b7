/** A large analysis is a bulk load of case rows: they are browsed at once, so they get planner statistics at once. */
import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { LogBuilder, readXesText, xesToString } from '@sagsgang/mining';
import { expect, test } from 'vitest';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { loadConfig } from '../../platform/config.js';
import { enqueueJob, JobRunner } from '../../platform/jobs/index.js';
import { createProcessModel } from '../process-models/index.js';
import { ANALYSIS_JOB_KIND } from './navigator.jobs.js';
import { uploadLog } from './use-cases/upload-log.js';
import { startAnalysis } from './use-cases/start-analysis.js';
import { createAppContext } from '../../composition.js';

const fixture = (name: string) => fs.readFileSync(new URL(`../../../test/fixtures/navigator/${name}`, import.meta.url));
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The housing-benefit log (240 cases) five times over, under new case ids: 1,200 cases. */
async function largeLog(): Promise<Buffer> {
  const log = await readXesText(gunzipSync(fixture('housing-benefit.xes.gz')).toString('utf8'));
  const b = new LogBuilder();
  for (let copy = 0; copy < 5; copy++)
    for (let c = 0; c < log.caseCount; c++) {
      const k = b.beginCase(`${log.caseIds[c]}-${copy}`);
      for (let e = log.caseOffsets[c]; e < log.caseOffsets[c + 1]; e++)
        b.addEvent(k, log.activityNames[log.activities[e]], log.timestamps[e]);
    }
  return Buffer.from(xesToString(b.build()));
}

describeEachEngine('navigator analysis statistics', (database) => {
  test('after an analysis of 1,200 cases the planner knows how many case rows there are', async () => {
    const db = database().db;
    const model = await createProcessModel(
      db,
      {
        name: 'Housing benefit',
        topic: '',
        description: '',
        caseTypeCode: null,
        bpmnXml: fixture('housing-benefit.bpmn').toString('utf8'),
        source: 'import',
        comment: '',
      },
      null,
    );
    const log = await uploadLog(db, { name: 'housing-large.xes', bytes: await largeLog() }, null);
    await startAnalysis(
      db,
      { modelId: model.id, population: { kind: 'log', logId: log.id }, name: '' },
      null,
      (trx, id) => enqueueJob(trx, { kind: ANALYSIS_JOB_KIND, payload: { analysisId: id } }),
    );
    const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
    await new JobRunner({ ctx: createAppContext({ config, database: database() }), log: silent }).drain();
    const r = await sql<{ planned: number; actual: number }>`
      SELECT (SELECT reltuples::float8 FROM pg_class WHERE oid = 'navigator_case'::regclass) AS planned,
             (SELECT count(*)::int FROM navigator_case) AS actual`.execute(db);
    expect(r.rows[0].actual).toBe(1200);
    expect(Number(r.rows[0].planned)).toBe(1200);
  });
});

import { expect, test } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { loadConfig } from '../../platform/config.js';
import { enqueueJob, JobRunner } from '../../platform/jobs/index.js';
import { createAppContext } from '../../composition.js';
import { demoCaseTypes, generateDemoHistory, seedDemoWorkflows } from '../demo/index.js';
import { searchProcessModels } from '../process-models/index.js';
import { ANALYSIS_JOB_KIND } from './navigator.jobs.js';
import { startAnalysis } from './use-cases/start-analysis.js';
import { getAnalysisInfo, listAnalysedCases } from './use-cases/read-analysis.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describeEachEngine('navigator on the case log', (database) => {
  test("the authority's own cases of a case type are analysed against its workflow, within the analyst's units", async () => {
    const db = database().db;
    await generateDemoHistory(db, { cases: 400, seed: 11, now: new Date('2026-06-01T12:00:00Z') });
    await seedDemoWorkflows(db, demoCaseTypes());
    const [model] = await searchProcessModels(db, { caseTypeCode: 'family-reunification' });
    const units = (await sql<{ id: string }>`SELECT DISTINCT unit_id AS id FROM case_file`.execute(db)).rows.map(
      (r) => r.id,
    );
    const enqueue = (trx: Parameters<Parameters<typeof startAnalysis>[3]>[0], analysisId: string) =>
      enqueueJob(trx, { kind: ANALYSIS_JOB_KIND, payload: { analysisId } });

    await expect(
      startAnalysis(
        db,
        {
          modelId: model.id,
          population: { kind: 'case-type', caseTypeCode: 'family-reunification', unitIds: units },
          name: '',
        },
        null,
        enqueue,
        units.slice(1),
      ),
    ).rejects.toThrow('your own units');
    const { id } = await startAnalysis(
      db,
      {
        modelId: model.id,
        population: { kind: 'case-type', caseTypeCode: 'family-reunification', unitIds: [] },
        name: '',
      },
      null,
      enqueue,
      units,
    );
    await new JobRunner({
      ctx: createAppContext({ config: loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), database: database() }),
      log: silent,
    }).drain();

    const info = await getAnalysisInfo(db, id);
    expect(info.status).toBe('done');
    expect(info.population).toMatchObject({ kind: 'case-type', unitIds: units });
    expect(info.summary!.cases).toBeGreaterThan(50);
    expect(info.summary!.averageTraceFitness).toBeGreaterThan(0.8);
    expect(info.summary!.unmappedActivities).toEqual([]);
    const cases = await listAnalysedCases(db, id, { limit: 5, offset: 0 });
    expect(cases.cases[0].caseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(cases.cases[0].caseKey).toMatch(/^SAG-\d{4}-\d{6}$/);
  });
});

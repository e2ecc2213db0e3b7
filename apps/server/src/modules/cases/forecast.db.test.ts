/**
 * The expected-decision forecast as data: what it reads is kept in the clock rows, equals what the event log says,
 * is read in one index range per case type, and a node's copy in memory follows every decision made anywhere.
 */
import { expect, test } from 'vitest';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { countQueries } from '../../../test/support/query-counter.js';
import { analyzeDatabase } from '../../platform/db/statistics.js';
import type { DB } from '../../platform/db/schema.js';
import type { Executor } from '../../platform/db/transaction.js';
import { generateDemoHistory } from '../demo/index.js';
import { recentDecidedQuery } from './forecast.repository.js';
import { FORECAST_WINDOW } from './forecast-history.js';
import { forecastFromHistory } from './expected-decision.js';
import { getDecidedHistory, type DecidedCase } from './use-cases/get-decided-history.js';
import { expectedDecision, expectedDecisions } from './use-cases/get-expected-decision.js';
import { decideCase } from './use-cases/decide-case.js';
import { recomputeClocks } from './use-cases/recompute-clocks.js';

const NOW = new Date('2026-06-01T12:00:00Z');

/** The history as it was read before it was kept: each case's phases from its events, per case. */
async function historyFromEventLog(db: Executor, caseTypeId: string, limit: number): Promise<DecidedCase[]> {
  const r = await sql<{ duration_days: number; received_date: string; decided_date: string; phases: string[] }>`
    SELECT (k.decided_date - k.received_date) AS duration_days, k.received_date::text AS received_date,
           k.decided_date::text AS decided_date,
           ARRAY(SELECT DISTINCT COALESCE(e.attributes->>'to', e.attributes->>'phase') FROM case_event e
                 WHERE e.case_id = k.case_id AND e.activity IN ('received', 'phase_changed')
                   AND COALESCE(e.attributes->>'to', e.attributes->>'phase') IS NOT NULL) AS phases
    FROM case_clock k
    WHERE k.case_type_id = ${caseTypeId} AND k.decided_date IS NOT NULL
    ORDER BY k.decided_date DESC, k.case_id DESC
    LIMIT ${limit}`.execute(db);
  return r.rows.map((x) => ({
    durationDays: Number(x.duration_days),
    receivedDate: x.received_date,
    decidedDate: x.decided_date,
    phases: x.phases,
  }));
}

/** Clock rows whose phases are not the event log's: each phase entered, once, in the order first entered. */
async function phasesDifferingFromLog(db: Executor): Promise<{ n: number }> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM case_clock k
    WHERE k.phases IS DISTINCT FROM ARRAY(
      SELECT p.phase FROM (
        SELECT COALESCE(e.attributes->>'to', e.attributes->>'phase') AS phase, min(e.seq) AS first_seq
        FROM case_event e WHERE e.case_id = k.case_id AND e.activity IN ('received', 'phase_changed')
          AND COALESCE(e.attributes->>'to', e.attributes->>'phase') IS NOT NULL
        GROUP BY 1) p ORDER BY p.first_seq)`.execute(db);
  return r.rows[0];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Loops'?: number;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

async function planOf(db: Executor, query: ReturnType<typeof sql>, analyse = false): Promise<PlanNode[]> {
  const options = analyse ? sql`ANALYZE, FORMAT JSON` : sql`FORMAT JSON`;
  const r = await sql<{ 'QUERY PLAN': unknown }>`EXPLAIN (${options}) ${query}`.execute(db);
  const raw = r.rows[0]['QUERY PLAN'];
  const json = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  return nodesOf(json[0].Plan);
}

/** What the plan reads of the event log and of the clock rows. */
function tablesRead(nodes: PlanNode[]) {
  return {
    eventLog: nodes.filter((n) => n['Relation Name'] === 'case_event'),
    clock: nodes.filter((n) => n['Relation Name'] === 'case_clock'),
  };
}

const sorted = (h: DecidedCase[]) => h.map((c) => ({ ...c, phases: [...c.phases].sort() }));

describeEachEngine('the expected-decision forecast as data', (database) => {
  let types: string[] = [];

  test('the demo history keeps each case’s phases in its clock row, as the event log has them', async () => {
    const { db } = database();
    await generateDemoHistory(db, { cases: 3000, seed: 5, now: NOW, batchSize: 500 });
    await analyzeDatabase(db);
    expect((await phasesDifferingFromLog(db)).n).toBe(0);
    const withPhases = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM case_clock WHERE cardinality(phases) >= 2`.execute(db);
    expect(withPhases.rows[0].n).toBeGreaterThan(1000);
    types = (
      await sql<{ id: string }>`SELECT DISTINCT case_type_id AS id FROM case_clock ORDER BY 1`.execute(db)
    ).rows.map((r) => r.id);
    expect(types.length).toBeGreaterThan(3);
  });

  test('clock recomputation derives the phases again, as it derives the rest of the clock row', async () => {
    const { db } = database();
    const since = '2026-05-15';
    const wiped =
      await sql`UPDATE case_clock SET phases = '{}' WHERE decided_date IS NULL OR decided_date >= ${since}::date`.execute(
        db,
      );
    expect(Number(wiped.numAffectedRows)).toBeGreaterThan(50);
    const result = await recomputeClocks(db, { fromDay: since, now: NOW });
    expect(result.cases).toBe(Number(wiped.numAffectedRows));
    expect((await phasesDifferingFromLog(db)).n).toBe(0);
  });

  test('each case type’s history, and so each stated range, is what the event log gives', async () => {
    const { db } = database();
    for (const typeId of types) {
      const kept = await getDecidedHistory(db, typeId, { limit: FORECAST_WINDOW });
      const logged = await historyFromEventLog(db, typeId, FORECAST_WINDOW);
      expect(kept.length).toBeGreaterThan(50);
      expect(sorted(kept)).toEqual(sorted(logged));
      // Received on 1 May, asked on the day, three weeks on and two months on.
      for (const today of ['2026-05-01', '2026-05-21', '2026-06-30']) {
        const input = {
          caseTypeId: typeId,
          receivedDate: '2026-05-01',
          today,
          goalDate: null,
          paused: false,
          decided: false,
        };
        for (const phaseCode of [...new Set(logged.flatMap((h) => h.phases)), null]) {
          const got = await expectedDecision(db, { ...input, phaseCode });
          expect({ forecast: got.forecast, basis: got.basis }).toEqual(
            forecastFromHistory(logged, { ...input, phaseCode }),
          );
        }
      }
    }
  });

  test('the forecast’s plan reads one index range of the clock rows per case type, never the event log', async () => {
    const { db } = database();
    // A window smaller than each type's history, as in use (500 of thousands): the read must stop at the window.
    const window = 50;
    const query = recentDecidedQuery({ caseTypeIds: types, limit: window });
    const plan = tablesRead(await planOf(db, query));
    expect(plan.eventLog).toEqual([]);
    expect(plan.clock.length).toBeGreaterThan(0);
    for (const node of plan.clock) {
      expect(node['Node Type']).toMatch(/^Index (Only )?Scan$/);
      expect(node['Index Name']).toBe('case_clock_forecast_idx');
    }
    const ran = tablesRead(await planOf(db, query, true));
    for (const node of ran.clock) {
      expect(node['Actual Loops']).toBe(types.length);
      expect(node['Actual Rows']).toBeLessThanOrEqual(window);
    }
    // The check itself: the query the forecast used to run reads the event log once per decided case.
    const old = tablesRead(
      await planOf(
        db,
        sql`SELECT ARRAY(SELECT e.attributes->>'to' FROM case_event e WHERE e.case_id = k.case_id) FROM case_clock k
            WHERE k.case_type_id = ${types[0]} AND k.decided_date IS NOT NULL ORDER BY k.decided_date DESC LIMIT 500`,
      ),
    );
    expect(old.eventLog.length).toBeGreaterThan(0);
  });

  test('a node keeps the histories in memory and re-reads one only after a decision of its type, made anywhere', async () => {
    const { db, pool } = database();
    // Two app nodes on one database: each has its own Kysely instance (and so its own memory).
    const nodeA = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const nodeB = db;
    const open = await sql<{ id: string; case_type_id: string; version: number; outcome: string }>`
      SELECT c.id, c.case_type_id, c.version, v.definition->'outcomes'->>0 AS outcome
      FROM case_file c JOIN case_type_version v ON v.id = c.case_type_version_id
      WHERE c.state IN ('received', 'in_progress') ORDER BY c.received_at DESC LIMIT 1`.execute(db);
    const kase = open.rows[0];
    const input = (caseTypeId: string) => ({
      caseTypeId,
      phaseCode: null,
      receivedDate: '2026-05-01',
      today: '2026-06-01',
      goalDate: null,
      paused: false,
      decided: false,
    });
    const counter = countQueries(pool);
    const first = await expectedDecisions(nodeA, types.map(input));
    expect(counter.count).toBe(2); // the versions, then every type's history in one read
    counter.reset();
    expect(await expectedDecisions(nodeA, types.map(input))).toEqual(first);
    expect(counter.count).toBe(1); // the versions only
    const before = first[types.indexOf(kase.case_type_id)].forecast!;

    await decideCase({ db: nodeB, actor: { system: true, userId: null }, now: NOW }, kase.id, {
      expectedVersion: kase.version,
      outcome: kase.outcome as 'granted',
      reasons: 'Decided by the test.',
      legalRules: ['§ 1'],
      appealGuidance: 'Appeal within four weeks.',
    });
    counter.reset();
    const after = await expectedDecision(nodeA, input(kase.case_type_id));
    expect(counter.count).toBe(2); // its version moved: the history is read again
    // The newest decided cases, up to the window, now with the new decision.
    expect(after.forecast!.sampleSize).toBe(Math.min(before.sampleSize + 1, FORECAST_WINDOW));
    const newest = await getDecidedHistory(db, kase.case_type_id, { limit: 1 });
    expect(newest[0].decidedDate).toBe('2026-06-01');
    counter.reset();
    await expectedDecisions(nodeA, types.map(input));
    expect(counter.count).toBe(1); // the other types did not move
    counter.stop();
  });
});

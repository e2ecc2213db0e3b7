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
import { calendarDaysBetween, forecastSurvival } from '@sagsgang/clock';
import { experienceQuery } from './forecast.repository.js';
import { forecastExperiences, warmForecasts } from './forecast-history.js';
import { getDecidedHistory } from './use-cases/get-decided-history.js';
import { expectedDecision, expectedDecisions } from './use-cases/get-expected-decision.js';
import { decideCase } from './use-cases/decide-case.js';
import { recomputeClocks } from './use-cases/recompute-clocks.js';

const NOW = new Date('2026-06-01T12:00:00Z');

const epochDay = (date: string): number => calendarDaysBetween('1970-01-01', date);

/** Every clock row of a case type, read whole (no index range, no window): what the estimate must rest on. */
async function allCasesOf(db: Executor, caseTypeId: string) {
  const r = await sql<{ received: string; decided: string | null }>`
    SELECT received_date::text AS received, decided_date::text AS decided FROM case_clock
    WHERE case_type_id = ${caseTypeId}`.execute(db);
  return r.rows;
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

  test('each stated range is the survival estimate over the type’s decided cases of 12 months and its open cases', async () => {
    const { db } = database();
    for (const typeId of types) {
      const all = await allCasesOf(db, typeId);
      // Received on 1 May, asked on the day, three weeks on and two months on.
      for (const today of ['2026-05-01', '2026-05-21', '2026-06-30']) {
        // Known on that day: decided by then (decisions after it are still open then), received by then.
        const known = all.filter((c) => c.received <= today);
        const decided = known
          .filter((c) => c.decided !== null && c.decided <= today)
          .map((c) => ({ start: epochDay(c.received), decision: epochDay(c.decided!) + 1 }));
        const open = known
          .filter((c) => c.decided === null || c.decided > today)
          .map((c) => ({ start: epochDay(c.received) }));
        const input = {
          caseTypeId: typeId,
          receivedDate: '2026-05-01',
          today,
          goalDate: null,
          paused: false,
          decided: false,
        };
        const got = await expectedDecision(db, { ...input, phaseCode: null });
        const history = {
          asOf: epochDay(today) + 1 + 1e-6, // the end of today, a moment after today's decisions
          windowDays: 365,
          elapsedDays: calendarDaysBetween('2026-05-01', today) + 1, // received at the start of its day
          asOfDate: today,
        };
        // The cases received on the same weekday (1 May 2026 was a Friday) answer when 100 of them were decided
        // at a greater age within the window; otherwise all the type's cases do.
        const friday = (c: { start: number }) => new Date(c.start * 86_400_000).getUTCDay() === 5;
        const window = history.asOf - 365;
        const fridayDecisionsBeyond = decided.filter(
          (c) => friday(c) && c.decision >= window && c.decision - c.start > history.elapsedDays,
        ).length;
        const byWeekday = fridayDecisionsBeyond >= 100;
        const expected = byWeekday
          ? forecastSurvival({ ...history, decided: decided.filter(friday), open: open.filter(friday) })
          : forecastSurvival({ ...history, decided, open });
        expect(got.forecast).not.toBeNull();
        expect(got.basis).toBe(byWeekday ? 'weekday' : 'case_type');
        expect(got.forecast).toEqual(expected);
      }
    }
  });

  test('the forecast’s plan reads index ranges of the clock rows per case type, never the event log', async () => {
    const { db } = database();
    const query = experienceQuery({ caseTypeIds: types, decidedFrom: '2025-06-01' });
    const nodes = await planOf(db, query);
    const plan = tablesRead(nodes);
    expect(plan.eventLog).toEqual([]);
    // One read per branch of the union: an index range (directly, or as a bitmap of it) of its partial index.
    expect(plan.clock.length).toBe(2);
    for (const node of plan.clock) expect(node['Node Type']).toMatch(/^(Index (Only )?Scan|Bitmap Heap Scan)$/);
    const indexes = nodes.map((n) => n['Index Name']).filter((x) => x !== undefined);
    expect(indexes.sort()).toEqual(['case_clock_forecast_idx', 'case_clock_open_forecast_idx']);
    const ran = tablesRead(await planOf(db, query, true));
    for (const node of ran.clock) expect(node['Actual Loops']).toBe(types.length);
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
    expect(counter.count).toBe(3); // the versions, then every type's window and history, each in one read
    counter.reset();
    expect(await expectedDecisions(nodeA, types.map(input))).toEqual(first);
    expect(counter.count).toBe(1); // the versions only
    const before = first[types.indexOf(kase.case_type_id)].forecast!;
    const beforeExperience = (await forecastExperiences(nodeA, [kase.case_type_id], '2026-06-01')).get(
      kase.case_type_id,
    )!;

    await decideCase({ db: nodeB, actor: { system: true, userId: null }, now: NOW }, kase.id, {
      expectedVersion: kase.version,
      outcome: kase.outcome as 'granted',
      reasons: 'Decided by the test.',
      legalRules: ['§ 1'],
      appealGuidance: 'Appeal within four weeks.',
    });
    counter.reset();
    const after = await expectedDecision(nodeA, input(kase.case_type_id));
    expect(counter.count).toBe(3); // its version moved: its window and history are read again
    // The newest decided cases, up to the window, now with the new decision.
    // The case counted as open (censored at its age) before, as a decision now: the same cases, one more decided.
    expect(after.forecast!.sampleSize).toBe(before.sampleSize);
    const experience = (await forecastExperiences(nodeA, [kase.case_type_id], '2026-06-01')).get(kase.case_type_id)!;
    expect(experience.decided).toBe(beforeExperience.decided + 1);
    expect(experience.open).toBe(beforeExperience.open - 1);
    const newest = await getDecidedHistory(db, kase.case_type_id, { limit: 1 });
    expect(newest[0].decidedDate).toBe('2026-06-01');
    counter.reset();
    await expectedDecisions(nodeA, types.map(input));
    expect(counter.count).toBe(1); // the other types did not move
    counter.stop();
  });

  test('a node warmed at start-up answers its first forecast from memory, reading only the versions', async () => {
    const { db, pool } = database();
    // A node that has just started: its own Kysely instance, so its own (empty) memory.
    const node = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const all = await db.selectFrom('case_type').select('id').execute();
    expect(await warmForecasts(node, '2026-06-01')).toBe(all.length);
    const counter = countQueries(pool);
    const first = await expectedDecisions(
      node,
      types.map((caseTypeId) => ({
        caseTypeId,
        phaseCode: null,
        receivedDate: '2026-05-01',
        today: '2026-06-01',
        goalDate: null,
        paused: false,
        decided: false,
      })),
    );
    expect(counter.count).toBe(1);
    expect(first.some((e) => e.forecast !== null)).toBe(true);
    counter.stop();
  });

  test('a case type that sets its own window of experience is forecast over it, on every node at once', async () => {
    const { db } = database();
    const typeId = types[0];
    const input = {
      caseTypeId: typeId,
      phaseCode: null,
      receivedDate: '2026-05-01',
      today: '2026-06-01',
      goalDate: null,
      paused: false,
      decided: false,
    };
    const twelveMonths = await expectedDecision(db, input); // kept in this node's memory
    // A new version of the type that learns from 3 months only (published versions are never changed).
    await sql`
      INSERT INTO case_type_version (case_type_id, version, definition, unit_id, goal_amount, goal_unit, goal_days,
                                     target_share, clock_start)
      SELECT v.case_type_id, v.version + 1, v.definition || '{"forecastWindowMonths": 3}'::jsonb, v.unit_id,
             v.goal_amount, v.goal_unit, v.goal_days, v.target_share, v.clock_start
      FROM case_type t JOIN case_type_version v ON v.case_type_id = t.id AND v.version = t.current_version
      WHERE t.id = ${typeId}`.execute(db);
    await sql`UPDATE case_type SET current_version = current_version + 1 WHERE id = ${typeId}`.execute(db);
    const threeMonths = await expectedDecision(db, input);
    expect(threeMonths.windowMonths).toBe(3);
    expect(twelveMonths.windowMonths).toBe(12);
    const all = await allCasesOf(db, typeId);
    const today = '2026-06-01';
    const known = all.filter((c) => c.received <= today);
    const history = {
      asOf: epochDay(today) + 1 + 1e-6,
      decided: known
        .filter((c) => c.decided !== null && c.decided <= today)
        .map((c) => ({ start: epochDay(c.received), decision: epochDay(c.decided!) + 1 })),
      open: known.filter((c) => c.decided === null || c.decided > today).map((c) => ({ start: epochDay(c.received) })),
      elapsedDays: calendarDaysBetween('2026-05-01', today) + 1,
      asOfDate: today,
    };
    // 3 months of 365.25 / 12 days: 91 days (the demo's types have too few cases per weekday for the weekday curves).
    expect(threeMonths.basis).toBe('case_type');
    expect(threeMonths.forecast).toEqual(forecastSurvival({ ...history, windowDays: 91 }));
    expect(threeMonths.forecast!.sampleSize).toBeLessThan(twelveMonths.forecast!.sampleSize);
  });
});

import { expect, test } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../../test/support/test-database.js';
import { createRng } from './demo-prng.js';
import { generateDemoHistory } from './demo-history.js';
import { simulateCase } from './demo-history-simulation.js';
import { demoCaseTypes } from '../case-types/demo-case-types.js';

const NOW = new Date('2026-06-01T12:00:00Z');

test('the simulation is deterministic for a seed and always starts with receipt and ends in order', () => {
  const definition = demoCaseTypes()[0];
  const type = {
    definition,
    informedFrom: 0.5,
    informedTo: 0.6,
    medianShare: 0.55,
    sigma: 0.3,
    hearingRate: 0.2,
    extensionRate: 0.05,
  };
  const run = (seed: number) =>
    Array.from({ length: 400 }, (_, i) =>
      simulateCase(createRng(seed + i), { type, receivedAt: Date.UTC(2025, 2, 3, 9), progress: 0.5, load: 1 }),
    );
  expect(run(7)).toEqual(run(7));
  expect(run(7)).not.toEqual(run(8));
  for (const events of run(7)) {
    expect(events[0].activity).toBe('received');
    expect(events.at(-1)!.activity).toBe('closed');
    expect(events.findIndex((e) => e.activity === 'decided')).toBe(events.length - 2);
    for (let i = 1; i < events.length; i++) expect(events[i].at).toBeGreaterThanOrEqual(events[i - 1].at);
  }
});

describeEachEngine('demo history', (database) => {
  test('generates cases with events and clock rows, realistic variation, and only once', async () => {
    const { db } = database();
    const result = await generateDemoHistory(db, { cases: 600, seed: 11, now: NOW, batchSize: 250 });
    expect(result.skipped).toBe(false);
    expect(result.cases).toBe(600);
    const counts = await sql<{ cases: number; clocks: number; events: number }>`
      SELECT (SELECT count(*)::int FROM case_file) AS cases, (SELECT count(*)::int FROM case_clock) AS clocks,
             (SELECT count(*)::int FROM case_event) AS events`.execute(db);
    expect(counts.rows[0]).toEqual({ cases: 600, clocks: 600, events: result.events });

    const mix = await sql<{
      not_informed: number;
      late: number;
      open: number;
      extended: number;
      requests: number;
      types: number;
    }>`
      SELECT avg((NOT fully_informed_on_receipt)::int)::float AS not_informed, avg((NOT goal_met)::int)::float AS late,
             count(*) FILTER (WHERE decided_at IS NULL)::int AS open, count(DISTINCT case_type_id)::int AS types,
             (SELECT count(*)::int FROM case_event WHERE activity = 'extended') AS extended,
             (SELECT count(*)::int FROM case_event WHERE activity = 'information_requested') AS requests
      FROM case_clock`.execute(db);
    const m = mix.rows[0];
    expect(m.types).toBe(6);
    expect(m.not_informed).toBeGreaterThan(0.2);
    expect(m.not_informed).toBeLessThan(0.6);
    expect(m.late).toBeGreaterThan(0.01);
    expect(m.late).toBeLessThan(0.3);
    expect(m.open).toBeGreaterThan(0);
    expect(m.requests).toBeGreaterThan(100);

    // Every case starts with receipt; states in case_file agree with the log.
    const firsts = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM case_event WHERE seq = 1 AND activity <> 'received'`.execute(db);
    expect(firsts.rows[0].n).toBe(0);
    const closedWithoutEvent = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM case_file c WHERE c.state = 'closed'
        AND NOT EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.activity = 'closed')`.execute(db);
    expect(closedWithoutEvent.rows[0].n).toBe(0);

    const again = await generateDemoHistory(db, { cases: 600, seed: 11, now: NOW });
    expect(again.skipped).toBe(true);
    const nextRef = await sql<{ n: number }>`SELECT last_value::int AS n FROM case_reference_seq`.execute(db);
    expect(nextRef.rows[0].n).toBeGreaterThanOrEqual(601);
  });
});

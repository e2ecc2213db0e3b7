import { expect, test } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { principalFor } from '../../../test/support/case-factories.js';
import { generateDemoHistory, getServiceGoalFigures } from './index.js';

const NOW = new Date('2026-06-01T12:00:00Z');

describeEachEngine('service-goal figures', (database) => {
  test('agree with percentile_cont over the cases and with the event log itself', async () => {
    const { db } = database();
    await generateDemoHistory(db, { cases: 800, seed: 5, now: NOW });
    const authority = await sql<{ id: string }>`SELECT id FROM unit WHERE parent_id IS NULL LIMIT 1`.execute(db);
    const reader = await principalFor(db, '00000000-0000-4000-8000-000000000001', [{ role: 'quality', unitId: authority.rows[0].id }]);
    const figures = await getServiceGoalFigures(db, reader, { from: '2020-01-01', to: '2026-06-01', breachWithinDays: 14 }, NOW);
    expect(figures.rows).toHaveLength(6);

    const want = await sql<{ case_type_id: string; decided: number; within: number; median: number; p75: number; p90: number }>`
      SELECT case_type_id, count(*)::int AS decided, count(*) FILTER (WHERE goal_met)::int AS within,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY processing_days) AS median,
             percentile_cont(0.75) WITHIN GROUP (ORDER BY processing_days) AS p75,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY processing_days) AS p90
      FROM case_clock WHERE goal_met IS NOT NULL GROUP BY case_type_id`.execute(db);
    for (const w of want.rows) {
      const row = figures.rows.find((r) => r.caseTypeId === w.case_type_id)!;
      expect(row).toMatchObject({ decided: w.decided, withinGoal: w.within });
      expect(row.medianDays).toBeCloseTo(w.median, 9);
      expect(row.p75Days).toBeCloseTo(w.p75, 9);
      expect(row.p90Days).toBeCloseTo(w.p90, 9);
      expect(figures.monthly.filter((m) => m.caseTypeId === w.case_type_id).reduce((n, m) => n + m.decided, 0)).toBe(w.decided);
      expect(figures.distribution.filter((m) => m.caseTypeId === w.case_type_id).reduce((n, m) => n + m.count, 0)).toBe(w.decided);
    }

    // Straight from the event log: the first screening verdict decides "fully informed on receipt".
    const fromLog = await sql<{ case_type_id: string; screened: number; informed: number }>`
      SELECT c.case_type_id, count(*)::int AS screened, count(*) FILTER (WHERE (e.attributes->>'fullyInformed')::boolean)::int AS informed
      FROM case_file c JOIN LATERAL (
        SELECT attributes FROM case_event WHERE case_id = c.id AND activity = 'screened' ORDER BY seq LIMIT 1
      ) e ON true GROUP BY c.case_type_id`.execute(db);
    for (const l of fromLog.rows) {
      const row = figures.rows.find((r) => r.caseTypeId === l.case_type_id)!;
      expect(row.fullyInformedOnReceipt).toBe(l.informed);
      expect(row.shareFullyInformedOnReceipt).toBeCloseTo(l.informed / l.screened, 9);
    }
    const open = figures.rows.reduce((n, r) => n + r.open.notStarted + r.open.running + r.open.paused + r.open.warning + r.open.breached, 0);
    const openInLog = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM case_file c WHERE NOT EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.activity = 'decided')`.execute(db);
    expect(open).toBe(openInLog.rows[0].n);
  });
});

import { expect, test } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { principalFor } from '../../../test/support/case-factories.js';
import { generateDemoHistory } from '../demo/index.js';
import { getServiceGoalFigures } from './index.js';

const NOW = new Date('2026-06-01T12:00:00Z');

describeEachEngine('service-goal figures', (database) => {
  test('agree with percentile_cont over the cases and with the event log itself', async () => {
    const { db } = database();
    await generateDemoHistory(db, { cases: 800, seed: 5, now: NOW });
    const authority = await sql<{ id: string }>`SELECT id FROM unit WHERE parent_id IS NULL LIMIT 1`.execute(db);
    const reader = await principalFor(db, '00000000-0000-4000-8000-000000000001', [
      { role: 'quality', unitId: authority.rows[0].id },
    ]);
    const figures = await getServiceGoalFigures(
      db,
      reader,
      { from: '2020-01-01', to: '2026-06-01', breachWithinDays: 14 },
      NOW,
    );
    expect(figures.rows).toHaveLength(6);

    const want = await sql<{
      case_type_id: string;
      decided: number;
      within: number;
      median: number;
      p75: number;
      p90: number;
    }>`
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
      expect(figures.monthly.filter((m) => m.caseTypeId === w.case_type_id).reduce((n, m) => n + m.decided, 0)).toBe(
        w.decided,
      );
      expect(figures.distribution.filter((m) => m.caseTypeId === w.case_type_id).reduce((n, m) => n + m.count, 0)).toBe(
        w.decided,
      );
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
    const open = figures.rows.reduce(
      (n, r) => n + r.open.notStarted + r.open.running + r.open.paused + r.open.warning + r.open.breached,
      0,
    );
    const openInLog = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM case_file c WHERE NOT EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.activity = 'decided')`.execute(
      db,
    );
    expect(open).toBe(openInLog.rows[0].n);
  });

  test('roll-ups stay equal to the clock rows through inserts, updates and deletes', async () => {
    const { db } = database();
    await generateDemoHistory(db, { cases: 600, seed: 11, now: NOW });
    // Recomputation (a calendar change) rewrites clock rows in bulk; retention deletes them.
    await sql`UPDATE case_clock SET processing_days = processing_days + 3, goal_met = NOT goal_met
              WHERE goal_met IS NOT NULL AND abs(hashtext(case_id::text)) % 4 = 0`.execute(db);
    await sql`UPDATE case_clock SET fully_informed_on_receipt = NULL, received_date = received_date - 40
              WHERE abs(hashtext(case_id::text)) % 7 = 0`.execute(db);
    await sql`DELETE FROM case_clock WHERE abs(hashtext(case_id::text)) % 9 = 0`.execute(db);
    const decided = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        (SELECT unit_id, case_type_id, month, processing_days, goal_met, cases FROM case_figures_decided WHERE cases <> 0
         EXCEPT ALL
         SELECT unit_id, case_type_id, date_trunc('month', decided_date::timestamp)::date, processing_days, goal_met, count(*)::int
         FROM case_clock WHERE goal_met IS NOT NULL GROUP BY 1, 2, 3, 4, 5)
        UNION ALL
        (SELECT unit_id, case_type_id, date_trunc('month', decided_date::timestamp)::date, processing_days, goal_met, count(*)::int
         FROM case_clock WHERE goal_met IS NOT NULL GROUP BY 1, 2, 3, 4, 5
         EXCEPT ALL
         SELECT unit_id, case_type_id, month, processing_days, goal_met, cases FROM case_figures_decided WHERE cases <> 0)
      ) diff`.execute(db);
    expect(decided.rows[0].n).toBe(0);
    const received = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        (SELECT unit_id, case_type_id, month, received, screened, informed FROM case_figures_received WHERE received <> 0
         EXCEPT ALL
         SELECT unit_id, case_type_id, date_trunc('month', received_date::timestamp)::date, count(*)::int,
                count(fully_informed_on_receipt)::int, count(*) FILTER (WHERE fully_informed_on_receipt)::int
         FROM case_clock GROUP BY 1, 2, 3)
        UNION ALL
        (SELECT unit_id, case_type_id, date_trunc('month', received_date::timestamp)::date, count(*)::int,
                count(fully_informed_on_receipt)::int, count(*) FILTER (WHERE fully_informed_on_receipt)::int
         FROM case_clock GROUP BY 1, 2, 3
         EXCEPT ALL
         SELECT unit_id, case_type_id, month, received, screened, informed FROM case_figures_received WHERE received <> 0)
      ) diff`.execute(db);
    expect(received.rows[0].n).toBe(0);
    const total = await sql<{ n: number }>`SELECT coalesce(sum(cases), 0)::int AS n FROM case_figures_decided`.execute(
      db,
    );
    expect(total.rows[0].n).toBeGreaterThan(100);
  });

  test('any period, whole months or not, gives what the clock rows of that period give', async () => {
    const { db } = database();
    await generateDemoHistory(db, { cases: 600, seed: 7, now: NOW });
    const authority = await sql<{ id: string }>`SELECT id FROM unit WHERE parent_id IS NULL LIMIT 1`.execute(db);
    const reader = await principalFor(db, '00000000-0000-4000-8000-000000000001', [
      { role: 'quality', unitId: authority.rows[0].id },
    ]);
    const periods: [string, string][] = [
      ['2025-06-01', '2026-05-31'],
      ['2025-06-17', '2026-02-03'],
      ['2025-11-05', '2025-11-25'],
      ['2024-12-31', '2025-01-01'],
      ['2025-03-01', '2025-03-31'],
      ['2025-01-31', '2026-06-01'],
    ];
    for (const [from, to] of periods) {
      const figures = await getServiceGoalFigures(db, reader, { from, to, breachWithinDays: 14 }, NOW);
      const want = await sql<{
        case_type_id: string;
        decided: number;
        within: number;
        median: number | null;
        p90: number | null;
      }>`
        SELECT case_type_id, count(*)::int AS decided, count(*) FILTER (WHERE goal_met)::int AS within,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY processing_days) AS median,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY processing_days) AS p90
        FROM case_clock WHERE goal_met IS NOT NULL AND decided_date BETWEEN ${from}::date AND ${to}::date GROUP BY case_type_id`.execute(
        db,
      );
      const got = (id: string) => figures.rows.find((r) => r.caseTypeId === id);
      for (const w of want.rows) {
        expect(got(w.case_type_id), `${from}..${to}`).toMatchObject({ decided: w.decided, withinGoal: w.within });
        expect(got(w.case_type_id)!.medianDays).toBeCloseTo(w.median!, 9);
        expect(got(w.case_type_id)!.p90Days).toBeCloseTo(w.p90!, 9);
      }
      expect(figures.rows.reduce((n, r) => n + r.decided, 0)).toBe(want.rows.reduce((n, w) => n + w.decided, 0));
      const rec = await sql<{ received: number; informed: number }>`
        SELECT count(*)::int AS received, count(*) FILTER (WHERE fully_informed_on_receipt)::int AS informed
        FROM case_clock WHERE received_date BETWEEN ${from}::date AND ${to}::date`.execute(db);
      expect(figures.rows.reduce((n, r) => n + r.received, 0)).toBe(rec.rows[0].received);
      expect(figures.rows.reduce((n, r) => n + r.fullyInformedOnReceipt, 0)).toBe(rec.rows[0].informed);
    }
  });
});

import { expect, test } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../../test/support/test-database.js';
import { loadConfig } from '../../../platform/config.js';
import { createAppContext } from '../../../composition.js';
import { seedDemoIfEmpty } from '../index.js';
import { DEMO_SEED_STEPS } from '../seed-steps.js';

describeEachEngine('demo complaints', (database) => {
  test('complaints at realistic rates over the history, every appeal outcome, and findings in several states', async () => {
    const config = loadConfig(
      { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      { seedDemo: true, demoCases: 4000 },
    );
    const lines: string[] = [];
    await seedDemoIfEmpty(
      createAppContext({ config, database: database() }),
      { info: (m) => lines.push(m) },
      DEMO_SEED_STEPS,
    );
    const db = database().db;
    console.log(lines.filter((l) => l.includes('complaints')).join('\n'));

    const refusals = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM case_clock WHERE outcome IN ('refused', 'partly_granted')`.execute(db);
    const byKind = await sql<{ kind: string; n: number }>`
      SELECT kind, count(*)::int AS n FROM complaint GROUP BY kind`.execute(db);
    const kinds = Object.fromEntries(byKind.rows.map((r) => [r.kind, r.n]));
    // A few decision complaints per hundred refusals.
    const perHundred = (100 * kinds.decision) / refusals.rows[0].n;
    expect(perHundred).toBeGreaterThan(1.5);
    expect(perHundred).toBeLessThan(6);
    expect(kinds.procedure).toBeGreaterThan(0);

    const outcomes = await sql<{ appeal_outcome: string }>`
      SELECT DISTINCT appeal_outcome FROM complaint WHERE appeal_outcome IS NOT NULL ORDER BY 1`.execute(db);
    // A history this small holds a few dozen appeals: the common outcomes, and at least one against the authority.
    const seen = outcomes.rows.map((r) => r.appeal_outcome);
    expect(seen).toContain('upheld');
    expect(seen.some((o) => ['changed', 'reversed', 'remitted'].includes(o))).toBe(true);
    const states = await sql<{ state: string }>`SELECT DISTINCT state FROM complaint ORDER BY 1`.execute(db);
    expect(states.rows.map((r) => r.state)).toEqual(
      expect.arrayContaining(['answered', 'appeal_decided', 'forwarded']),
    );

    // Waiting-time complaints are about late cases.
    const waiting = await sql<{ late: number; all: number }>`
      SELECT count(*) FILTER (WHERE k.goal_met = false)::int AS late, count(*)::int AS "all"
      FROM complaint c JOIN case_clock k ON k.case_id = c.case_id WHERE c.procedure_cause = 'waiting_time'`.execute(db);
    expect(waiting.rows[0].all).toBeGreaterThan(0);
    expect(waiting.rows[0].late).toBe(waiting.rows[0].all);

    // Every complaint's steps are on its case's log, and the clocks were left alone.
    const logged = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM case_event WHERE activity = 'complaint_received'`.execute(db);
    expect(logged.rows[0].n).toBe(kinds.decision + kinds.procedure);

    const findings = await sql<{ status: string }>`SELECT status FROM advisor_finding ORDER BY 1`.execute(db);
    expect(findings.rows.map((r) => r.status)).toEqual(['closed', 'in_progress', 'open']);
  }, 240_000);
});

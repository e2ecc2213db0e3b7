import { expect, test } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../../test/support/test-database.js';
import { makeStaffUser } from '../../../../test/support/case-factories.js';
import { generateDemoHistory } from '../case-history/demo-history.js';
import { drawSample } from '../../supervision/index.js';
import { seedDemoSupervision } from './demo-supervision.js';

const NOW = new Date('2026-06-01T12:00:00Z');

describeEachEngine('demo supervision history', (database) => {
  test(
    'two years of monthly samples whose error rates differ by unit and fall after the initiative; an audit remark with its plan',
    { timeout: 120_000 },
    async () => {
      const { db } = database();
      await generateDemoHistory(db, { cases: 6000, seed: 5, now: NOW, batchSize: 2000 });
      const units = Object.fromEntries(
        (await db.selectFrom('unit').select(['code', 'id']).execute()).map((u) => [u.code, u.id]),
      );
      // The demo history makes its teams under a parent of its own when the organisation is not seeded.
      for (const centre of ['cbi', 'udl', 'kommune']) units[centre] ??= units['cbi-ydelser']!;
      const users = { kvalitet: await makeStaffUser(db, 'Kvalitet'), teamleder: await makeStaffUser(db, 'Teamleder') };
      const started = performance.now();
      const r = await seedDemoSupervision(db, { units, users, now: NOW });
      const seconds = (performance.now() - started) / 1000;
      console.info(`demo supervision: ${r.samples} samples, ${r.reviews} reviews in ${seconds.toFixed(2)} s`);
      expect(r.samples).toBeGreaterThanOrEqual(40);
      expect(r.reviews).toBe(r.samples * 16);

      const rates = await sql<{ unit: string; after: boolean; code: string; rate: number }>`
      SELECT u.code AS unit, s.drawn_at >= ${new Date('2025-07-01T00:00:00Z')} AS after, k.code,
        avg((a.answer = 'not_met')::int)::float AS rate
      FROM supervision_answer a
      JOIN supervision_criterion k ON k.id = a.criterion_id
      JOIN supervision_sample_case c ON c.id = a.sample_case_id
      JOIN supervision_sample s ON s.id = c.sample_id
      JOIN unit u ON u.id = c.unit_id
      WHERE a.answer <> 'not_applicable' AND k.code IN ('appeal', 'deadline')
      GROUP BY 1, 2, 3`.execute(db);
      const rate = (unit: string, after: boolean) => rates.rows.find((x) => x.unit === unit && x.after === after)!.rate;
      expect(rate('cbi-ydelser', false)).toBeGreaterThan(rate('cbi-integration', false));
      expect(rate('cbi-ydelser', true)).toBeLessThan(rate('cbi-ydelser', false) * 0.7);
      expect(rate('udl-familie', false)).toBeGreaterThan(rate('udl-erhverv', false));
      expect(rate('udl-familie', true)).toBeLessThan(rate('udl-familie', false) * 0.7);

      // The follow-up sample of the initiative's month names the sample before it and the initiative.
      const followUps = await db
        .selectFrom('supervision_sample')
        .select(['follow_up_of', 'initiative_id'])
        .where('follow_up_of', 'is not', null)
        .execute();
      expect(followUps).toHaveLength(2);
      expect(followUps.every((f) => f.initiative_id !== null)).toBe(true);

      // Any stored sample is drawn again from its snapshot and seed.
      const one = await db
        .selectFrom('supervision_sample')
        .select(['id', 'seed', 'size'])
        .limit(1)
        .executeTakeFirstOrThrow();
      const population = await db
        .selectFrom('supervision_population_case')
        .select(['case_id as id', 'stratum'])
        .where('sample_id', '=', one.id)
        .execute();
      const stored = await db
        .selectFrom('supervision_sample_case')
        .select('case_id')
        .where('sample_id', '=', one.id)
        .execute();
      const again = drawSample(population, { size: one.size, seed: one.seed, allocation: 'equal' });
      expect(again.cases.map((c) => c.id).sort()).toEqual(stored.map((s) => s.case_id).sort());

      const plan = await db
        .selectFrom('supervision_initiative')
        .select('status')
        .where('audit_remark_id', 'is not', null)
        .execute();
      expect(plan.map((p) => p.status).sort()).toEqual(['done', 'done', 'in_progress']);
    },
  );
});

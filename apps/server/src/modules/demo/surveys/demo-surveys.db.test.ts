import { describe, expect, test } from 'vitest';
import { ENGINES } from '../../../../test/support/test-database.js';
import { useTestApp } from '../../../../test/support/test-app.js';
import { signIn } from '../../../../test/support/test-auth.js';
import { startBackground } from '../../../composition.js';
import { DEMO_PASSWORD } from '../index.js';
import { generateDemoSurveys } from './demo-surveys.js';

interface Group {
  key: string;
  label: string;
  suppressed: boolean;
  invited: number | null;
  responses: number | null;
  responseRate: number | null;
  questions: {
    questionId: string;
    shareSatisfied: number | null;
    shareInterval: { low: number; high: number } | null;
  }[];
}
const overall = (g: Group) => g.questions.find((q) => q.questionId === 'overall')!;

for (const engine of ENGINES) {
  describe(`demo survey history [${engine}]`, () => {
    const t = useTestApp(engine, { seedDemo: true, demoCases: 200 });

    test('two years of answers: a quarter respond, fewer are satisfied after a refusal, the page is alive', async () => {
      const stop = await startBackground(t().app, t().ctx, { jobs: false });
      await stop();
      const quality = await signIn(t().app, 'kvalitet', DEMO_PASSWORD);
      const get = async (query: string) => {
        const res = await quality.inject({ method: 'GET', url: `/api/surveys/results?survey=after-decision${query}` });
        expect(res.statusCode, res.body).toBe(200);
        return res.json().groups as Group[];
      };
      const [all] = await get('');
      expect(all!.responseRate).toBeGreaterThan(0.18);
      expect(all!.responseRate).toBeLessThan(0.32);
      expect(all!.responses).toBeGreaterThan(500);

      const byOutcome = await get('&by=outcome');
      const granted = overall(byOutcome.find((g) => g.key === 'granted')!);
      const refused = overall(byOutcome.find((g) => g.key === 'refused')!);
      // Lower after a refusal, and clearly so: the intervals do not overlap.
      expect(refused.shareInterval!.high).toBeLessThan(granted.shareInterval!.low);

      const byQuarter = await get('&by=quarter');
      expect(byQuarter.length).toBeGreaterThanOrEqual(8);
      const staff = await quality.inject({ method: 'GET', url: '/api/surveys/results?survey=annual-staff&by=unit' });
      const staffGroups = staff.json().groups as Group[];
      // Units with fewer than 5 staff answers show nothing.
      for (const g of staffGroups) if (g.suppressed) expect(g.responses).toBeNull();
      console.log(
        `[${engine}] after-decision: ${all!.invited} invited, ${all!.responses} answered (${(100 * all!.responseRate!).toFixed(1)}%); ` +
          `satisfied granted ${(100 * granted.shareSatisfied!).toFixed(1)}% [${(100 * granted.shareInterval!.low).toFixed(1)}–${(100 * granted.shareInterval!.high).toFixed(1)}], ` +
          `refused ${(100 * refused.shareSatisfied!).toFixed(1)}% [${(100 * refused.shareInterval!.low).toFixed(1)}–${(100 * refused.shareInterval!.high).toFixed(1)}]; ` +
          `${byQuarter.length} quarters; staff survey units shown ${staffGroups.filter((g) => !g.suppressed).length} of ${staffGroups.length}`,
      );
    }, 180_000);

    // Printed, not asserted: a time never fails the build (the machine may be busy).
    test('the survey seed step, timed alone', async () => {
      const db = t().database.db;
      const units = Object.fromEntries(
        (await db.selectFrom('unit').select(['code', 'id']).execute()).map((u) => [u.code, u.id]),
      );
      // Run again in a transaction that is rolled back: the time of the step alone.
      let millis = Number.NaN;
      let rows = 0;
      await db
        .transaction()
        .execute(async (trx) => {
          const r = await generateDemoSurveys(trx, units);
          millis = r.millis;
          rows = r.invitations;
          throw new Error('roll back');
        })
        .catch((e: Error) => {
          if (e.message !== 'roll back') throw e;
        });
      console.log(`[${engine}] survey seed step: ${rows} invitations in ${(millis / 1000).toFixed(2)} s`);
      expect(rows).toBeGreaterThan(5000);
    }, 60_000);
  });
}

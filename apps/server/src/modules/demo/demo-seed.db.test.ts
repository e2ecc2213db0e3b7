import { describe, expect, test } from 'vitest';
import { describeEachEngine, ENGINES } from '../../../test/support/test-database.js';
import { loadConfig } from '../../platform/config.js';
import { seedOrganisation } from './organisation/seed-organisation.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { signIn } from '../../../test/support/test-auth.js';
import { createAppContext, startBackground } from '../../composition.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_UNITS, seedDemoIfEmpty } from './index.js';

const quiet = { info: () => undefined };

for (const engine of ENGINES) {
  describe(`demo authority seed [${engine}]`, () => {
    const t = useTestApp(engine, { seedDemo: true });

    test('start-up seeds an empty database once; every demo account signs in with the demo password', async () => {
      const stop = await startBackground(t().app, t().ctx, { jobs: false });
      await stop();
      const units = await t().database.db.selectFrom('unit').select(['code', 'name_da']).execute();
      expect(units).toHaveLength(DEMO_UNITS.length);
      expect(units.map((u) => u.name_da)).toEqual(
        expect.arrayContaining(['Sagsgang Kommune', 'Borgerservice', 'Udlændingeområdet']),
      );

      const roles = new Set<string>();
      for (const account of DEMO_ACCOUNTS) {
        const s = await signIn(t().app, account.username, DEMO_PASSWORD);
        const me = (await s.inject({ method: 'GET', url: '/api/auth/me' })).json();
        expect(me.user.displayName).toBe(account.displayName);
        for (const r of me.roles) roles.add(r.role);
      }
      expect([...roles].sort()).toEqual([
        'admin',
        'analyst',
        'applicant',
        'caseworker',
        'frontline',
        'quality',
        'teamlead',
      ]);
      const business = await t()
        .database.db.selectFrom('app_user')
        .select(['organisation_name', 'organisation_cvr'])
        .where('username', '=', 'virksomhed')
        .executeTakeFirstOrThrow();
      expect(business.organisation_name).toBeTruthy();
      // The whole demo seed (every capability's two years of history) and thirteen sign-ins at scrypt's full cost.
    }, 120_000);

    test('a database with any unit is never seeded again', async () => {
      expect(await seedDemoIfEmpty(t().ctx, quiet)).toBe(false);
      const stop = await startBackground(t().app, t().ctx, { jobs: false });
      await stop();
      const units = await t().database.db.selectFrom('unit').select('id').execute();
      expect(units).toHaveLength(DEMO_UNITS.length);
    });
  });
}

describeEachEngine('demo seed transaction', (db) => {
  test('a failing step leaves the database empty, so the next start seeds again', async () => {
    const ctx = createAppContext({ config: loadConfig({ ...process.env, DATABASE_URL: '' }), database: db() });
    const broken = {
      name: 'broken',
      run: async () => {
        throw new Error('step failed');
      },
    };
    await expect(seedDemoIfEmpty(ctx, quiet, [seedOrganisation, broken])).rejects.toThrow('step failed');
    expect(await db().db.selectFrom('unit').select('id').execute()).toEqual([]);
    expect(await seedDemoIfEmpty(ctx, quiet, [seedOrganisation])).toBe(true);
  });
});

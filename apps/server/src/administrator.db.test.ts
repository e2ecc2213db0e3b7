import { describe, expect, test } from 'vitest';
import { ENGINES } from '../test/support/test-database.js';
import { useTestApp } from '../test/support/test-app.js';
import { createUnitTree, createUser, signIn, signedOutSession } from '../test/support/test-auth.js';
import { createFirstAdministrator } from './administrator.js';
import { startBackground } from './composition.js';
import { issuePasswordSetupLink } from './modules/auth/index.js';
import { DEMO_ACCOUNTS } from './modules/demo/index.js';

const tokenOf = (url: string) => new URL(url).searchParams.get('token') ?? '';
const GOOD_PASSWORD = 'plenty of words in one sentence';

for (const engine of ENGINES) {
  describe(`the first administrator and one-time password links [${engine}]`, () => {
    const t = useTestApp(engine);

    test('an empty database gets its authority and an administrator who chooses a password through the link', async () => {
      const { database, ctx, app } = t();
      const made = await createFirstAdministrator(ctx.config, database, { username: 'chefadmin', displayName: 'Chef' });
      expect(made).toMatchObject({ createdUnit: true, createdUser: true });
      expect(made.url).toMatch(/\/adgangskode\?token=[\w-]{40,}$/);
      const user = await database.db
        .selectFrom('app_user')
        .select(['id', 'password_hash'])
        .where('username', '=', 'chefadmin')
        .executeTakeFirstOrThrow();
      expect(user.password_hash).toBeNull();

      const page = await app.inject({ method: 'GET', url: new URL(made.url).pathname + new URL(made.url).search });
      expect(page.statusCode).toBe(200);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.body).toContain('chefadmin');
      expect(page.body).toContain('name="repeat"');

      const browser = await signedOutSession(app);
      const post = (password: string) =>
        browser.inject({
          method: 'POST',
          url: '/api/auth/password-setup',
          payload: { token: tokenOf(made.url), password },
        });
      const short = await post('too short');
      expect(short.statusCode).toBe(400);
      expect(short.json().error.details[0].params.rule).toBe('too_short');
      const withName = await post('my name is chefadmin, really');
      expect(withName.statusCode).toBe(400);
      expect(withName.json().error.details[0].params.rule).toBe('contains_username');
      const stillNone = await database.db
        .selectFrom('app_user')
        .select('password_hash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(stillNone.password_hash).toBeNull();

      const ok = await post(GOOD_PASSWORD);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ userId: user.id });
      const again = await post('another long password here');
      expect(again.statusCode).toBe(409);

      const session = await signIn(app, 'chefadmin', GOOD_PASSWORD);
      const me = (await session.inject({ method: 'GET', url: '/api/auth/me' })).json();
      expect(me.units.some((u: { roles: string[] }) => u.roles.includes('admin'))).toBe(true);

      const audit = await database.db
        .selectFrom('audit_log')
        .select(['action', 'entity_type', 'purpose'])
        .where((eb) => eb.or([eb('subject_user_id', '=', user.id), eb('entity_type', '=', 'unit')]))
        .orderBy('id')
        .execute();
      expect(audit.map((a) => `${a.action}:${a.entity_type}`)).toEqual([
        'create:unit',
        'create:user',
        'update:user',
        'sign_in:user_session',
      ]);
      expect(audit[2].purpose).toBe('Password set through a one-time link');
    });

    test('a new link replaces the old one, an expired link is refused, and a taken user name makes nothing', async () => {
      const { database, ctx, app } = t();
      const first = await createFirstAdministrator(ctx.config, database, { username: 'relink', displayName: 'R' });
      const second = await createFirstAdministrator(ctx.config, database, { username: 'RELINK', displayName: 'R' });
      expect(second).toMatchObject({ createdUnit: false, createdUser: false });
      const browser = await signedOutSession(app);
      const redeem = (url: string) =>
        browser.inject({
          method: 'POST',
          url: '/api/auth/password-setup',
          payload: { token: tokenOf(url), password: GOOD_PASSWORD },
        });
      expect((await redeem(first.url)).statusCode).toBe(409);

      const user = await database.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'relink')
        .executeTakeFirstOrThrow();
      const old = await issuePasswordSetupLink(database.db, {
        userId: user.id,
        publicUrl: 'http://localhost',
        now: new Date(Date.now() - 25 * 3_600_000),
      });
      expect((await redeem(old.url)).statusCode).toBe(409);
      // The expired link was the newest, so it ended the second one too: nothing left to redeem.
      expect((await redeem(second.url)).statusCode).toBe(409);

      const units = await createUnitTree(database.db);
      const clerk = await createUser(database.db, { grants: [{ role: 'caseworker', unitId: units.teamA1 }] });
      const linksBefore = await database.db.selectFrom('password_setup_token').select('token_hash').execute();
      await expect(
        createFirstAdministrator(ctx.config, database, { username: clerk.username, displayName: 'X' }),
      ).rejects.toThrow(/not an active administrator/);
      const linksAfter = await database.db.selectFrom('password_setup_token').select('token_hash').execute();
      expect(linksAfter.length).toBe(linksBefore.length);
    });

    test('the form: a mismatch and a refused password come back to the page, success goes to sign-in', async () => {
      const { database, ctx, app } = t();
      const made = await createFirstAdministrator(ctx.config, database, { username: 'formadmin', displayName: 'F' });
      const browser = await signedOutSession(app);
      // As a browser posts it: the token in the form body, no header.
      const form = (fields: Record<string, string>) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/password-setup',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: browser.cookie },
          payload: new URLSearchParams({ token: tokenOf(made.url), _csrf: browser.csrfToken, ...fields }).toString(),
        });
      const forged = await app.inject({
        method: 'POST',
        url: '/api/auth/password-setup',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          token: tokenOf(made.url),
          password: GOOD_PASSWORD,
          repeat: GOOD_PASSWORD,
        }).toString(),
      });
      expect(forged.headers.location).toMatch(/error=expired/);
      const mismatch = await form({ password: GOOD_PASSWORD, repeat: 'something else entirely' });
      expect(mismatch.statusCode).toBe(303);
      expect(mismatch.headers.location).toMatch(/^\/adgangskode\?error=mismatch&token=/);
      const weak = await form({ password: 'short', repeat: 'short' });
      expect(weak.headers.location).toMatch(/error=too_short/);
      const page = await app.inject({ method: 'GET', url: weak.headers.location as string });
      expect(page.body).toContain('mindst 12 tegn');
      const done = await form({ password: GOOD_PASSWORD, repeat: GOOD_PASSWORD, username: 'formadmin' });
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe('/login?passwordSet=1');
      const used = await app.inject({ method: 'GET', url: new URL(made.url).pathname + new URL(made.url).search });
      expect(used.body).toContain('allerede brugt');
      expect(used.body).not.toContain('name="repeat"');
    });

    test('a production server refuses a database that holds the demo accounts, unless the demo is asked for', async () => {
      const { database, ctx, app } = t();
      await createUser(database.db, { username: DEMO_ACCOUNTS[0].username });
      const production = { ...ctx, config: { ...ctx.config, production: true, seedDemo: false } };
      await expect(startBackground(app, production, { jobs: false })).rejects.toThrow(/demo authority/);
      const development = { ...ctx, config: { ...ctx.config, production: false, seedDemo: false } };
      await expect(startBackground(app, development, { jobs: false })).resolves.toBeTypeOf('function');
    });
  });
}

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser } from '../../../test/support/test-auth.js';
import {
  startTestOidcProvider,
  walkOidcFlow,
  type TestOidcProvider,
} from '../../../test/support/test-oidc-provider.js';
import { SESSION_COOKIE } from '../../platform/auth/session-store.js';

const CPR = '0101901234';

for (const engine of ENGINES) {
  describe(`OpenID Connect sign-in [${engine}]`, () => {
    const t = useTestApp(engine, { publicUrl: 'http://localhost:3999' });
    let idp: TestOidcProvider;

    beforeAll(async () => {
      const callback = (id: string) => `http://localhost:3999/auth/oidc/${id}/callback`;
      idp = await startTestOidcProvider({
        clients: [
          { clientId: 'sagsgang-citizens', clientSecret: 'citizen-secret-0123456789', redirectUri: callback('eid') },
          { clientId: 'sagsgang-staff', clientSecret: 'staff-secret-0123456789', redirectUri: callback('staff') },
        ],
        accounts: {
          'citizen-1': { name: 'Karen Jensen', email: 'karen@example.dk', email_verified: true, cpr: CPR },
          'employee-7': { name: 'Per Hansen' },
        },
      });
      t().ctx.config.oidc.push(
        {
          id: 'eid',
          label: 'MitID',
          issuer: idp.issuer,
          clientId: 'sagsgang-citizens',
          clientSecret: 'citizen-secret-0123456789',
          audience: 'applicant',
        },
        {
          id: 'staff',
          label: 'Kommunens login',
          issuer: idp.issuer,
          clientId: 'sagsgang-staff',
          clientSecret: 'staff-secret-0123456789',
          audience: 'staff',
        },
      );
    });
    afterAll(async () => {
      await idp?.close();
    });

    /** Start at our /auth/oidc/:id/start, walk the provider, and deliver its redirect to our callback. */
    async function signInThrough(providerId: string, login: string, returnTo = '/mine') {
      const start = await t().app.inject({
        method: 'GET',
        url: `/auth/oidc/${providerId}/start?returnTo=${encodeURIComponent(returnTo)}`,
      });
      expect(start.statusCode).toBe(303);
      const flowCookie = start.cookies.find((c) => c.name === 'sagsgang_oidc')!;
      expect(flowCookie.httpOnly).toBe(true);
      const authUrl = new URL(start.headers.location as string);
      expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authUrl.searchParams.get('state')).toBeTruthy();
      expect(authUrl.searchParams.get('nonce')).toBeTruthy();
      const callback = await walkOidcFlow(authUrl.toString(), login);
      expect(callback.pathname).toBe(`/auth/oidc/${providerId}/callback`);
      return t().app.inject({
        method: 'GET',
        url: callback.pathname + callback.search,
        headers: { cookie: `sagsgang_oidc=${flowCookie.value}` },
      });
    }

    test('an applicant signs in through the eID broker for the first time and becomes a user', async () => {
      const res = await signInThrough('eid', 'citizen-1');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/mine');
      const session = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
      const me = await t().app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: `${SESSION_COOKIE}=${session.value}` },
      });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({
        user: { kind: 'applicant', displayName: 'Karen Jensen', email: 'karen@example.dk' },
        roles: [{ role: 'applicant', unitId: null }],
        authMethod: 'oidc:eid',
      });

      // The second sign-in finds the same user through (issuer, subject).
      const again = await signInThrough('eid', 'citizen-1');
      const again_me = await t().app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: `${SESSION_COOKIE}=${again.cookies.find((c) => c.name === SESSION_COOKIE)!.value}` },
      });
      expect(again_me.json().user.id).toBe(me.json().user.id);
    });

    test('the CPR number in the claims is stored nowhere', async () => {
      await signInThrough('eid', 'citizen-1');
      const tables = ['app_user', 'user_identity', 'audit_log', 'user_session', 'role_grant'];
      for (const table of tables) {
        const { rows } = await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM ${sql.table(table)} t WHERE t::text LIKE ${'%' + CPR + '%'}`.execute(
          t().database.db,
        );
        expect(rows[0].n, table).toBe(0);
      }
    });

    test('staff may sign in only when their identity is linked to an existing user', async () => {
      const refused = await signInThrough('staff', 'employee-7');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toContain('not linked');
      expect(refused.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '').toBe('');

      const units = await createUnitTree(t().database.db);
      const user = await createUser(t().database.db, {
        password: null,
        grants: [{ role: 'caseworker', unitId: units.teamA1 }],
      });
      await t()
        .database.db.insertInto('user_identity')
        .values({ issuer: idp.issuer, subject: 'employee-7', user_id: user.id })
        .execute();
      const ok = await signInThrough('staff', 'employee-7', '/app');
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe('/app');
      const me = await t().app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: `${SESSION_COOKIE}=${ok.cookies.find((c) => c.name === SESSION_COOKIE)!.value}` },
      });
      expect(me.json().user.id).toBe(user.id);
    });

    test('a callback without the flow cookie, or with a tampered one, goes back to the sign-in page', async () => {
      const bare = await t().app.inject({ method: 'GET', url: '/auth/oidc/eid/callback?code=x&state=y' });
      expect(bare.statusCode).toBe(303);
      expect(bare.headers.location).toBe('/login?error=oidc');
      const forged = JSON.stringify({ providerId: 'eid', codeVerifier: 'a', state: 'y', nonce: 'n' });
      const tampered = await t().app.inject({
        method: 'GET',
        url: '/auth/oidc/eid/callback?code=x&state=y',
        headers: { cookie: `sagsgang_oidc=${encodeURIComponent(forged + '.bad-signature')}` },
      });
      expect(tampered.headers.location).toBe('/login?error=oidc');
    });

    test('an unknown provider is a 404', async () => {
      const res = await t().app.inject({ method: 'GET', url: '/auth/oidc/nowhere/start' });
      expect(res.statusCode).toBe(404);
    });
  });
}

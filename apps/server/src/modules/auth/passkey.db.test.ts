import { describe, expect, test } from 'vitest';
import { generateSync } from 'otplib';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import {
  createUnitTree,
  createUser,
  signIn,
  withNewSession,
  type TestSession,
} from '../../../test/support/test-auth.js';
import { SoftAuthenticator } from '../../../test/support/soft-authenticator.js';

const ORIGIN = 'http://localhost:3000';

for (const engine of ENGINES) {
  describe(`passkeys as the second factor [${engine}]`, () => {
    const t = useTestApp(engine, { mfaRequiredRoles: ['admin'], publicUrl: ORIGIN });

    /** An administrator who has just added a passkey while half signed in. */
    async function adminWithPasskey() {
      const db = t().database.db;
      const units = await createUnitTree(db);
      const admin = await createUser(db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const authenticator = new SoftAuthenticator('localhost', ORIGIN);
      const pending = await signIn(t().app, admin.username, admin.password);
      const options = await pending.inject({ method: 'POST', url: '/api/auth/passkeys/options' });
      expect(options.statusCode).toBe(200);
      expect(options.json()).toMatchObject({
        rp: { id: 'localhost' },
        authenticatorSelection: { userVerification: 'required' },
      });
      const credential = authenticator.register(options.json());
      const added = await pending.inject({
        method: 'POST',
        url: '/api/auth/passkeys',
        payload: { credential, name: 'Laptop' },
      });
      expect(added.statusCode, added.body).toBe(201);
      return { admin, authenticator, credential, pending, full: withNewSession(pending, added) };
    }

    async function passkeySignIn(session: TestSession, authenticator: SoftAuthenticator, counter: number) {
      const options = await session.inject({ method: 'POST', url: '/api/auth/second-factor/passkey/options' });
      expect(options.statusCode).toBe(200);
      return session.inject({
        method: 'POST',
        url: '/api/auth/second-factor/passkey',
        payload: { credential: authenticator.assert(options.json(), counter) },
      });
    }

    test('adding a passkey while half signed in completes the sign-in; its challenge is used once', async () => {
      const { full, pending, credential } = await adminWithPasskey();
      expect((await full.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      // The old, half-signed-in session is gone, and the same answer cannot be sent twice.
      const again = await full.inject({ method: 'POST', url: '/api/auth/passkeys', payload: { credential } });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.details).toEqual({ reason: 'no_challenge' });
      expect((await pending.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      const stored = await t()
        .database.db.selectFrom('user_passkey')
        .select(['name', 'counter', 'transports'])
        .execute();
      expect(stored.map((p) => ({ ...p, counter: Number(p.counter) }))).toEqual([
        { name: 'Laptop', counter: 0, transports: 'internal' },
      ]);
    });

    test('the password alone is then not enough; the passkey signs in, and a counter that does not grow is refused', async () => {
      const { admin, authenticator } = await adminWithPasskey();
      const login = await t().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: admin.username, password: admin.password },
      });
      expect(login.json()).toEqual({ userId: admin.id, secondFactor: 'verify' });

      const pending = await signIn(t().app, admin.username, admin.password);
      expect((await pending.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      // Neither adding another passkey nor setting up an app is a way round the one there is.
      expect((await pending.inject({ method: 'POST', url: '/api/auth/passkeys/options' })).statusCode).toBe(409);
      await pending.inject({ method: 'GET', url: '/api/auth/second-factor/totp' });
      const totp = await pending.inject({
        method: 'POST',
        url: '/api/auth/second-factor/totp',
        payload: { code: '123456' },
      });
      expect(totp.statusCode).toBe(409);
      // An answer without a challenge asked for is refused before any signature is looked at.
      const unasked = await pending.inject({
        method: 'POST',
        url: '/api/auth/second-factor/passkey',
        payload: { credential: authenticator.assert({ challenge: 'AAAA' }, 1) },
      });
      expect(unasked.statusCode).toBe(409);

      const options = await pending.inject({ method: 'POST', url: '/api/auth/second-factor/passkey/options' });
      expect(options.json().allowCredentials).toEqual([
        { id: authenticator.id, type: 'public-key', transports: ['internal'] },
      ]);
      // Signed for another challenge: refused.
      const wrong = await pending.inject({
        method: 'POST',
        url: '/api/auth/second-factor/passkey',
        payload: { credential: authenticator.assert({ challenge: 'QkJCQg' }, 1) },
      });
      expect(wrong.statusCode).toBe(401);

      const ok = await passkeySignIn(pending, authenticator, 5);
      expect(ok.statusCode, ok.body).toBe(200);
      const full = withNewSession(pending, ok);
      expect((await full.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);

      // A second sign-in whose counter is not past 5 (a cloned authenticator) is refused; past it, it passes.
      const next = await signIn(t().app, admin.username, admin.password);
      const cloned = await passkeySignIn(next, authenticator, 5);
      expect(cloned.statusCode).toBe(401);
      expect(cloned.json().error.details).toEqual({ reason: 'passkey_refused' });
      expect((await passkeySignIn(next, authenticator, 6)).statusCode).toBe(200);
      const audit = await t()
        .database.db.selectFrom('audit_log')
        .select(['action', 'details'])
        .where('action', '=', 'sign_in_failed')
        .execute();
      expect(audit.filter((a) => (a.details as { method?: string }).method === 'passkey')).toHaveLength(2);
    });

    test('another user cannot sign in with a passkey that is not theirs', async () => {
      const first = await adminWithPasskey();
      const second = await adminWithPasskey();
      const pending = await signIn(t().app, second.admin.username, second.admin.password);
      // The first administrator's passkey, answering the second's challenge: not one of the second's passkeys.
      const foreign = await passkeySignIn(pending, first.authenticator, 1);
      expect(foreign.statusCode).toBe(401);
      expect((await pending.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      expect((await passkeySignIn(pending, second.authenticator, 1)).statusCode).toBe(200);
    });

    test('someone signed in with an authenticator app is offered a passkey on the set-up page, and adds one', async () => {
      const db = t().database.db;
      const units = await createUnitTree(db);
      const admin = await createUser(db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const pending = await signIn(t().app, admin.username, admin.password);
      const { secret } = (await pending.inject({ method: 'GET', url: '/api/auth/second-factor/totp' })).json();
      const confirmed = await pending.inject({
        method: 'POST',
        url: '/api/auth/second-factor/totp',
        payload: { code: generateSync({ secret }) },
      });
      const full = withNewSession(pending, confirmed);
      const page = await full.inject({ method: 'GET', url: '/login/faktor/ny?returnTo=%2Fapp%2F' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('data-passkey="register"');
      expect(page.body).not.toContain('id="totp-secret"');
      const authenticator = new SoftAuthenticator('localhost', ORIGIN);
      const options = await full.inject({ method: 'POST', url: '/api/auth/passkeys/options' });
      const added = await full.inject({
        method: 'POST',
        url: '/api/auth/passkeys',
        payload: { credential: authenticator.register(options.json()) },
      });
      expect(added.statusCode).toBe(201);
      // The next sign-in offers both: the code field and the passkey.
      const next = await signIn(t().app, admin.username, admin.password);
      const factorPage = await next.inject({ method: 'GET', url: '/login/faktor' });
      expect(factorPage.body).toContain('id="code"');
      expect(factorPage.body).toContain('data-passkey="authenticate"');
      expect((await passkeySignIn(next, authenticator, 1)).statusCode).toBe(200);
    });
  });
}

import { describe, expect, test } from 'vitest';
import { generateSync } from 'otplib';
import {
  expectHeading,
  expectNoAxeViolations,
  SKIP_BROWSER,
  useJourneyEnvironment,
  watchPageErrors,
} from './harness.js';
import { JOURNEY_PASSWORD } from './journey-people.js';

describe.skipIf(SKIP_BROWSER)('an administrator signs in with a second factor', () => {
  const env = useJourneyEnvironment({ mfaRequiredRoles: ['admin'] });

  test('enrols an authenticator app, signs out, and cannot sign in again without a code from it', async () => {
    const { admin } = env().people.staff;
    const page = await env().newPage();
    const errors = watchPageErrors(page);
    const signInWithPassword = async () => {
      await page.goto(env().url('/login?returnTo=%2Fapp%2F'));
      await page.fill('#username', admin.username);
      await page.fill('#password', JOURNEY_PASSWORD);
      await page.click('form[action="/api/auth/login"] button[type="submit"]');
    };

    // The password is right, but an administrator without a factor is sent to set one up first.
    await signInWithPassword();
    await page.waitForURL((url) => url.pathname === '/login/faktor/ny');
    await expectHeading(page, 'Opsæt en godkendelsesapp');
    expect(await page.locator('img[src^="data:image/svg+xml"]').count()).toBe(1);
    await expectNoAxeViolations(page);
    // Half signed in: the back office's data is closed.
    expect((await page.request.get(env().url('/api/auth/me'))).status()).toBe(401);

    // The "phone": the key shown on the page, typed into an authenticator (here computed by the test).
    const secret = (await page.locator('#totp-secret').getAttribute('data-secret'))!;
    await page.fill('#code', '000000');
    await page.click('form[action="/login/faktor/ny"] button[type="submit"]');
    await page.waitForURL((url) => url.searchParams.get('error') === 'wrong_code');
    expect(await page.locator('#code-error').textContent()).toContain('Koden er forkert');
    await page.fill('#code', generateSync({ secret }));
    await page.click('form[action="/login/faktor/ny"] button[type="submit"]');
    await expectHeading(page, 'Dine gendannelseskoder');
    expect(await page.locator('#recovery-codes li').count()).toBe(10);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Fortsæt' }).click();
    await expectHeading(page, `Velkommen, ${admin.displayName}`);

    // Sign out, and in again with the password alone: the factor is asked for, and nothing else opens.
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await signInWithPassword();
    await page.waitForURL((url) => url.pathname === '/login/faktor');
    await expectHeading(page, 'Bekræft med din kode');
    await expectNoAxeViolations(page);
    expect((await page.request.get(env().url('/api/auth/me'))).status()).toBe(401);
    await page.goto(env().url('/app/'));
    await page.waitForURL((url) => url.pathname === '/login');

    await page.goto(env().url('/login/faktor?returnTo=%2Fapp%2F'));
    await page.fill('#code', '123456');
    await page.click('form[action="/login/faktor"] button[type="submit"]');
    await page.waitForURL((url) => url.searchParams.get('error') === 'wrong_code');
    expect(await page.locator('#code-error').textContent()).toContain('Koden er forkert');
    await expectNoAxeViolations(page);
    expect((await page.request.get(env().url('/api/auth/me'))).status()).toBe(401);

    // The code of the next time step: the one used to enrol cannot be used again.
    await page.fill('#code', generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.click('form[action="/login/faktor"] button[type="submit"]');
    await expectHeading(page, `Velkommen, ${admin.displayName}`);
    expect((await page.request.get(env().url('/api/auth/me'))).status()).toBe(200);
    // The only errors are the 401s the back office met while half signed in (it then sent us to sign in).
    const unexpected = errors.filter((e) => !e.includes('status of 401 (Unauthorized)'));
    expect(unexpected, unexpected.join('\n')).toEqual([]);
  });
});

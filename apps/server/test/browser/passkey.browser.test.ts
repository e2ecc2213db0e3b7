import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  expectHeading,
  expectNoAxeViolations,
  SKIP_BROWSER,
  useJourneyEnvironment,
  watchPageErrors,
} from './harness.js';
import { JOURNEY_PASSWORD } from './journey-people.js';
import { freePort } from '../support/free-port.js';

/** Chromium's virtual authenticator (a platform authenticator with a fingerprint that always matches). */
async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
}

// WebAuthn refuses an IP address as the relying party: the journey runs on "localhost".
const port = await freePort();
const origin = `http://localhost:${port}`;

describe.skipIf(SKIP_BROWSER)('an administrator signs in with a passkey as the second factor', () => {
  const env = useJourneyEnvironment({ mfaRequiredRoles: ['admin'], port, publicUrl: origin });
  const url = (p: string) => origin + p;

  const signInWithPassword = async (page: Page) => {
    const { admin } = env().people.staff;
    await page.goto(url('/login?returnTo=%2Fapp%2F'));
    await page.fill('#username', admin.username);
    await page.fill('#password', JOURNEY_PASSWORD);
    await page.click('form[action="/api/auth/login"] button[type="submit"]');
  };

  test('enrols a passkey, signs out, and signs in again with the password and the passkey', async () => {
    const { admin } = env().people.staff;
    const page = await env().newPage();
    await addVirtualAuthenticator(page);
    const errors = watchPageErrors(page);

    // An administrator without a factor is sent to set one up: the page offers a passkey beside the app.
    await signInWithPassword(page);
    await page.waitForURL((u) => u.pathname === '/login/faktor/ny');
    await expectHeading(page, 'Opsæt en godkendelsesapp');
    const create = page.getByRole('button', { name: 'Opret en adgangsnøgle' });
    await create.waitFor({ state: 'visible' });
    await expectNoAxeViolations(page);
    expect((await page.request.get(url('/api/auth/me'))).status()).toBe(401);
    await create.click();
    await expectHeading(page, `Velkommen, ${admin.displayName}`);
    expect((await page.request.get(url('/api/auth/me'))).status()).toBe(200);

    // Signed out and in again with the password alone: the passkey is asked for, and nothing else opens.
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await signInWithPassword(page);
    await page.waitForURL((u) => u.pathname === '/login/faktor');
    await expectHeading(page, 'Bekræft med din kode');
    // No app was set up, so no code field: only the passkey.
    expect(await page.locator('#code').count()).toBe(0);
    const use = page.getByRole('button', { name: 'Brug en adgangsnøgle' });
    await use.waitFor({ state: 'visible' });
    await expectNoAxeViolations(page);
    expect((await page.request.get(url('/api/auth/me'))).status()).toBe(401);
    // Setting up an app instead is not a way round the passkey.
    await page.goto(url('/login/faktor/ny?returnTo=%2Fapp%2F'));
    await page.waitForURL((u) => u.pathname === '/login/faktor');
    await use.click();
    await expectHeading(page, `Velkommen, ${admin.displayName}`);
    const me = await page.request.get(url('/api/auth/me'));
    expect(me.status()).toBe(200);

    // The only errors are the 401s the back office met while half signed in (it then sent us to sign in).
    const unexpected = errors.filter((e) => !e.includes('status of 401 (Unauthorized)'));
    expect(unexpected, unexpected.join('\n')).toEqual([]);
  });

  test('without the authenticator that holds the passkey, the password alone does not get in', async () => {
    const page = await env().newPage();
    // Another device's authenticator: it answers, but holds no passkey of this user.
    await addVirtualAuthenticator(page);
    await signInWithPassword(page);
    await page.waitForURL((u) => u.pathname === '/login/faktor');
    const use = page.getByRole('button', { name: 'Brug en adgangsnøgle' });
    await use.waitFor({ state: 'visible' });
    await use.click();
    // The browser finds none of the allowed passkeys and gives up; the page says so.
    await page.locator('#passkey-error').waitFor({ state: 'visible', timeout: 90_000 });
    expect(await page.locator('#passkey-error').textContent()).toContain('Adgangsnøglen blev ikke godkendt');
    await expectNoAxeViolations(page);
    expect((await page.request.get(url('/api/auth/me'))).status()).toBe(401);
    await page.goto(url('/app/'));
    await page.waitForURL((u) => u.pathname === '/login');
  }, 120_000);
});

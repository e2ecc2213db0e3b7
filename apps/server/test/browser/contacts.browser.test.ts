import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, SKIP_BROWSER, useJourneyEnvironment, watchPageErrors } from './harness.js';
import { JOURNEY_PASSWORD } from './journey-people.js';

async function h1(page: Page): Promise<string> {
  return (await page.locator('main h1').first().textContent())?.trim() ?? '';
}

async function signIn(page: Page, url: string, username: string, returnTo: string): Promise<void> {
  await page.goto(`${url}/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.fill('#username', username);
  await page.fill('#password', JOURNEY_PASSWORD);
  await page.click('form[action="/api/auth/login"] button[type="submit"]');
  await page.waitForURL((u) => u.pathname === returnTo);
}

describe.skipIf(SKIP_BROWSER)('citizen service in the browser', () => {
  const env = useJourneyEnvironment();

  test('a citizen reads the charter, writes an inquiry and books an appointment, all without scripts', async () => {
    const page = await env().newPage({ javaScriptEnabled: false });
    await page.goto(env().url('/borgerservice'));
    expect(await h1(page)).toBe('Borgerservice');
    expect(await page.textContent('main')).toContain('Telefongrundlov');
    await expectNoAxeViolations(page);

    await signIn(page, env().baseUrl, env().people.applicant.username, '/henvendelse');
    await expectNoAxeViolations(page);
    await page.click('main button[type="submit"]');
    expect(await page.textContent('main .alert-error')).toContain('Vælg et emne');
    await expectNoAxeViolations(page);
    await page.selectOption('#topicCode', '05.02.00');
    await page.fill('#question', 'Hvornår er mit pas klar?');
    await page.click('main button[type="submit"]');
    expect(new URL(page.url()).pathname).toBe('/mine-henvendelser');
    expect(await page.textContent('main table')).toContain('Pas og kørekort');
    await expectNoAxeViolations(page);

    await page.goto(env().url('/book'));
    await expectNoAxeViolations(page);
    await page.click('main a:has-text("Pas og kørekort")');
    expect(await h1(page)).toBe('Pas og kørekort');
    await expectNoAxeViolations(page);
    await page.check('main input[name="slot"] >> nth=0');
    await page.click('main button[type="submit"]');
    expect(await page.textContent('main')).toContain('Trin 3 af 3');
    await expectNoAxeViolations(page);
    await page.fill('#email', 'karen@example.dk');
    await page.click('main button[type="submit"]');
    expect(new URL(page.url()).pathname).toBe('/mine-aftaler');
    expect(await page.textContent('main table')).toContain('Booket');
    await expectNoAxeViolations(page);
  });

  test('the front line registers an inquiry beside the charter in the back office; its pages pass axe', async () => {
    const page = await env().newPage();
    const errors = watchPageErrors(page);
    await signIn(page, env().baseUrl, env().people.staff.frontline.username, '/app/citizen-service');
    expect(await h1(page)).toBe('Henvendelser');
    await page.fill('#inq-topic', '05.02.00');
    expect(await page.textContent('aside')).toContain('Det klarer vi med det samme');
    await page.fill('#inq-note', 'Spørger om pas');
    await page.click('button:has-text("Registrér")');
    await expect.poll(() => page.textContent('main')).toContain('Henvendelsen er registreret.');
    await expectNoAxeViolations(page);
    await page.goto(env().url('/app/citizen-service/figures'));
    await expect.poll(() => page.textContent('main')).toContain('henvendelser');
    await expectNoAxeViolations(page);
    await page.goto(env().url('/app/citizen-service/appointments'));
    expect(await h1(page)).toBe('Mine aftaler');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });
});

import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  expectNoAxeViolations,
  saveScreenshot,
  SKIP_BROWSER,
  useJourneyEnvironment,
  watchPageErrors,
} from './harness.js';
import { JOURNEY_PASSWORD } from './journey-people.js';
import { createFirstAdministrator } from '../../src/administrator.js';
import { loadConfig } from '../../src/platform/config.js';

const PAGES = {
  da: { front: 'Selvbetjening hos Sagsgang Kommune', login: 'Log ind', a11y: 'Tilgængelighedserklæring' },
  en: { front: 'Sagsgang Kommune self-service', login: 'Sign in', a11y: 'Accessibility statement' },
  sv: { front: 'Sagsgang Kommune självbetjäning', login: 'Logga in', a11y: 'Tillgänglighetsredogörelse' },
} as const;

async function h1(page: Page): Promise<string> {
  return (await page.locator('main h1').first().textContent())?.trim() ?? '';
}

describe.skipIf(SKIP_BROWSER)('citizen portal in the browser', () => {
  const env = useJourneyEnvironment();

  for (const javaScriptEnabled of [true, false]) {
    for (const lang of ['da', 'en', 'sv'] as const) {
      test(`front page, sign-in and accessibility statement in ${lang}, scripts ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
        const page = await env().newPage({ javaScriptEnabled });
        const errors = watchPageErrors(page);
        await page.goto(env().url(`/?lang=${lang}`));
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        expect(await h1(page)).toBe(PAGES[lang].front);
        await expectNoAxeViolations(page);
        if (javaScriptEnabled && lang === 'da') await saveScreenshot(page, 'portal-front-page');

        // The language is remembered: the next page comes in the same language without ?lang=.
        await page.click(`footer a[href="/tilgaengelighed"]`);
        expect(await h1(page)).toBe(PAGES[lang].a11y);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        await expectNoAxeViolations(page);

        await page.goto(env().url('/login'));
        expect(await h1(page)).toBe(PAGES[lang].login);
        await expectNoAxeViolations(page);
        expect(errors).toEqual([]);
      });
    }
  }

  test('the skip link is the first thing the keyboard reaches and leads to the main content', async () => {
    const page = await env().newPage();
    await page.goto(env().url('/'));
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.getAttribute('class')).toBe('skipnav');
    expect(await focused.getAttribute('href')).toBe('#main-content');
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#main-content');
  });

  test('an applicant signs in by a plain form post without JavaScript, sees "Mine sager" and signs out', async () => {
    const page = await env().newPage({ javaScriptEnabled: false });
    const { applicant } = env().people;
    await page.goto(env().url('/'));
    await page.click('main a.card');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#username', applicant.username);
    await page.fill('#password', JOURNEY_PASSWORD);
    await page.click('form[action="/api/auth/login"] button[type="submit"]');
    expect(new URL(page.url()).pathname).toBe('/mine-sager');
    expect(await h1(page)).toBe('Mine sager');
    expect(await page.textContent('header')).toContain(`Logget ind som ${applicant.displayName}`);
    await expectNoAxeViolations(page);

    await page.click('header form[action="/api/auth/logout"] button');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.textContent('main .alert-success')).toContain('Du er nu logget ud.');
    await expectNoAxeViolations(page);
    await page.goto(env().url('/mine-sager'));
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  test('a wrong password shows the error summary, linked to the field, with and without scripts', async () => {
    for (const javaScriptEnabled of [false, true]) {
      const page = await env().newPage({ javaScriptEnabled });
      await page.goto(env().url('/login?returnTo=%2Fmine-sager'));
      await page.fill('#username', env().people.applicant.username);
      await page.fill('#password', 'not-the-password');
      await page.click('form[action="/api/auth/login"] button[type="submit"]');
      const summary = page.locator('[data-module="error-summary"]');
      expect(await summary.textContent()).toContain('Brugernavnet eller adgangskoden er forkert.');
      // The message links to the field it concerns, and that field is marked invalid and keeps the focus target.
      const target = await summary.locator('a').getAttribute('href');
      expect(['#username', '#password']).toContain(target);
      expect(await page.getAttribute(target!, 'aria-invalid')).toBe('true');
      expect(await page.inputValue('input[name="returnTo"]')).toBe('/mine-sager');
      await expectNoAxeViolations(page);
      if (javaScriptEnabled) {
        // DKFDS.init() moves focus to the summary so screen readers announce the problem first.
        expect(await page.locator(':focus').getAttribute('data-module')).toBe('error-summary');
      }
    }
  });
});

describe.skipIf(SKIP_BROWSER)('the way in for a new administrator', () => {
  const env = useJourneyEnvironment();

  test('opens the one-time link, is told what is wrong, chooses a password and signs in', async () => {
    const config = loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' });
    const made = await createFirstAdministrator(config, env().database, {
      username: 'nyadmin',
      displayName: 'Ny Administrator',
    });
    const link = new URL(made.url);
    const page = await env().newPage();
    const errors = watchPageErrors(page);
    await page.goto(env().url(link.pathname + link.search));
    expect(await h1(page)).toBe('Vælg din adgangskode');
    await expectNoAxeViolations(page);

    await page.fill('#password', 'kort');
    await page.fill('#repeat', 'kort');
    await page.click('form[action="/api/auth/password-setup"] button[type="submit"]');
    await expect.poll(() => page.locator('#password-error').textContent()).toContain('mindst 12 tegn');
    await expectNoAxeViolations(page);

    await page.fill('#password', 'en lang og god sætning');
    await page.fill('#repeat', 'en lang og god sætning');
    await page.click('form[action="/api/auth/password-setup"] button[type="submit"]');
    await page.waitForURL((u) => u.pathname === '/login');
    expect(await page.locator('main').textContent()).toContain('Din adgangskode er gemt');
    await page.fill('#username', 'nyadmin');
    await page.fill('#password', 'en lang og god sætning');
    await page.click('form[action="/api/auth/login"] button[type="submit"]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    expect(errors).toEqual([]);
  });
});

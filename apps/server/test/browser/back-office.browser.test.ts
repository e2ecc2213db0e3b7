import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  expectHeading,
  expectNoAxeViolations,
  saveScreenshot,
  SKIP_BROWSER,
  useJourneyEnvironment,
  watchPageErrors,
} from './harness.js';
import { JOURNEY_PASSWORD, STAFF_JOURNEY_ROLES, type StaffJourneyRole } from './journey-people.js';

// The start page's section heading per role, as the catalogue has it.
const ROLE_HEADINGS: Record<StaffJourneyRole, { da: string; en: string }> = {
  caseworker: { da: 'Sagsbehandler', en: 'Caseworker' },
  teamlead: { da: 'Teamleder', en: 'Team lead' },
  quality: { da: 'Kvalitet og tilsyn', en: 'Quality and supervision' },
  analyst: { da: 'Procesanalytiker', en: 'Process analyst' },
  frontline: { da: 'Borgerservice', en: 'Citizen service' },
  admin: { da: 'Administrator', en: 'Administrator' },
};

/** Opens the back office, is sent to the one sign-in page, signs in and comes back. */
async function signInThroughPortal(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/app/`);
  await page.waitForURL((url) => url.pathname === '/login');
  expect(new URL(page.url()).searchParams.get('returnTo')).toBe('/app/');
  await page.fill('#username', username);
  await page.fill('#password', JOURNEY_PASSWORD);
  await page.click('form[action="/api/auth/login"] button[type="submit"]');
  await page.waitForURL((url) => url.pathname === '/app/');
}

describe.skipIf(SKIP_BROWSER)('back office in the browser', () => {
  const env = useJourneyEnvironment();

  for (const role of STAFF_JOURNEY_ROLES) {
    test(`${role}: signs in, sees the start page in Danish, switches to English and unit, signs out`, async () => {
      const { staff, units } = env().people;
      const person = staff[role];
      const page = await env().newPage();
      const errors = watchPageErrors(page);
      await signInThroughPortal(page, env().baseUrl, person.username);

      await expectHeading(page, `Velkommen, ${person.displayName}`);
      expect(await page.getAttribute('html', 'lang')).toBe('da');
      expect(await page.locator(`#role-${role}`).textContent()).toBe(ROLE_HEADINGS[role].da);
      // Every way in is either a working link or plainly listed as being built, never a dead link.
      const section = page.locator(`section[aria-labelledby="role-${role}"]`);
      expect(
        (await section.locator('a.card').count()) + (await section.locator('[data-coming]').count()),
      ).toBeGreaterThan(0);
      expect(await section.locator('[data-coming] a').count()).toBe(0);
      await expectNoAxeViolations(page);
      if (role === 'caseworker') await saveScreenshot(page, 'back-office-start');

      await page.click('header button[lang="en"]');
      await expectHeading(page, `Welcome, ${person.displayName}`);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.locator(`#role-${role}`).textContent()).toBe(ROLE_HEADINGS[role].en);
      await expectNoAxeViolations(page);

      const unit = units[person.unitCode]!;
      const value = await page.locator('#active-unit option', { hasText: unit.en }).first().getAttribute('value');
      await page.selectOption('#active-unit', value!);
      await page.click('form.bo-unit-switcher button[type="submit"]');
      await expect
        .poll(() => page.locator('[role="status"].bo-status').textContent())
        .toBe(`You are now working in ${unit.en}.`);
      expect(await page.locator('main .font-lead').first().textContent()).toBe(
        `These are the ways into your work in ${unit.en}.`,
      );
      expect(await page.inputValue('#active-unit')).toBe(value);

      await page.click('header button:has-text("Sign out")');
      await page.waitForURL((url) => url.pathname === '/login');
      expect(await page.textContent('main .alert-success')).toContain('You are now signed out.');
      await page.goto(env().url('/app/'));
      await page.waitForURL((url) => url.pathname === '/login');
      expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    });
  }

  test('a deep link survives sign-in, and moving within the app puts focus on the new heading', async () => {
    const page = await env().newPage();
    const { admin } = env().people.staff;
    // The journeys above saved English on each account; the back office rightly follows a saved choice.
    await env()
      .database.db.updateTable('app_user')
      .set({ locale: 'da' })
      .where('username', '=', admin.username)
      .execute();
    await page.goto(env().url('/app/admin/units'));
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('returnTo')).toBe('/app/admin/units');
    await page.fill('#username', admin.username);
    await page.fill('#password', JOURNEY_PASSWORD);
    await page.click('form[action="/api/auth/login"] button[type="submit"]');
    await page.waitForURL((url) => url.pathname === '/app/admin/units');
    await expectHeading(page, 'Enheder');
    expect(await page.locator('main table').textContent()).toContain(env().people.units.kommune!.da);
    await expectNoAxeViolations(page);

    // In-app navigation keeps the page (no reload) and puts focus on the new page's heading.
    await page.click('nav a:has-text("Start")');
    await expectHeading(page, `Velkommen, ${admin.displayName}`);
    expect(await page.locator(':focus').evaluate((el) => el.tagName)).toBe('H1');
  });

  test('an applicant who opens the back office is pointed to the self-service', async () => {
    const page = await env().newPage();
    await signInThroughPortal(page, env().baseUrl, env().people.applicant.username);
    await expectHeading(page, 'Medarbejderportalen er for ansatte');
    expect(await page.getAttribute('main a.button', 'href')).toBe('/mine-sager');
    await expectNoAxeViolations(page);
  });
});

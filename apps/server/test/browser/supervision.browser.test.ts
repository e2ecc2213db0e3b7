import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  expectHeading,
  expectNoAxeViolations,
  SKIP_BROWSER,
  useJourneyEnvironment,
  watchPageErrors,
} from './harness.js';
import { JOURNEY_PASSWORD } from './journey-people.js';

async function signIn(page: Page, url: (p: string) => string, username: string): Promise<void> {
  await page.goto(url('/app/supervision'));
  await page.waitForURL((u) => u.pathname === '/login');
  await page.fill('#username', username);
  await page.fill('#password', JOURNEY_PASSWORD);
  await page.click('form[action="/api/auth/login"] button[type="submit"]');
  await page.waitForURL((u) => u.pathname === '/app/supervision');
}

describe.skipIf(SKIP_BROWSER)('management supervision in the browser', () => {
  const env = useJourneyEnvironment();

  test(
    'the quality unit sets up a programme, draws a stratified sample, reviews a case, reads the analysis, adds an initiative and draws a follow-up sample',
    { timeout: 180_000 },
    async () => {
      const page = await env().newPage();
      const errors = watchPageErrors(page);
      const quality = env().people.staff.quality;
      await signIn(page, env().url, quality.username);
      await expectHeading(page, 'Ledelsestilsyn');
      await expectNoAxeViolations(page);

      await page.fill('#sp-title', 'Klagevejledning i boligstøtte');
      await page.fill('#sp-focusArea', 'Begrundelse og klagevejledning');
      await page.fill('#sp-legalBasis', 'Forvaltningsloven §§ 22–25');
      await page.selectOption('#sp-unit', { label: 'Sagsgang Kommune' });
      await page.getByLabel(quality.displayName).check();
      await page.getByRole('button', { name: 'Opret', exact: true }).click();
      await page.waitForURL(/\/app\/supervision\/programmes\//);
      await expectHeading(page, 'Klagevejledning i boligstøtte');
      await expectNoAxeViolations(page);

      await page.fill('#ds-label', 'Første runde');
      await page.selectOption('#ds-stratifyBy', 'unit');
      await page.selectOption('#ds-allocation', 'proportional');
      await page.fill('#ds-size', '12');
      await page.getByRole('button', { name: 'Træk', exact: true }).click();
      await page.waitForURL(/\/app\/supervision\/samples\//);
      await expectHeading(page, 'Stikprøve: Første runde');
      const sampleUrl = page.url();
      await expect.poll(() => page.locator('main table').nth(1).locator('tbody tr').count()).toBe(12);
      await expectNoAxeViolations(page);

      // Review the first drawn case: every criterion once, the holistic score.
      await page.locator('main table').nth(1).locator('tbody tr a').first().click();
      await page.waitForURL(/\/cases\//);
      await expect.poll(() => page.locator('main h1').textContent()).toContain('Gennemgang af');
      await expectNoAxeViolations(page);
      const criteria = page.locator('main form fieldset');
      const n = await criteria.count();
      for (let i = 0; i < n - 1; i++)
        await criteria
          .nth(i)
          .locator('input[type="radio"]')
          .nth(i === 0 ? 1 : 0)
          .check();
      await criteria
        .nth(n - 1)
        .locator('input[type="radio"]')
        .nth(2)
        .check();
      await page.getByRole('button', { name: 'Gem gennemgangen' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe('Gemt.');

      await page.goto(sampleUrl);
      await expect.poll(() => page.getByText('1 af 12 sager gennemgået').count()).toBeGreaterThan(0);
      const firstRow = page.locator('#analysis-heading ~ div table tbody tr').first();
      await expect.poll(() => firstRow.textContent()).toContain('100.0 % (1/1)');
      expect(await page.getByRole('img', { name: 'Fejlandel med 95 %-interval' }).isVisible()).toBe(true);
      await expectNoAxeViolations(page);

      await page.getByRole('link', { name: 'Stikprøver' }).click();
      await page.waitForURL(/\/app\/supervision\/programmes\//);
      await page.fill('#in-title', 'Undervisning i klagevejledning');
      await page.fill('#in-due', '2030-01-31');
      await page.getByRole('button', { name: 'Opret tiltag' }).click();
      await expect.poll(() => page.getByRole('cell', { name: 'Undervisning i klagevejledning' }).count()).toBe(1);

      await page.fill('#ds-label', 'Opfølgning');
      await page.selectOption('#ds-followUpOf', { label: 'Første runde' });
      await page.fill('#ds-size', '12');
      await page.getByRole('button', { name: 'Træk', exact: true }).click();
      await page.waitForURL((u) => /\/app\/supervision\/samples\//.test(u.pathname) && u.href !== sampleUrl);
      await expectHeading(page, 'Stikprøve: Opfølgning');
      await expectNoAxeViolations(page);
      // As in the back-office journey: the 401s of the session check before signing in are not this journey's.
      expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    },
  );
});

import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { addCalendarDays, createBusinessCalendar } from '@sagsgang/clock';
import {
  expectHeading,
  expectNoAxeViolations,
  saveScreenshot,
  SKIP_BROWSER,
  useJourneyEnvironment,
  watchPageErrors,
} from './harness.js';
import { JOURNEY_PASSWORD } from './journey-people.js';

async function expectStatus(page: Page, text: string) {
  await page.locator('p[role="status"].bo-status', { hasText: text }).waitFor();
}

/** The value of the first option of a select whose text contains `text` (unit options are indented). */
async function optionValue(page: Page, select: string, text: string): Promise<string> {
  const value = await page.locator(`${select} option`, { hasText: text }).first().getAttribute('value');
  expect(value, `${select} offers ${text}`).toBeTruthy();
  return value!;
}

/** A working day early next year, in the calendar the authority counts in before any closure day is added. */
function workingDayNextYear(): string {
  const calendar = createBusinessCalendar({ closeObservances: true });
  let day = `${new Date().getFullYear() + 1}-03-02`;
  while (!calendar.isWorkingDay(day)) day = addCalendarDays(day, 1);
  return day;
}

describe.skipIf(SKIP_BROWSER)('administrator in the back office', () => {
  const env = useJourneyEnvironment();

  test('creates a staff user with a caseworker role, finds them and the creation in the audit log, and adds and removes a closure day', async () => {
    const { staff, units } = env().people;
    const team = units[staff.caseworker.unitCode]!;
    const page = await env().newPage();
    const errors = watchPageErrors(page);
    await page.goto(env().url('/login?returnTo=%2Fapp%2F'));
    await page.fill('#username', staff.admin.username);
    await page.fill('#password', JOURNEY_PASSWORD);
    await page.click('form[action="/api/auth/login"] button[type="submit"]');
    await page.waitForURL((url) => url.pathname === '/app/');
    await expectHeading(page, `Velkommen, ${staff.admin.displayName}`);

    // The three pages are ways in from the start page now, not "being built".
    const section = page.locator('section[aria-labelledby="role-admin"]');
    for (const path of ['/app/admin/users', '/app/admin/audit', '/app/admin/calendar']) {
      expect(await section.locator(`a.card[href="${path}"]`).count(), path).toBe(1);
    }
    expect(
      await section.locator('[data-coming="users"], [data-coming="audit"], [data-coming="calendar"]').count(),
    ).toBe(0);

    // Users: the list, then a new staff user. A refused form keeps what was typed and marks the field.
    await section.locator('a.card[href="/app/admin/users"]').click();
    await expectHeading(page, 'Brugere og roller');
    await page.locator('main table').waitFor();
    expect(await page.locator('main table').textContent()).toContain(staff.caseworker.displayName);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Opret medarbejder' }).click();
    await expectHeading(page, 'Opret medarbejder');
    await page.getByLabel('Brugernavn').fill('nina.nybegynder');
    await page.getByRole('textbox', { name: 'Navn', exact: true }).fill('Nina Nybegynder');
    await page.getByLabel('E-mail').fill('nina@sagsgang.example');
    await page.getByLabel('Adgangskode').fill('for-kort');
    await page.selectOption('#grant-0-role', 'caseworker');
    await page.selectOption('#grant-0-unit', await optionValue(page, '#grant-0-unit', team.da));
    await page.getByRole('button', { name: 'Opret medarbejder' }).click();
    const summary = page.locator('.bo-error-summary');
    await expect.poll(() => summary.textContent()).toContain('Adgangskode: Skal være mindst 12 tegn.');
    expect(await page.locator('#user-password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.inputValue('#user-username')).toBe('nina.nybegynder');
    expect(await page.inputValue('#user-name')).toBe('Nina Nybegynder');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-new-user-refused');
    // The summary's link takes the keyboard to the field.
    await summary.getByRole('link').click();
    expect(await page.locator(':focus').getAttribute('id')).toBe('user-password');

    await page.getByLabel('Adgangskode').fill('en-lang-adgangskode-1');
    await page.getByRole('button', { name: 'Opret medarbejder' }).click();
    await page.waitForURL(/\/app\/admin\/users\/[0-9a-f-]{36}\?created=1$/);
    await expectHeading(page, 'Nina Nybegynder');
    await expectStatus(page, 'Brugeren er oprettet.');
    const roles = page.locator('table', { has: page.locator('caption', { hasText: 'Roller for Nina Nybegynder' }) });
    expect(await roles.textContent()).toContain('Sagsbehandler');
    expect(await roles.textContent()).toContain(team.da);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-user');
    const userId = new URL(page.url()).pathname.split('/').pop()!;

    // Another role given and taken away again, and the account deactivated and reactivated.
    const counter = units['bs-skranke']!.da;
    await page.selectOption('#grant-role', 'frontline');
    await page.selectOption('#grant-unit', await optionValue(page, '#grant-unit', counter));
    await page.getByRole('button', { name: 'Tildel rolle' }).click();
    await expectStatus(page, `Rollen Borgerservice på ${counter} er tildelt.`);
    await page.getByRole('button', { name: `Fjern rollen Borgerservice på ${counter}` }).click();
    await expectStatus(page, `Rollen Borgerservice på ${counter} er fjernet.`);
    expect(await roles.locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Deaktivér bruger' }).click();
    await expectStatus(page, 'Brugeren er deaktiveret');
    await page.getByRole('button', { name: 'Genaktivér bruger' }).click();
    await expectStatus(page, 'Brugeren er aktiv igen.');

    await page.getByRole('link', { name: 'Tilbage til brugerne' }).click();
    await page.getByLabel('Navn, brugernavn eller e-mail').fill('nybegynder');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'nybegynder');
    await page.locator('main p[role="status"]', { hasText: '1 bruger fundet.' }).waitFor();
    const row = page.locator('main tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(`Sagsbehandler – ${team.da}`);
    expect(await row.textContent()).toContain('Aktiv');

    // Audit: the creation, found by action and kind of record, and the same filters as a CSV file.
    await page.goto(env().url('/app/admin/audit'));
    await expectHeading(page, 'Adgangslog');
    await page.locator('main table').waitFor();
    await page.getByLabel('Handling').selectOption('create');
    await page.getByLabel('Type af post').selectOption('user');
    await page.getByRole('button', { name: 'Vis', exact: true }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('action') === 'create' && url.searchParams.get('entityType') === 'user',
    );
    // The URL changes before the filtered rows arrive: wait until the table holds creations only.
    await expect
      .poll(async () => {
        const rows = await page.locator('main tbody tr').allTextContents();
        return rows.length > 0 && rows.every((text) => text.includes('Oprettet'));
      })
      .toBe(true);
    const created = page.locator('main tbody tr', { hasText: 'Nina Nybegynder' });
    await created.waitFor();
    expect(await created.textContent()).toContain(staff.admin.displayName);
    expect(await created.textContent()).toContain(userId);
    // The purpose is stored in English and shown in the reader's language.
    expect(await created.locator('td').last().textContent()).toBe('Administration af brugere');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-audit');
    const exportHref = await page.getByRole('link', { name: 'Hent som CSV' }).getAttribute('href');
    expect(exportHref).toContain('action=create');
    expect(exportHref).toContain('entityType=user');
    const csv = await page.request.get(env().url(exportHref!));
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines.some((l) => l.includes('"Nina Nybegynder"') && l.includes(`"${staff.admin.displayName}"`))).toBe(true);
    expect(lines.slice(1).every((l) => l.includes('"create"') && l.includes('"user"'))).toBe(true);

    // Calendar: next year, a closure day added (a missing reason refused first) and removed again.
    await page.goto(env().url('/app/admin/calendar'));
    await expectHeading(page, 'Arbejdsdage og lukkedage');
    const nextYear = new Date().getFullYear() + 1;
    await page.getByRole('link', { name: `Næste år (${nextYear})` }).click();
    await page.waitForURL((url) => url.searchParams.get('year') === String(nextYear));
    await page.locator(`tr[data-day="${nextYear}-12-25"]`, { hasText: 'Juledag' }).waitFor();
    const workingDays = async () =>
      Number(
        (await page.locator('main p', { hasText: /arbejdsdage?\.$/ }).textContent())!.match(/(\d+) arbejdsdag/)![1],
      );
    const before = await workingDays();
    await expectNoAxeViolations(page);

    const day = workingDayNextYear();
    await page.fill('#closure-day', day);
    await page.getByRole('button', { name: 'Tilføj lukkedag' }).click();
    await expect.poll(() => page.locator('.bo-error-summary').textContent()).toContain('Begrundelse: Skal udfyldes.');
    expect(await page.inputValue('#closure-day')).toBe(day);
    await page.getByLabel('Begrundelse').fill('Flytning af rådhuset');
    await page.getByRole('button', { name: 'Tilføj lukkedag' }).click();
    await expectStatus(page, 'er nu en lukkedag');
    const closure = page.locator(`tr[data-day="${day}"]`);
    expect(await closure.textContent()).toContain('Lukkedag');
    expect(await closure.textContent()).toContain('Flytning af rådhuset');
    await expect.poll(workingDays).toBe(before - 1);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'admin-calendar');

    // The same year in English: names and dates in the reader's language.
    await page.click('header button[lang="en"]');
    await expectHeading(page, 'Working days and closure days');
    expect(await page.locator(`tr[data-day="${nextYear}-12-25"]`).textContent()).toContain('Christmas Day');
    expect(await page.locator(`tr[data-day="${nextYear}-12-25"] time`).textContent()).toContain('December');
    await expectNoAxeViolations(page);

    await closure.getByRole('button', { name: /^Remove/ }).click();
    await expectStatus(page, 'is no longer a closure day');
    expect(await page.locator(`tr[data-day="${day}"]`).count()).toBe(0);
    expect(
      Number(
        (await page.locator('main p', { hasText: /working days?\.$/ }).textContent())!.match(/(\d+) working day/)![1],
      ),
    ).toBe(before);
    await page.click('header button[lang="da"]');

    const closures = await env()
      .database.db.selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'calendar_closure')
      .where('entity_id', '=', day)
      .orderBy('id')
      .execute();
    expect(closures.map((c) => c.action)).toEqual(['create', 'delete']);
    // The failed requests are the two refusals made on purpose above; the browser logs each.
    expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    expect(errors.filter((e) => e.includes('status of 400'))).toHaveLength(2);
  });
});

import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/platform/config.js';
import { JobRunner } from '../../src/platform/jobs/index.js';
import { createAppContext } from '../../src/composition.js';
import { grantRole } from '../support/case-factories.js';
import { pdfText } from '../support/pdf-text.js';
import {
  expectNoAxeViolations,
  saveScreenshot,
  SKIP_BROWSER,
  useJourneyEnvironment,
  watchPageErrors,
} from './harness.js';
import { JOURNEY_PASSWORD } from './journey-people.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const quarterOf = (d: Date) => `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`;
/** The quarter before this one: a whole quarter of decided cases. */
const lastQuarter = () => {
  const d = new Date();
  return quarterOf(new Date(d.getFullYear(), d.getMonth() - 3, 1));
};

async function download(page: Page, selector: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return fs.readFileSync((await file.path())!);
}

describe.skipIf(SKIP_BROWSER)('goals in the browser', () => {
  const env = useJourneyEnvironment();
  let runner: JobRunner;
  beforeAll(async () => {
    runner = new JobRunner({
      ctx: createAppContext({ config: loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), database: env().database }),
      log: silent,
      pollMs: 200,
    });
    runner.start();
    // The manager: the immigration centre's lead, made lead of the whole authority too (a director).
    const db = env().database.db;
    const lead = await sql<{ id: string }>`SELECT id FROM app_user WHERE username = 'teamleder'`.execute(db);
    const top = await sql<{ id: string }>`SELECT id FROM unit WHERE parent_id IS NULL`.execute(db);
    await grantRole(db, lead.rows[0].id, 'teamlead', top.rows[0].id);
  });
  afterAll(async () => runner?.stop());

  test('a manager sets a quarterly goal for a centre, follows it down to a late case, and gets the report', async () => {
    const page = await env().newPage();
    const errors = watchPageErrors(page);
    await page.goto(env().url('/app/goals'));
    await page.waitForURL((u) => u.pathname === '/login');
    await page.fill('#username', 'teamleder');
    await page.fill('#password', JOURNEY_PASSWORD);
    await page.click('form[action="/api/auth/login"] button[type="submit"]');
    await page.waitForURL((u) => u.pathname === '/app/goals');
    expect(await page.inputValue('#goals-period')).toBe(quarterOf(new Date()));
    const period = lastQuarter();
    await page.fill('#goals-period', period);
    // The demo authority's own goals for this quarter.
    await expect.poll(() => page.locator('#goals-table tbody tr').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);

    // The goal: nine of ten of the immigration centre's cases decided within a day last quarter (not met).
    const centre = env().people.units.udl.da;
    await page.selectOption('#goal-unit', { label: centre });
    await page.selectOption('#goal-indicator', { label: 'Sagsbehandlingstid, 90 %' });
    await page.selectOption('#goal-area', { label: 'Servicekvalitet' });
    await page.fill('#goal-target', '1');
    await page.click('button:has-text("Gem målet")');
    const row = page.locator('#goals-table tbody tr', { hasText: 'Sagsbehandlingstid, 90 %' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('td').first().textContent()).toBe(centre);
    const goalId = (await row.getAttribute('data-goal-id'))!;
    const shown = (await row.locator('.goal-value').textContent())!;
    expect(shown).toMatch(/^\d{1,3},\d$/);
    const days = Number(shown.replace(',', '.'));
    expect(days).toBeGreaterThan(1);
    // Status in a symbol and words, never colour alone.
    expect(await row.locator('td').nth(3).textContent()).toBe('✗ Mål ikke nået');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'goals-dashboard');

    // Down from the authority: the centre, its team, the case type, the cases, the case.
    await row.locator('a:has-text("Følg tallet")').click();
    await page.waitForURL((u) => u.pathname === '/app/goals/drill');
    await page.locator('table caption:has-text("Enheder under")').waitFor();
    await expectNoAxeViolations(page);
    await page.click(`table a:text-is("${centre}")`);
    await expect.poll(() => page.locator('#drill-value').textContent()).toMatch(new RegExp(`^${shown} `));
    const teamLink = page.locator('table:has(caption:has-text("Enheder under")) tbody a').first();
    await teamLink.click();
    await page.locator('table caption:has-text("Sagstyper")').waitFor();
    await page.locator('table:has(caption:has-text("Sagstyper")) tbody a').first().click();
    await page.waitForURL((u) => u.searchParams.has('caseTypeId'));
    await page.click('button:has-text("Vis sagerne")');
    const first = page.locator('#drill-cases tbody a').first();
    await first.waitFor();
    await expectNoAxeViolations(page);
    const reference = (await first.textContent())!;
    await first.click();
    await page.waitForURL((u) => /^\/app\/cases\/[0-9a-f-]{36}$/.test(u.pathname));
    await expect.poll(() => page.locator('h1').first().textContent()).toContain(reference);

    // The quarterly report: made in the background, then the same number in the PDF and in the workbook.
    await page.goto(env().url(`/app/goals?period=${period}`));
    await row.first().waitFor();
    await page.click('button:has-text("Lav kvartalsrapport")');
    await page.locator('#report-pdf').waitFor({ timeout: 60_000 });
    await expectNoAxeViolations(page);
    const pdf = await download(page, '#report-pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain(`Kvartalsrapport til udvalget ${period}`);
    expect(text).toContain(`\n${shown} dage\n`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(page, '#report-xlsx')) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Servicekvalitet')!;
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((r) => r.getCell(9).value === goalId && rows.push(r));
    expect(rows).toHaveLength(1);
    expect(rows[0].getCell(1).value).toBe(centre);
    const cell = rows[0].getCell(4);
    expect(typeof cell.value).toBe('number');
    expect(cell.numFmt).toBe('0.0');
    expect(Math.round((cell.value as number) * 10) / 10).toBe(days);
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});

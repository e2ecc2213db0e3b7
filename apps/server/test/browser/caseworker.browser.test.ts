import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  expectHeading,
  expectNoAxeViolations,
  SKIP_BROWSER,
  useJourneyEnvironment,
  watchPageErrors,
} from './harness.js';
import { JOURNEY_PASSWORD } from './journey-people.js';
import { openCase } from '../../src/modules/cases/index.js';
import { tinyPdf } from '../support/multipart.js';
import { publishFamilyReunification } from './journey-case-types.js';

const form = (page: Page, title: string) => page.getByRole('form', { name: title });

/** Opens a disclosed action form by its summary, unless it is open already. */
async function openAction(page: Page, title: string) {
  const details = page.locator('details.bo-action', { has: page.locator('summary', { hasText: title }) });
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  return form(page, title);
}

async function expectStatus(page: Page, text: string) {
  await page.locator('p[role="status"].bo-status', { hasText: text }).waitFor();
}

describe.skipIf(SKIP_BROWSER)('caseworker in the back office', () => {
  const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-journey-files-'));
  afterAll(() => fs.rmSync(fileDir, { recursive: true, force: true }));
  const env = useJourneyEnvironment({ fileDir });

  test('screens a case, requests information, sees the clock paused, records a note, attaches a letter and decides with reasons', async () => {
    const db = env().database.db;
    const definition = await publishFamilyReunification(db, 'family-journey');
    const c = await openCase(
      { db, actor: { system: true, userId: null } },
      {
        caseTypeCode: definition.code,
        channel: 'digital',
        receivedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
        applicant: { name: 'Amira Hansen' },
      },
    );

    const page = await env().newPage();
    const errors = watchPageErrors(page);
    await page.goto(env().url('/login?returnTo=%2Fapp%2Fcases%2Fqueue'));
    await page.fill('#username', env().people.staff.caseworker.username);
    await page.fill('#password', JOURNEY_PASSWORD);
    await page.click('form[action="/api/auth/login"] button[type="submit"]');
    await page.waitForURL('**/app/cases/queue');
    await page.locator('main table').waitFor();
    await expectHeading(page, 'Min arbejdskø');
    expect(await page.locator('main table').textContent()).toContain('Amira Hansen');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: c.reference }).click();
    await page.waitForURL(`**/app/cases/${c.id}`);
    await page.locator('main h1', { hasText: c.reference }).waitFor();
    expect(await page.locator('#clock-heading').textContent()).toContain('Kører');
    await expectNoAxeViolations(page);

    // Screening: not fully informed, with what is missing.
    const screening = form(page, 'Screening');
    await screening.getByLabel('Mangler oplysninger').check();
    await screening.getByLabel('Hvad mangler').fill('Vielsesattest');
    await screening.getByRole('button', { name: 'Gem screening' }).click();
    await expectStatus(page, 'Screeningen er gemt.');

    // The information request stops the clock.
    const request = await openAction(page, 'Anmod om oplysninger');
    await request.getByLabel('Hvad skal ansøgeren sende').fill('Vielsesattest med oversættelse');
    await request.getByLabel('Besked til ansøgeren').fill('Send venligst jeres vielsesattest.');
    await request.getByRole('button', { name: 'Send anmodning' }).click();
    await expectStatus(page, 'Anmodningen er sendt.');
    expect(await page.locator('#clock-heading').textContent()).toContain('På pause');
    expect(await page.locator('.bo-clock').textContent()).toContain('Uret står stille');
    await expectNoAxeViolations(page);

    // The duty to record notes: who, when, what.
    const note = await openAction(page, 'Notat (notatpligt)');
    await note.getByLabel('Hvem').fill('Ansøgers ægtefælle (telefon)');
    await note.getByLabel('Hvad', { exact: false }).last().fill('Oplyser at attesten er sendt med posten.');
    await note.getByRole('button', { name: 'Gem notat' }).click();
    await expectStatus(page, 'Notatet er gemt.');
    expect(await page.locator('.bo-notes').textContent()).toContain('Oplyser at attesten er sendt med posten.');

    // A letter to the applicant as a PDF: a file that is not one is refused in Danish; the real one is kept and
    // downloads as the same bytes.
    const letter = tinyPdf('Brev til ansøger om vielsesattest');
    const attach = await openAction(page, 'Tilføj dokument');
    await attach.getByLabel('Fil', { exact: false }).setInputFiles({
      name: 'brev.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<html>ikke en pdf</html>'),
    });
    await attach.getByLabel('Titel').fill('Brev om vielsesattest');
    await attach.getByLabel('Dokumenttype').selectOption('letter');
    await attach.getByLabel('Retning').selectOption('outgoing');
    await attach.getByRole('button', { name: 'Gem' }).click();
    await expect
      .poll(() => attach.getByRole('alert').textContent())
      .toContain('brev.pdf er ikke en PDF, PNG eller JPEG');
    await attach
      .getByLabel('Fil', { exact: false })
      .setInputFiles({ name: 'brev.pdf', mimeType: 'application/pdf', buffer: letter });
    await attach.getByRole('button', { name: 'Gem' }).click();
    await expectStatus(page, 'Dokumentet er tilføjet.');
    const row = page.locator('.bo-documents tbody tr', { hasText: 'Brev om vielsesattest' });
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(1)).toEqual([
      'Brev, PDF',
      `${letter.length} B`,
      'udgående',
      env().people.staff.caseworker.displayName,
      expect.any(String),
    ]);
    await expectNoAxeViolations(page);
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link').click()]);
    expect(download.suggestedFilename()).toBe('brev.pdf');
    expect(fs.readFileSync(await download.path()).equals(letter)).toBe(true);

    // A refusal without appeal guidance is refused; with it, the decision is made.
    const decide = await openAction(page, 'Træf afgørelse');
    await decide.getByLabel('Afgørelse').selectOption('refused');
    await decide.getByLabel('Begrundelse').fill('Betingelserne for familiesammenføring er ikke opfyldt.');
    await decide.getByLabel('Anvendte retsregler').fill('Udlændingelovens § 9, stk. 1, nr. 1');
    await decide.getByRole('button', { name: 'Træf afgørelse' }).click();
    // The refusal is in Danish and names the field by its label; the server's English stays behind a disclosure.
    const refusal = decide.getByRole('alert');
    await expect.poll(() => refusal.locator('li').first().textContent()).toBe('Klagevejledning: Skal udfyldes.');
    expect(await refusal.locator('p.alert-text').first().textContent()).toBe('Der er problemer med det udfyldte:');
    expect(await refusal.locator('details').getAttribute('open')).toBeNull();
    expect(await refusal.locator('details summary').textContent()).toBe('Serverens besked');
    expect(await refusal.locator('details p[lang="en"]').textContent()).toContain('appealGuidance');
    await expectNoAxeViolations(page);
    await decide.getByLabel('Klagevejledning').fill('Du kan klage til Udlændingenævnet inden 8 uger.');
    await decide.getByRole('button', { name: 'Træf afgørelse' }).click();
    await expectStatus(page, 'Afgørelsen er truffet.');
    expect(await page.locator('.bo-facts').first().textContent()).toContain('Afgjort');
    expect(await page.locator('.bo-timeline').textContent()).toContain('Afgørelse truffet');
    await expectNoAxeViolations(page);

    const events = await db
      .selectFrom('case_event')
      .select('activity')
      .where('case_id', '=', c.id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.activity)).toEqual([
      'received',
      'screened',
      'information_requested',
      'note_recorded',
      'document_added',
      'decided',
    ]);
    const reads = await db
      .selectFrom('audit_log')
      .select('entity_type')
      .where('action', '=', 'read')
      .where('entity_type', '=', 'case_document')
      .execute();
    expect(reads).toHaveLength(1);
    // The failed requests are the two refusals above, made on purpose; the browser logs them.
    const refusals = (e: string) => e.includes('status of 400') || e.includes('status of 415');
    expect(errors.filter((e) => !refusals(e))).toEqual([]);
    expect(errors.filter(refusals)).toHaveLength(2);
  });

  test('a team lead with several teams narrows the work queue and the figures to one team', async () => {
    const db = env().database.db;
    const team = await db
      .selectFrom('unit')
      .select(['id', 'name_da'])
      .where('code', '=', 'udl-erhverv')
      .executeTakeFirstOrThrow();
    const page = await env().newPage();
    const errors = watchPageErrors(page);
    await page.goto(env().url('/login?returnTo=%2Fapp%2Fcases%2Fqueue'));
    await page.fill('#username', env().people.staff.teamlead.username);
    await page.fill('#password', JOURNEY_PASSWORD);
    await page.click('form[action="/api/auth/login"] button[type="submit"]');
    await page.waitForURL('**/app/cases/queue');
    await page.locator('main table').waitFor();

    const filter = page.getByRole('form', { name: 'Filtre' });
    expect(await filter.getByLabel('Enhed', { exact: true }).locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Alle mine enheder', expect.stringContaining(team.name_da)]),
    );
    await filter.getByLabel('Enhed', { exact: true }).selectOption(team.id);
    await filter.getByRole('button', { name: 'Vis', exact: true }).click();
    const want = await page.evaluate(
      async (unitId) =>
        (await (await fetch(`/api/cases/queue?unitId=${unitId}&limit=50`)).json()) as {
          total: number;
          items: { caseTypeName: { da: string } }[];
        },
      team.id,
    );
    expect(want.items.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('main table tbody tr').count()).toBe(want.items.length);
    expect(new Set(await page.locator('main table tbody tr td:nth-child(3)').allTextContents())).toEqual(
      new Set(['Jobkort']),
    );
    await expectNoAxeViolations(page);

    await page.goto(env().url('/app/cases/figures'));
    await page.locator('main table').waitFor();
    expect(await page.locator('main table tbody th').allTextContents()).toContain('Familiesammenføring, ægtefælle');
    const figuresFilter = page.getByRole('form', { name: 'Filtre' });
    await figuresFilter.getByLabel('Enhed', { exact: true }).selectOption(team.id);
    await figuresFilter.getByRole('button', { name: 'Vis', exact: true }).click();
    await expect.poll(() => page.locator('main table tbody th').allTextContents()).toEqual(['Jobkort']);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });

  test('quality reads how well the expected decision held per case type; the public page says it too', async () => {
    const page = await env().newPage();
    const errors = watchPageErrors(page);
    await page.goto(env().url('/login?returnTo=%2Fapp%2Fcases%2Fforecast-calibration'));
    await page.fill('#username', env().people.staff.quality.username);
    await page.fill('#password', JOURNEY_PASSWORD);
    await page.click('form[action="/api/auth/login"] button[type="submit"]');
    await page.waitForURL('**/app/cases/forecast-calibration');
    await expectHeading(page, 'Skønnets træfsikkerhed');
    const select = page.getByLabel('Sagstype', { exact: true });
    const options = await select.locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    expect(options.length).toBeGreaterThan(1);
    await select.selectOption(options[1]);
    await page.locator('main table caption').waitFor();
    const shown = await page.evaluate(
      async (id) =>
        (await (await fetch(`/api/forecast-calibration/${id}`)).json()) as {
          caseTypeCode: string;
          all: { upper: { due: number; share: number | null } };
          bands: unknown[];
        },
      options[1],
    );
    await expect.poll(() => page.locator('main table tbody tr').count()).toBe(shown.bands.length);
    const lead = await page.locator('main .font-lead').last().textContent();
    if (shown.all.upper.due > 0) expect(lead).toContain(`${(shown.all.upper.share! * 100).toFixed(1)} %`);
    else expect(lead).toContain('Der er endnu ingen skøn');
    await expectNoAxeViolations(page);

    await page.goto(env().url(`/forventet-tid/${shown.caseTypeCode}`));
    expect(await page.locator('h1').textContent()).toContain('Hvor ofte holdt skønnet?');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });
});

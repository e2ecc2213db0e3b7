import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  expectNoAxeViolations,
  saveScreenshot,
  SKIP_BROWSER,
  useJourneyEnvironment,
  watchPageErrors,
} from './harness.js';
import { JOURNEY_PASSWORD } from './journey-people.js';
import type { TCaseTypeDetail } from '@sagsgang/contracts';
import { getCaseType } from '../../src/modules/case-types/index.js';

async function signInAsAdmin(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login?returnTo=%2Fapp%2Fadmin%2Fcase-types`);
  await page.fill('#username', username);
  await page.fill('#password', JOURNEY_PASSWORD);
  await page.click('form[action="/api/auth/login"] button[type="submit"]');
  await page.waitForURL('**/app/admin/case-types');
  await page.locator('main table tbody tr').first().waitFor();
}

const status = (page: Page, text: string) => page.locator('p[role="status"].bo-status', { hasText: text }).waitFor();
const group = (scope: Page | Locator, name: string) => scope.getByRole('group', { name, exact: true });
const editorHeading = (page: Page) => page.locator('#ct-editor-heading');
const publish = (page: Page) => page.getByRole('button', { name: 'Udgiv ny version' }).click();

/** Fills Danish and English of a three-language group. */
async function fillTexts(scope: Locator, legend: string, da: string, en: string) {
  await group(scope, legend).getByLabel('Dansk').fill(da);
  await group(scope, legend).getByLabel('Engelsk').fill(en);
}

describe.skipIf(SKIP_BROWSER)('administrator edits the case-type catalogue', () => {
  const env = useJourneyEnvironment();

  test('changes the service goal and adds a phase, publishes a new version, and a refused value keeps every edit', async () => {
    const db = env().database.db;
    const page = await env().newPage();
    const errors = watchPageErrors(page);
    await signInAsAdmin(page, env().baseUrl, env().people.staff.admin.username);
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Rediger family-reunification' }).click();
    await expect.poll(() => editorHeading(page).textContent()).toBe('Rediger family-reunification (version 1)');
    expect(await page.inputValue('#ct-topicCode')).toBe('26.02.02');
    expect(await page.locator('#ct-unitCode option:checked').textContent()).toContain('Team Familiesammenføring');
    await expectNoAxeViolations(page);

    // Opened and published as it is: every field came back exactly, so nothing new is published.
    await publish(page);
    await status(page, 'Ingen ændringer: der er ikke udgivet en ny version.');
    expect((await getCaseType(db, 'family-reunification')).currentVersion).toBe(1);

    const goal = group(page, 'Servicemål');
    await goal.getByLabel('Antal').fill('2');
    await page.getByLabel('Målopfyldelse (procent)').fill('95');
    await page.getByRole('button', { name: 'Tilføj fase' }).click();
    const phase = page.locator('.bo-ct-list > li').nth(5);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ct-phases-5-code');
    await phase.getByLabel('Fasens kode').fill('archiving');
    await fillTexts(phase, 'Fasens navn', 'Arkivering', 'Archiving');
    await fillTexts(
      phase,
      'Tekst til ansøgeren',
      'Sagen er afsluttet og arkiveret.',
      'The case is closed and archived.',
    );
    await phase.getByLabel('Giv ansøgeren besked, når sagen kommer i denne fase').uncheck();
    await group(phase, 'Forventet varighed').getByLabel('Antal').fill('5');
    await saveScreenshot(page, 'case-type-editor');
    await publish(page);
    await status(page, 'family-reunification er udgivet som version 2.');
    await expect.poll(() => editorHeading(page).textContent()).toBe('Rediger family-reunification (version 2)');
    expect(
      await page.locator('main table tbody tr', { hasText: 'family-reunification' }).locator('td').nth(2).textContent(),
    ).toBe('2');
    const v2 = await getCaseType(db, 'family-reunification');
    expect(v2.currentVersion).toBe(2);
    expect(v2.definition.serviceGoal).toMatchObject({ duration: { amount: 2, unit: 'months' }, targetShare: 0.95 });
    expect(v2.definition.phases.at(-1)).toEqual({
      code: 'archiving',
      order: 6,
      name: { da: 'Arkivering', en: 'Archiving' },
      notifyApplicant: false,
      applicantText: { da: 'Sagen er afsluttet og arkiveret.', en: 'The case is closed and archived.' },
      expectedDuration: { amount: 5, unit: 'calendar_days' },
    });

    // A negative duration: the server refuses, names the field, and the form keeps everything typed.
    await page.getByLabel('Hjemmel').fill('Udlændingelovens § 9, stk. 1, nr. 1, litra a');
    // Reopened from what was stored, the rows are folded: unfold the new phase to change it.
    const archived = page.locator('.bo-ct-list > li').nth(5);
    const fold = page.getByRole('button', { name: 'Fase 6: Arkivering', exact: true });
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    await fold.click();
    await group(archived, 'Forventet varighed').getByLabel('Antal').fill('-3');
    await publish(page);
    const summary = page.getByTestId('case-type-errors');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('phases[5].expectedDuration.amount');
    expect(await summary.textContent()).toContain('Skal være over 0.');
    expect(await summary.textContent()).toContain('Fase 6 › Forventet varighed › Antal');
    expect(await page.locator('#ct-phases-5-expectedDuration-amount-error').textContent()).toContain(
      'Skal være over 0.',
    );
    expect(await page.getAttribute('#ct-phases-5-expectedDuration-amount', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#ct-phases-5-expectedDuration-amount')).toBe('-3');
    expect(await page.inputValue('#ct-legalBasis')).toBe('Udlændingelovens § 9, stk. 1, nr. 1, litra a');
    expect(await page.inputValue('#ct-serviceGoal-duration-amount')).toBe('2');
    expect(await page.inputValue('#ct-phases-5-name-da')).toBe('Arkivering');
    expect((await getCaseType(db, 'family-reunification')).currentVersion).toBe(2);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'case-type-editor-refused');

    // The message links to the field, unfolding its phase again; corrected, the same edits publish as the next version.
    await fold.click();
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    await summary.getByRole('link').first().click();
    expect(await fold.getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ct-phases-5-expectedDuration-amount');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('4');
    await publish(page);
    await status(page, 'family-reunification er udgivet som version 3.');
    const v3 = await getCaseType(db, 'family-reunification');
    expect(v3.definition.legalBasis).toBe('Udlændingelovens § 9, stk. 1, nr. 1, litra a');
    expect(v3.definition.phases.at(-1)!.expectedDuration).toEqual({ amount: 4, unit: 'calendar_days' });
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
  });

  test("makes an answer a choice of fixed options and narrows a document's file rules; a refused option code is named on the option", async () => {
    const page = await env().newPage();
    const errors = watchPageErrors(page);
    await signInAsAdmin(page, env().baseUrl, env().people.staff.admin.username);
    await page.getByRole('button', { name: 'Rediger housing-support' }).click();
    await expect.poll(() => editorHeading(page).textContent()).toBe('Rediger housing-support (version 1)');
    const requirements = page.locator('.bo-ct-list').nth(1).locator('> li');

    // The tenancy agreement: PDF only, at most 5 MB.
    await page.getByRole('button', { name: 'Krav 1: Lejekontrakt', exact: true }).click();
    const lease = requirements.nth(0);
    await lease.getByLabel('PDF', { exact: true }).check();
    await lease.getByLabel('Største filstørrelse (MB)').fill('5');

    // The household: a choice between two fixed answers, the second moved first.
    await page.getByRole('button', { name: 'Krav 2: Husstandens medlemmer', exact: true }).click();
    const household = requirements.nth(1);
    await household.getByLabel('Svartype').selectOption({ label: 'Valg mellem faste svar' });
    const options = household.locator('.bo-ct-option-list > li');
    for (const [i, code, da, en] of [
      [0, 'Alone', 'Jeg bor alene', 'I live alone'],
      [1, 'with-others', 'Jeg bor med andre', 'I live with others'],
    ] as const) {
      await household.getByRole('button', { name: 'Tilføj svarmulighed' }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id))
        .toBe(`ct-requirements-1-answer-options-${i}-value`);
      await options.nth(i).getByLabel('Svarets kode').fill(code);
      await fillTexts(options.nth(i), 'Betegnelse', da, en);
    }
    await options
      .nth(1)
      .getByRole('button', { name: /Flyt op/ })
      .click();
    await expect.poll(() => options.nth(0).getByLabel('Svarets kode').inputValue()).toBe('with-others');
    await expectNoAxeViolations(page);

    // "Alone" is not a code: the server refuses, the message sits on the option, and everything typed stays.
    await publish(page);
    const summary = page.getByTestId('case-type-errors');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('requirements[1].answer.options[1].value');
    expect(await summary.textContent()).toContain('Krav 2 › Svar › Svarmulighed 2 › Kode');
    expect(await page.locator('#ct-requirements-1-answer-options-1-value-error').textContent()).toContain(
      'små bogstaver, tal, - eller _',
    );
    expect(await page.getAttribute('#ct-requirements-1-answer-options-1-value', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#ct-requirements-1-answer-options-1-value')).toBe('Alone');
    expect(await page.inputValue('#ct-requirements-0-files-maxBytes')).toBe('5');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'case-type-editor-answer-options');

    await page.fill('#ct-requirements-1-answer-options-1-value', 'alone');
    await publish(page);
    await status(page, 'housing-support er udgivet som version 2.');

    // The published version, as the API gives it to the portal and to the next editor.
    const response = await page.request.get(env().url('/api/case-types/housing-support'));
    expect(response.status()).toBe(200);
    const published = (await response.json()) as TCaseTypeDetail;
    expect(published.currentVersion).toBe(2);
    expect(published.definition.requirements[0]!.files).toEqual({
      acceptedTypes: ['application/pdf'],
      maxBytes: 5 * 1024 * 1024,
    });
    expect(published.definition.requirements[1]!.answer).toEqual({
      type: 'choice',
      options: [
        { value: 'with-others', label: { da: 'Jeg bor med andre', en: 'I live with others' } },
        { value: 'alone', label: { da: 'Jeg bor alene', en: 'I live alone' } },
      ],
    });
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
  });

  test('creates a new case type with phases in a chosen order and a handling unit from the picker', async () => {
    const db = env().database.db;
    const page = await env().newPage();
    await signInAsAdmin(page, env().baseUrl, env().people.staff.admin.username);
    await page.getByRole('button', { name: 'Ny sagstype' }).click();
    await expect.poll(() => editorHeading(page).textContent()).toBe('Ny sagstype');

    await page.getByLabel('Kode', { exact: true }).fill('parking-permit');
    await fillTexts(page.locator('form'), 'Navn', 'Parkeringstilladelse', 'Parking permit');
    await page.getByLabel('Emnenummer (KLE)').fill('05.13.00');
    await page.getByLabel('Hjemmel').fill('Færdselslovens § 92');
    await page.getByLabel('Behandlende enhed').selectOption('cbm-byggesag');
    await group(page, 'Servicemål').getByLabel('Antal').fill('10');
    await group(page, 'Servicemål').getByLabel('Tidsenhed').selectOption('working_days');
    await page.getByLabel('Målopfyldelse (procent)').fill('90');
    await page.getByLabel('Når sagen er fuldt oplyst').check();

    const phases = page.locator('.bo-ct-list').first().locator('> li');
    for (const [i, code, da, en] of [
      [0, 'decision', 'Afgørelse', 'Decision'],
      [1, 'received', 'Modtaget', 'Received'],
    ] as const) {
      if (i > 0) await page.getByRole('button', { name: 'Tilføj fase' }).click();
      await phases.nth(i).getByLabel('Fasens kode').fill(code);
      await fillTexts(phases.nth(i), 'Fasens navn', da, en);
      await fillTexts(phases.nth(i), 'Tekst til ansøgeren', `${da}.`, `${en}.`);
    }
    // The second phase belongs first: move it up.
    await phases
      .nth(1)
      .getByRole('button', { name: /Flyt op/ })
      .click();
    expect(await phases.nth(0).getByLabel('Fasens kode').inputValue()).toBe('received');

    await page.getByRole('button', { name: 'Tilføj krav' }).click();
    const req = page.locator('.bo-ct-list').nth(1).locator('> li').first();
    await req.getByLabel('Kravets kode').fill('licence-plate');
    await fillTexts(req, 'Betegnelse', 'Nummerplade', 'Licence plate');
    await fillTexts(req, 'Hvorfor vi beder om det', 'Tilladelsen gælder én bil.', 'The permit is for one car.');
    await req.getByLabel('Hvornår kravet gælder').selectOption('conditional');
    await fillTexts(req, 'Betingelse', 'Hvis du har en bil', 'If you have a car');
    await page.getByLabel('Bevilget', { exact: true }).check();
    await page.getByLabel('Tilbagekaldt').check();
    await page.locator('summary', { hasText: 'Vis definitionen som JSON' }).click();
    expect(await page.locator('.bo-ct-json pre').textContent()).toContain('"code": "parking-permit"');
    await expectNoAxeViolations(page);
    await publish(page);
    await status(page, 'parking-permit er udgivet som version 1.');

    const stored = await getCaseType(db, 'parking-permit');
    expect(stored.unitCode).toBe('cbm-byggesag');
    expect(stored.definition.phases.map((p) => [p.code, p.order])).toEqual([
      ['received', 1],
      ['decision', 2],
    ]);
    expect(stored.definition.serviceGoal).toEqual({
      duration: { amount: 10, unit: 'working_days' },
      targetShare: 0.9,
      clockStart: 'when_fully_informed',
      pauseWhileAwaitingApplicant: true,
      extension: { allowed: false, maximum: null },
    });
    expect(stored.definition.requirements[0]).toMatchObject({
      code: 'licence-plate',
      necessity: 'conditional',
      condition: { da: 'Hvis du har en bil', en: 'If you have a car' },
    });
    expect(stored.definition.outcomes).toEqual(['granted', 'withdrawn']);
    expect(stored.definition.appeal).toBeNull();
  });
});

import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { decideCase, openCase } from '../../src/modules/cases/index.js';
import {
  expectHeading,
  expectNoAxeViolations,
  SKIP_BROWSER,
  useJourneyEnvironment,
  watchPageErrors,
} from './harness.js';
import { JOURNEY_PASSWORD } from './journey-people.js';
import { publishFamilyReunification } from './journey-case-types.js';

async function signIn(page: Page, username: string, returnTo: string) {
  await page.goto(`/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.fill('#username', username);
  await page.fill('#password', JOURNEY_PASSWORD);
  await page.click('form[action="/api/auth/login"] button[type="submit"]');
  await page.waitForURL(`**${returnTo}`);
}

const complaintsSection = (page: Page) => page.locator('section[aria-labelledby="complaints-heading"]');

describe.skipIf(SKIP_BROWSER)('a complaint about a refusal, from the portal to the appeal body and back', () => {
  const env = useJourneyEnvironment();

  test('the citizen complains, the caseworker upholds and forwards, the appeal body remits, the case is reopened', async () => {
    const db = env().database.db;
    const definition = await publishFamilyReunification(db, 'family-complaint');
    const people = env().people;
    const user = (name: string) =>
      db.selectFrom('app_user').select('id').where('username', '=', name).executeTakeFirstOrThrow();
    const citizen = await user(people.applicant.username);
    const worker = await user(people.staff.caseworker.username);
    const system = { db, actor: { system: true as const, userId: null } };
    const c = await openCase(system, {
      caseTypeCode: definition.code,
      channel: 'digital',
      receivedAt: new Date(Date.now() - 20 * 86_400_000).toISOString(),
      applicant: { userId: citizen.id, name: people.applicant.displayName },
      assigneeId: worker.id,
    });
    await decideCase(system, c.id, {
      expectedVersion: c.version,
      outcome: 'refused',
      reasons: 'Boligkravet er ikke opfyldt.',
      legalRules: ['Udlændingelovens § 9'],
      appealGuidance: 'Du kan klage inden 8 uger.',
    });

    // The citizen complains about the decision on the portal, without scripts.
    const portal = await env().newPage({ javaScriptEnabled: false, baseURL: env().baseUrl });
    const caseUrl = `/mine-sager/${c.reference}`;
    await signIn(portal, people.applicant.username, caseUrl);
    await portal.check('input[name="kind"][value="decision"]');
    await portal.fill('#complaint-text', 'Vores bolig er stor nok, se vedlagte plantegning.');
    await portal.click('form[action$="/klage"] button[type="submit"]');
    await portal.waitForURL(`**${caseUrl}?sent=complaint`);
    expect(await complaintsSection(portal).textContent()).toContain('Vi ser din sag igennem igen');
    await expectNoAxeViolations(portal);

    // The caseworker finds it, reconsiders and upholds: it is forwarded to the appeal body.
    const office = await env().newPage({ baseURL: env().baseUrl });
    const errors = watchPageErrors(office);
    await signIn(office, people.staff.caseworker.username, '/app/complaints');
    await expectHeading(office, 'Klager');
    await office.locator('main table a', { hasText: c.reference }).click();
    await expectHeading(office, `Klage over afgørelsen – ${c.reference}`);
    await expectNoAxeViolations(office);
    const reconsider = office.getByRole('form', { name: 'Genvurdér afgørelsen' });
    await reconsider.getByLabel('Fasthold afgørelsen og send klagen til klageinstansen').check();
    await reconsider.locator('#reconsider-reasons').fill('Boligen er under 20 m² pr. person.');
    await reconsider.locator('#reconsider-forwardingLetter').fill('Vi sender hermed klagen og sagens akter.');
    await reconsider.getByRole('button', { name: 'Gem' }).click();
    await expect.poll(() => office.locator('#complaint-state').textContent()).toBe('Sendt til klageinstansen');
    expect(await office.locator('main').textContent()).toContain('Sendt til Udlændingenævnet');
    await expectNoAxeViolations(office);

    // The citizen reads that it was forwarded.
    await portal.goto(caseUrl);
    expect(await complaintsSection(portal).textContent()).toContain(
      'sendte vi din klage og sagens akter til Udlændingenævnet',
    );

    // The appeal body remits the case: its decision is registered, and the case is back in the queue.
    const outcome = office.getByRole('form', { name: 'Registrér klageinstansens afgørelse' });
    await outcome.getByLabel('Hjemvist').check();
    await outcome.locator('#appeal-outcome-reasons').fill('Sagen skal oplyses om boligens størrelse.');
    await outcome.getByRole('button', { name: 'Gem' }).click();
    await expect.poll(() => office.locator('#complaint-state').textContent()).toBe('Afgjort af klageinstansen');
    await expectNoAxeViolations(office);
    await office.goto('/app/cases/queue');
    const typeId = await db
      .selectFrom('case_type')
      .select('id')
      .where('code', '=', definition.code)
      .executeTakeFirstOrThrow();
    await office.locator('#q-caseTypeId option[value="' + typeId.id + '"]').waitFor({ state: 'attached' });
    await office.selectOption('#q-caseTypeId', typeId.id);
    await office.locator('form.bo-filter button[type="submit"]').click();
    await expect.poll(() => office.locator('main table').textContent()).toContain(c.reference);
    await expectNoAxeViolations(office);

    // The citizen reads the appeal body's decision in plain words.
    await portal.goto(caseUrl);
    const told = await complaintsSection(portal).textContent();
    expect(told).toContain('Udlændingenævnet sendte sagen tilbage til os (hjemviste den)');
    expect(told).toContain('Sagen skal oplyses om boligens størrelse.');
    await expectNoAxeViolations(portal);
    expect(errors).toEqual([]);
  }, 300_000);
});

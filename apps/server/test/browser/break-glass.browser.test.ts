import { describe, expect, test } from 'vitest';
import {
  expectHeading,
  expectNoAxeViolations,
  SKIP_BROWSER,
  useJourneyEnvironment,
  watchPageErrors,
} from './harness.js';
import { JOURNEY_PASSWORD } from './journey-people.js';
import { openCase } from '../../src/modules/cases/index.js';
import { publishFamilyReunification } from './journey-case-types.js';

describe.skipIf(SKIP_BROWSER)('an analyst and a case file', () => {
  const env = useJourneyEnvironment();

  test('is refused the case file with the reason, breaks the glass with a reason, and is told the read is logged', async () => {
    const db = env().database.db;
    const definition = await publishFamilyReunification(db, 'family-glass');
    const c = await openCase(
      { db, actor: { system: true, userId: null } },
      { caseTypeCode: definition.code, channel: 'digital', applicant: { name: 'Amira Hansen' } },
    );

    const page = await env().newPage();
    const errors = watchPageErrors(page);
    await page.goto(env().url(`/login?returnTo=${encodeURIComponent(`/app/cases/${c.id}`)}`));
    await page.fill('#username', env().people.staff.analyst.username);
    await page.fill('#password', JOURNEY_PASSWORD);
    await page.click('form[action="/api/auth/login"] button[type="submit"]');
    await page.waitForURL(`**/app/cases/${c.id}`);
    await page.locator('main .alert-error').waitFor();
    expect(await page.locator('main .alert-error').textContent()).toContain('nødadgang');
    expect(await page.locator('main').textContent()).not.toContain('Amira Hansen');
    await expectNoAxeViolations(page);

    const form = page.getByRole('form', { name: 'Åbn sagen med nødadgang' });
    await form.getByLabel('Begrundelse').fill('Borgerens klage over sagsbehandlingstiden');
    await form.getByRole('button', { name: 'Åbn sagen i en time' }).click();
    await page.locator('main h1', { hasText: c.reference }).waitFor();
    await expectHeading(page, `Sag ${c.reference}`);
    expect(await page.locator('main [role="note"]').textContent()).toContain('Du har nødadgang til sagen indtil');
    await expectNoAxeViolations(page);

    const logged = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_type'])
      .where('entity_id', 'in', [c.id])
      .where('purpose', '=', 'Case file read without a working need (break the glass)')
      .execute();
    expect(logged.some((e) => e.action === 'read' && e.entity_type === 'case')).toBe(true);
    expect(errors.filter((e) => !e.includes('401') && !e.includes('403'))).toEqual([]);
  }, 180_000);
});

import { afterAll, describe, expect, test } from 'vitest';
import type { TCaseTypeDefinition } from '@sagsgang/contracts';
import {
  expectHeading,
  expectNoAxeViolations,
  SKIP_BROWSER,
  useJourneyEnvironment,
  watchPageErrors,
} from './harness.js';
import { JOURNEY_PASSWORD } from './journey-people.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { createUser } from '../support/test-auth.js';
import { publishCaseType } from '../../src/modules/case-types/index.js';
import { decideCase, openCase } from '../../src/modules/cases/index.js';
import { demoCaseTypes } from '../../src/modules/demo/index.js';
import { createMailer } from '../../src/modules/notifications/index.js';
import { inviteAfterDecision, sendInvitation } from '../../src/modules/surveys/index.js';

const sink = await startSmtpSink();
afterAll(() => sink.close());

const TYPE_NAME = 'Familiesammenføring (undersøgelsesforløb)';

describe.skipIf(SKIP_BROWSER)('a satisfaction survey after a decision', () => {
  const env = useJourneyEnvironment();
  const mailer = createMailer({
    smtp: { host: '127.0.0.1', port: sink.port, secure: false, from: 'noreply@kommune.example' },
  });
  afterAll(() => mailer.close());

  /** Decides a new case of the journey's type for `userId` and sends its invitation now; returns the mailed link. */
  async function decideAndInvite(type: TCaseTypeDefinition, userId: string, name: string): Promise<string> {
    const db = env().database.db;
    const actor = { system: true as const, userId: null };
    const listeners = [inviteAfterDecision];
    const c = await openCase(
      { db, actor, listeners },
      { caseTypeCode: type.code, channel: 'digital', applicant: { userId, name } },
    );
    await decideCase({ db, actor, listeners }, c.id, {
      expectedVersion: c.version,
      outcome: 'granted',
      reasons: 'Betingelserne er opfyldt',
      legalRules: ['§ 9'],
    });
    const inv = await db
      .selectFrom('survey_invitation')
      .select('id')
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    const before = sink.received.length;
    // The survey's delay (three days) is skipped: the job's work is done now.
    await sendInvitation(
      { db, mailer, config: { publicUrl: env().baseUrl, authorityName: 'Sagsgang Kommune' } },
      inv.id,
    );
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    const link = /https?:\/\/[^\s]+\/undersoegelse\?token=[\w-]+/.exec(mail!.text)?.[0];
    expect(link, 'the mail holds the one-time link').toBeDefined();
    return link!;
  }

  test('the citizen answers by the mailed link without scripts; the quality unit sees it once 5 answered, and acts on it', async () => {
    const db = env().database.db;
    const base = demoCaseTypes().find((d) => d.code === 'family-reunification')!;
    const team = await db
      .selectFrom('unit')
      .select('code')
      .where('name_da', '=', 'Team Familiesammenføring')
      .executeTakeFirstOrThrow();
    const type: TCaseTypeDefinition = {
      ...base,
      code: 'family-survey',
      unitCode: team.code,
      name: { da: TYPE_NAME, en: 'Family reunification (survey journey)' },
    };
    await publishCaseType(db, type, null);
    const borger = await db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', env().people.applicant.username)
      .executeTakeFirstOrThrow();

    // The decision's invitation, read from the SMTP sink, answered in a browser without scripts.
    const link = await decideAndInvite(type, borger.id, env().people.applicant.displayName);
    const citizen = await env().newPage({ javaScriptEnabled: false });
    await citizen.goto(link);
    await expectHeading(citizen, 'Hvordan oplevede du behandlingen af din sag?');
    await expectNoAxeViolations(citizen);
    // A required question left out: the page says so and nothing is stored. (In a page with scripts, as the
    // answer to a post cannot be fetched again for the scan without scripts.)
    const hasty = await env().newPage();
    await hasty.goto(link);
    await hasty.getByRole('button', { name: 'Send svar' }).click();
    await hasty.locator('.alert-error').waitFor();
    expect(await hasty.locator('.alert-error').textContent()).toContain('Svar på spørgsmålet');
    await expectNoAxeViolations(hasty);
    const journeyAnswers = () =>
      db
        .selectFrom('survey_response as r')
        .innerJoin('case_type as t', 't.id', 'r.case_type_id')
        .select('r.id')
        .where('t.code', '=', type.code)
        .execute();
    expect(await journeyAnswers()).toHaveLength(0);
    await citizen.getByLabel('1 – Meget utilfreds').first().check();
    await citizen.getByLabel('Ventetiden').check();
    await citizen.getByLabel(/Er der andet, du vil fortælle os/).fill('Alt for lang ventetid. CPR 010190-1234.');
    await citizen.getByRole('button', { name: 'Send svar' }).click();
    await expectHeading(citizen, 'Tak for dit svar');
    await expectNoAxeViolations(citizen);
    expect(await journeyAnswers()).toHaveLength(1);
    // The link is used up.
    await citizen.goto(link);
    await expectHeading(citizen, 'Du har allerede svaret');

    // The quality unit: one answer is too few to show.
    const quality = await env().newPage();
    const errors = watchPageErrors(quality);
    await quality.goto(env().url(`/login?returnTo=${encodeURIComponent('/app/surveys')}`));
    await quality.fill('#username', env().people.staff.quality.username);
    await quality.fill('#password', JOURNEY_PASSWORD);
    await quality.click('form[action="/api/auth/login"] button[type="submit"]');
    await quality.waitForURL('**/app/surveys');
    await expectHeading(quality, 'Tilfredshedsundersøgelser');
    await quality.getByLabel('Opdel efter').selectOption('caseType');
    const row = quality.locator('[data-testid="survey-results"] tr', { hasText: TYPE_NAME });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('Færre end 5 svar');
    // The very unhappy answer opened a follow-up task for the unit.
    const followUps = quality.locator('[data-testid="survey-follow-ups"]');
    await followUps.waitFor();
    expect(await followUps.textContent()).toContain('Team Familiesammenføring');
    await expectNoAxeViolations(quality);

    // Four more citizens answer (by the same links, posted as a form would be).
    for (let i = 0; i < 4; i++) {
      const person = await createUser(db, { kind: 'applicant', displayName: `Borger ${i}`, password: null });
      await db
        .updateTable('app_user')
        .set({ email: `borger${i}@example.dk` })
        .where('id', '=', person.id)
        .execute();
      const token = new URL(await decideAndInvite(type, person.id, `Borger ${i}`)).searchParams.get('token')!;
      // Without the quality unit's cookies: the link is the only credential.
      const res = await fetch(env().url('/api/surveys/answers'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, answers: { overall: 4 + (i % 2), understood: 'yes' } }),
      });
      expect(res.status).toBe(201);
    }
    await quality.reload();
    await expectHeading(quality, 'Tilfredshedsundersøgelser');
    await quality.getByLabel('Opdel efter').selectOption('caseType');
    const shown = quality.locator('[data-testid="survey-results"] tr', { hasText: TYPE_NAME }).first();
    await expect.poll(async () => (await shown.textContent()) ?? '').toContain('80.0 %');
    // Five answers, four satisfied: 80 % with its Wilson interval 37.6–96.4 %.
    expect(await shown.textContent()).toContain('37.6 %–96.4 %');
    const comments = quality.locator('[data-testid="survey-comments"]');
    await comments.waitFor();
    expect(await comments.textContent()).toContain('Alt for lang ventetid. CPR ******-****.');
    await expectNoAxeViolations(quality);
    expect(errors).toEqual([]);
  }, 240_000);
});

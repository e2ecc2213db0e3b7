import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { expectNoAxeViolations, SKIP_BROWSER, useJourneyEnvironment, watchPageErrors } from './harness.js';
import { JOURNEY_PASSWORD } from './journey-people.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { tinyPdf } from '../support/multipart.js';
import { JobRunner } from '../../src/platform/jobs/index.js';
import { createAppContext } from '../../src/composition.js';
import { loadConfig } from '../../src/platform/config.js';
import { publishFamilyReunification } from './journey-case-types.js';

// A real SMTP server for the whole file; the app sends to it through the job runner.
const sink = await startSmtpSink();
const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-journey-files-'));
const smtp = { host: '127.0.0.1', port: sink.port, secure: false, from: 'noreply@sagsgang.example' };
afterAll(async () => {
  await sink.close();
  fs.rmSync(fileDir, { recursive: true, force: true });
});

async function h1(page: Page): Promise<string> {
  return (await page.locator('main h1').first().textContent())?.trim() ?? '';
}

/** Signs a staff member in through the sign-in page of its own browser context; returns its API client and token. */
async function staffApi(
  page: Page,
  baseUrl: string,
  username: string,
): Promise<{ api: APIRequestContext; csrf: string }> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', JOURNEY_PASSWORD);
  await page.click('form[action="/api/auth/login"] button[type="submit"]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  const api = page.context().request;
  const csrf = (await (await api.get(`${baseUrl}/api/auth/csrf`)).json()).token as string;
  return { api, csrf };
}

describe.skipIf(SKIP_BROWSER)('applicant journey: apply, be told what is missing, answer, read the decision', () => {
  const env = useJourneyEnvironment({ smtp, fileDir, publicUrl: 'https://selvbetjening.sagsgang.example' });

  test('without JavaScript, every page clean under axe, and an e-mail for each step', async () => {
    const db = env().database.db;
    await publishFamilyReunification(db, 'familiesammenfoering');
    const config = loadConfig(
      { ...process.env, DATABASE_URL: '' },
      { smtp, fileDir, publicUrl: 'https://selvbetjening.sagsgang.example', seedDemo: false },
    );
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const runner = new JobRunner({ ctx: createAppContext({ config, database: env().database }), log: quiet });
    const mailsFor = async (n: number) => {
      await runner.drain();
      return sink.waitFor(n);
    };

    // The applicant finds the package, signs in, and starts — all plain links and form posts.
    const page = await env().newPage({ javaScriptEnabled: false });
    const errors = watchPageErrors(page);
    await page.goto(env().url('/'));
    await page.click('main a[href="/ansoeg/familiesammenfoering"]');
    expect(await h1(page)).toBe('Ansøg om Familiesammenføring, ægtefælle');
    expect(await page.locator('main').textContent()).toContain('Loven kræver en økonomisk sikkerhed.');
    await expectNoAxeViolations(page);
    await page.click('main a.button-primary');
    await page.fill('#username', env().people.applicant.username);
    await page.fill('#password', JOURNEY_PASSWORD);
    await page.click('form[action="/api/auth/login"] button[type="submit"]');
    await page.waitForURL('**/ansoeg/familiesammenfoering');
    await page.click('main form button[type="submit"]');
    await page.waitForURL('**/trin/q1');
    await expectNoAxeViolations(page);

    // Validation as the applicant goes: the error summary links to the field.
    await page.fill('#q-marriage-date', '2040-01-01');
    await page.click('button[value="continue"]');
    expect(await page.locator('.alert-error').textContent()).toContain('Vielsesdato: datoen skal ligge mellem');
    expect(await page.locator('.alert-error').textContent()).toContain('Vælg ja eller nej');
    expect(await page.getAttribute('#q-marriage-date', 'aria-invalid')).toBe('true');
    await expectNoAxeViolations(page);
    await page.fill('#q-marriage-date', '2019-06-14');
    await page.fill('#q-housing', 'Lejlighed på 72 m², 3 værelser');
    await page.check('#applies-children-no');
    await page.click('button[value="continue"]');
    await page.waitForURL('**/trin/documents');
    await expectNoAxeViolations(page);

    // Two of three documents; the bank guarantee is missing. A renamed text file is refused with the reason.
    await page.setInputFiles('#file-passport', {
      name: 'pas.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf('pas'),
    });
    await page.setInputFiles('#file-marriage-certificate', {
      name: 'vielsesattest.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('ikke en pdf'),
    });
    await page.click('button[value="continue"]');
    expect(await page.locator('.alert-error').textContent()).toContain('vielsesattest.pdf blev ikke modtaget');
    expect(await page.locator('main').textContent()).toContain('pas.pdf er modtaget.');
    await expectNoAxeViolations(page);
    await page.setInputFiles('#file-marriage-certificate', {
      name: 'vielsesattest.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf('vielse'),
    });
    await page.click('button[value="continue"]');
    await page.waitForURL('**/kontroller');
    expect(await page.locator('#missing-heading').textContent()).toContain('Du kan sende nu, men vi mangler');
    expect(await page.locator('.alert-warning li').allTextContents()).toEqual(['Bankgaranti']);
    await expectNoAxeViolations(page);

    // Send: the receipt names the case number and exactly what is missing; the receipt e-mail arrives.
    await page.click('form[action$="/send"] button');
    await page.waitForURL('**/kvittering');
    const receiptText = (await page.locator('main').textContent()) ?? '';
    const reference = /Dit sagsnummer er (SAG-\d{4}-\d{6})/.exec(receiptText)![1];
    expect(receiptText).toContain('Det mangler vi');
    expect(await page.locator('main h2:has-text("Det mangler vi") + ul li').allTextContents()).toEqual(['Bankgaranti']);
    expect(receiptText).toContain('Vores servicemål: en afgørelse senest');
    await expectNoAxeViolations(page);
    const [receipt] = await mailsFor(1);
    expect(receipt.to).toEqual(['borger@sagsgang.example']);
    expect(receipt.subject).toBe(`Vi har modtaget din ansøgning – sag ${reference}`);
    expect(receipt.text).toContain('- Bankgaranti');

    // My case: what is missing and how to send it.
    await page.click('main a.button-primary');
    await page.waitForURL(`**/mine-sager/${reference}`);
    expect(await page.locator('#missing-heading + ul').textContent()).toContain('Bankgaranti');
    await expectNoAxeViolations(page);

    // The caseworker asks for the bank guarantee and moves the case on (through the API, signed in as staff).
    const c = await db
      .selectFrom('case_file')
      .select(['id', 'version'])
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    const staffPage = await env().newPage();
    const { api, csrf } = await staffApi(staffPage, env().baseUrl, env().people.staff.caseworker.username);
    const post = async (command: string, body: Record<string, unknown>) => {
      const version = (
        await db.selectFrom('case_file').select('version').where('id', '=', c.id).executeTakeFirstOrThrow()
      ).version;
      const res = await api.post(`${env().baseUrl}/api/cases/${c.id}/${command}`, {
        headers: { 'x-csrf-token': csrf },
        data: { expectedVersion: version, ...body },
      });
      expect(res.status(), await res.text()).toBe(200);
    };
    await post('information-requests', {
      items: [{ requirementCode: 'bank-guarantee', text: 'Bankgaranti' }],
      message: 'Send venligst bankgarantien.',
      dueDate: '2031-01-15',
    });
    await post('phase', { phaseCode: 'processing' });
    const requestMail = (await mailsFor(3)).find((m) => m.subject.startsWith('Vi mangler oplysninger'))!;
    expect(requestMail.text).toContain('- Bankgaranti');
    expect(requestMail.text).toContain('Fristen for vores behandling står stille');
    expect((await mailsFor(3)).some((m) => m.subject === `Nyt om din sag ${reference}: Sagsbehandling`)).toBe(true);

    // The applicant sees the request, the clock paused, and answers with the document: the clock resumes.
    await page.reload();
    expect(await page.locator('#request-heading').textContent()).toContain('Vi har bedt dig om flere oplysninger');
    expect(await page.locator('main').textContent()).toContain('Fristen står stille, mens vi venter på svar fra dig.');
    await expectNoAxeViolations(page);
    expect(
      (await db.selectFrom('case_clock').select('paused_since').where('case_id', '=', c.id).executeTakeFirstOrThrow())
        .paused_since,
    ).not.toBeNull();
    await page.fill('#answer', 'Hermed bankgarantien.');
    await page.setInputFiles('#file-bank-guarantee', {
      name: 'bankgaranti.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf('garanti'),
    });
    await page.click('form[action*="/svar"] button');
    await page.waitForURL(`**/mine-sager/${reference}?sent=answer`);
    expect(await page.locator('main').textContent()).toContain('Vi har modtaget dit svar, og fristen løber videre.');
    expect(await page.locator('#missing-heading + p').textContent()).toContain('Vi har alle de oplysninger');
    await expectNoAxeViolations(page);
    const clock = await db
      .selectFrom('case_clock')
      .select(['paused_since', 'paused_days'])
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(clock.paused_since).toBeNull();

    // The caseworker extends the deadline, then decides; the applicant gets both e-mails and reads the decision.
    await post('extensions', {
      by: { amount: 1, unit: 'months' },
      reason: 'Mange sager',
      applicantMessage: 'Vi har mange sager lige nu.',
    });
    await post('decision', {
      outcome: 'refused',
      reasons: 'Boligen opfylder ikke kravet om passende størrelse.',
      legalRules: ['Udlændingelovens § 9, stk. 1, nr. 1'],
      appealGuidance: 'Du kan klage til Udlændingenævnet. Klagen skal være modtaget inden 8 uger.',
    });
    const mails = await mailsFor(5);
    expect(mails.find((m) => m.subject === `Vi skal bruge mere tid på sag ${reference}`)?.text).toMatch(
      /Du kan nu forvente en afgørelse senest \d+\. \w+ \d{4}/,
    );
    const decisionMail = mails.find((m) => m.subject === `Der er truffet afgørelse i sag ${reference}`)!;
    expect(decisionMail.text).toContain('Log ind under Mine sager for at læse afgørelsen');
    expect(mails.every((m) => m.to[0] === 'borger@sagsgang.example')).toBe(true);

    await page.goto(env().url(`/mine-sager/${reference}`));
    expect(await page.locator('#decision-heading + p').textContent()).toBe('Du har fået afslag.');
    const decision = (await page.locator('section[aria-labelledby="decision-heading"]').textContent()) ?? '';
    expect(decision).toContain('Boligen opfylder ikke kravet om passende størrelse.');
    expect(decision).toContain('Du kan klage til Udlændingenævnet.');
    expect(decision).toMatch(/Klagen skal være modtaget senest \d+\. \w+ \d{4}\./);
    expect(await page.locator('#events-heading + ul').textContent()).toContain('Vi forlængede fristen til');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  }, 480_000);

  test('with scripts, at 200% zoom and by keyboard: the start page reflows and the application starts from the keyboard', async () => {
    // 200% zoom of a 1280 px window is a 640 px wide layout.
    const page = await env().newPage({ viewport: { width: 640, height: 900 } });
    const errors = watchPageErrors(page);
    await page.goto(env().url('/login?returnTo=%2Fansoeg%2Ffamiliesammenfoering'));
    await page.fill('#username', 'borger2');
    await page.fill('#password', JOURNEY_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/ansoeg/familiesammenfoering');
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    const start = page.locator('main form button[type="submit"]');
    for (let i = 0; i < 60 && !(await start.evaluate((el) => el === el.ownerDocument.activeElement)); i++)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/trin/q1');
    expect(
      await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
    ).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  }, 240_000);
});

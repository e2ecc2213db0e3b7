import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { expectHeading, expectNoAxeViolations, SKIP_BROWSER, useJourneyEnvironment } from './harness.js';
import { makeKeyPair, startTestSamlIdp } from '../support/test-saml-idp.js';
import {
  applicantPrincipal,
  makeApplicantUser,
  makeCaseType,
  makeUnit,
  submitFamilyReunification,
} from '../support/case-factories.js';
import { OIOSAML } from '../../src/modules/saml/oiosaml-attributes.js';
import { freePort } from '../support/free-port.js';

const CVR = '31313131';
const privileges = Buffer.from(
  `<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile"><PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:${CVR}"><Privilege>urn:dk:sagsgang:privilege:case-access</Privilege></PrivilegeGroup></bpp:PrivilegeList>`,
).toString('base64');

const ACCOUNTS = {
  karen: {
    subject: 'https://data.gov.dk/model/core/eid/person/uuid/journey-karen',
    attributes: { [OIOSAML.assurance]: 'Substantial', [OIOSAML.cpr]: '0101901234', [OIOSAML.fullName]: 'Karen Jensen' },
  },
  bo: {
    subject: 'https://data.gov.dk/model/core/eid/professional/uuid/journey-bo',
    attributes: {
      [OIOSAML.assurance]: 'Substantial',
      [OIOSAML.fullName]: 'Bo Erhverv',
      [OIOSAML.cvr]: CVR,
      [OIOSAML.orgName]: 'Tømrer Jensen ApS',
      [OIOSAML.privileges]: privileges,
    },
  },
  lars: {
    subject: 'https://data.gov.dk/model/core/eid/person/uuid/journey-lars',
    attributes: { [OIOSAML.assurance]: 'Low', [OIOSAML.fullName]: 'Lars Lav' },
  },
};

const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-saml-journey-'));
const sp = makeKeyPair('sp', keyDir);
const idp = await startTestSamlIdp({ accounts: ACCOUNTS, spCerts: [sp.cert] });
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;

describe.skipIf(SKIP_BROWSER)('signing in with MitID through NemLog-in (a SAML identity provider)', () => {
  const env = useJourneyEnvironment({
    port,
    publicUrl: origin,
    saml: [
      {
        id: 'nemlogin',
        label: 'MitID',
        audience: 'applicant',
        entityId: `${origin}/saml`,
        idpMetadata: idp.metadataUrl,
        spKeys: [{ privateKeyFile: sp.keyFile, certificateFile: sp.certFile }],
      },
    ],
  });
  afterAll(async () => {
    await idp.close();
    fs.rmSync(keyDir, { recursive: true, force: true });
  });
  const url = (p: string) => origin + p;

  /** From our sign-in page through the provider's account choice and its auto-posted answer. */
  async function signInWithMitId(page: Page, account: keyof typeof ACCOUNTS) {
    await page.goto(url('/login?returnTo=%2Fmine-sager'));
    await page.getByRole('link', { name: 'Log ind med MitID' }).click();
    await page.waitForURL((u) => u.origin === idp.url);
    await page.getByRole('button', { name: account }).click();
    await page.waitForURL((u) => u.origin === origin);
  }

  /** The people and their cases, as they were before today: each signs in to find what is theirs. */
  async function seedCases() {
    const db = env().database.db;
    const unit = await makeUnit(db);
    const type = await makeCaseType(db, unit.code, 'family-reunification');
    const link = async (userId: string, issuer: string, subject: string) =>
      db.insertInto('user_identity').values({ issuer, subject, user_id: userId }).execute();
    const karen = await makeApplicantUser(db, 'Karen Jensen');
    await link(karen, idp.entityId, ACCOUNTS.karen.subject);
    const bo = await makeApplicantUser(db, 'Bo Erhverv');
    await link(bo, idp.entityId, ACCOUNTS.bo.subject);
    const business = (
      await db
        .insertInto('app_user')
        .values({
          kind: 'applicant',
          display_name: 'Tømrer Jensen ApS',
          organisation_name: 'Tømrer Jensen ApS',
          organisation_cvr: CVR,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db.insertInto('role_grant').values({ user_id: business, role: 'applicant', unit_id: null }).execute();
    await link(business, 'urn:dk:gov:saml:cvrNumberIdentifier', CVR);
    const send = (userId: string) => submitFamilyReunification(db, applicantPrincipal(userId), type.code);
    return { karenCase: await send(karen), boPrivate: await send(bo), businessCase: await send(business) };
  }

  test('a citizen signs in at "substantial", sees their cases and signs out with single logout; a business is seen by who acts for it', async () => {
    const cases = await seedCases();

    const page = await env().newPage();
    await signInWithMitId(page, 'karen');
    expect(new URL(page.url()).pathname).toBe('/mine-sager');
    await expectHeading(page, 'Mine sager');
    await expect.poll(() => page.locator('main').textContent()).toContain(cases.karenCase.reference);
    await expectNoAxeViolations(page);
    expect(idp.lastRequest?.loa).toBe('Substantial');

    await page.goto(url('/mit-login'));
    await expectHeading(page, 'Dit log-in');
    expect(await page.locator('main').textContent()).toContain('010190-****');
    await expectNoAxeViolations(page);

    // Single logout: signed out here and at the provider, and back on our sign-in page.
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.waitForURL((u) => u.origin === origin && u.pathname === '/login');
    expect(idp.logouts.at(-1)?.nameId).toBe(ACCOUNTS.karen.subject);
    expect((await page.request.get(url('/api/auth/me'))).status()).toBe(401);
    await expectNoAxeViolations(page);

    // Bo acts for the business: its case, not his own private one.
    const business = await env().newPage();
    await signInWithMitId(business, 'bo');
    await expectHeading(business, 'Mine sager');
    const text = (await business.locator('main').textContent()) ?? '';
    expect(text).toContain(cases.businessCase.reference);
    expect(text).not.toContain(cases.boPrivate.reference);
    await expectNoAxeViolations(business);
    await business.goto(url('/mit-login'));
    expect(await business.locator('main').textContent()).toContain('Du handler på vegne af Tømrer Jensen ApS');
    await expectNoAxeViolations(business);
  });

  test('a sign-in below "substantial" is refused with a page that says why', async () => {
    const page = await env().newPage();
    await signInWithMitId(page, 'lars');
    await expectHeading(page, 'Du blev ikke logget ind');
    expect(await page.locator('main').textContent()).toContain('for lavt sikringsniveau');
    await expectNoAxeViolations(page);
    expect((await page.request.get(url('/api/auth/me'))).status()).toBe(401);
  });
});

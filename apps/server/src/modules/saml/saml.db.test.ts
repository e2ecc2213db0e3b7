import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUser } from '../../../test/support/test-auth.js';
import {
  applicantPrincipal,
  makeCaseType,
  makeUnit,
  submitFamilyReunification,
} from '../../../test/support/case-factories.js';
import { makeKeyPair, startTestSamlIdp, type KeyPair, type TestSamlIdp } from '../../../test/support/test-saml-idp.js';
import { SESSION_COOKIE, hashSessionToken } from '../../platform/auth/session-store.js';
import type { FastifyRequest } from 'fastify';
import { requireAssurance } from './index.js';
import { CSRF_COOKIE } from '../../platform/auth/auth-plugin.js';
import { OIOSAML } from './oiosaml-attributes.js';
import { CVR_ISSUER } from './saml.repository.js';

const CPR = '0101901234';
const BUSINESS_PERSON_CPR = '0202801234';
const CVR = '12345678';
const PUBLIC_URL = 'http://localhost:3998';
const SP_ENTITY = 'https://sagsgang.test/saml/nemlogin';
const STAFF_ENTITY = 'https://sagsgang.test/saml/staff';

const privileges = (cvr: string) =>
  Buffer.from(
    `<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile"><PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:${cvr}"><Privilege>urn:dk:sagsgang:privilege:case-access</Privilege></PrivilegeGroup></bpp:PrivilegeList>`,
  ).toString('base64');

const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-saml-'));
afterAll(() => fs.rmSync(keyDir, { recursive: true, force: true }));
const current: KeyPair = makeKeyPair('sp-current', keyDir);
const previous: KeyPair = makeKeyPair('sp-previous', keyDir);

const ACCOUNTS = {
  karen: {
    subject: 'https://data.gov.dk/model/core/eid/person/uuid/6f1a4b2c-0000-4000-8000-000000000001',
    attributes: {
      [OIOSAML.specVersion]: 'OIO-SAML-3.0',
      [OIOSAML.assurance]: 'Substantial',
      [OIOSAML.cpr]: CPR,
      [OIOSAML.fullName]: 'Karen Jensen',
    },
  },
  lowlevel: {
    subject: 'https://data.gov.dk/model/core/eid/person/uuid/6f1a4b2c-0000-4000-8000-000000000002',
    attributes: { [OIOSAML.assurance]: 'Low', [OIOSAML.fullName]: 'Lars Lav' },
  },
  bo: {
    subject: 'https://data.gov.dk/model/core/eid/professional/uuid/6f1a4b2c-0000-4000-8000-000000000003',
    attributes: {
      [OIOSAML.assurance]: 'Substantial',
      [OIOSAML.fullName]: 'Bo Erhverv',
      [OIOSAML.cpr]: BUSINESS_PERSON_CPR,
      [OIOSAML.cvr]: CVR,
      [OIOSAML.orgName]: 'Tømrer Jensen ApS',
      [OIOSAML.privileges]: privileges(CVR),
    },
  },
  ida: {
    subject: 'https://data.gov.dk/model/core/eid/professional/uuid/6f1a4b2c-0000-4000-8000-000000000004',
    attributes: {
      [OIOSAML.assurance]: 'High',
      [OIOSAML.fullName]: 'Ida Kollega',
      [OIOSAML.cvr]: CVR,
      [OIOSAML.orgName]: 'Tømrer Jensen ApS',
      [OIOSAML.privileges]: privileges(CVR),
    },
  },
  noright: {
    subject: 'https://data.gov.dk/model/core/eid/professional/uuid/6f1a4b2c-0000-4000-8000-000000000005',
    attributes: {
      [OIOSAML.assurance]: 'Substantial',
      [OIOSAML.fullName]: 'Uden Ret',
      [OIOSAML.cvr]: CVR,
      [OIOSAML.privileges]: privileges('99999999'),
    },
  },
  employee: {
    subject: 'S-1-5-21-employee-7',
    attributes: { upn: 'per.hansen', [OIOSAML.fullName]: 'Per Hansen' },
  },
};

for (const engine of ENGINES) {
  describe(`SAML sign-in against a real identity provider [${engine}]`, () => {
    const t = useTestApp(engine, { publicUrl: PUBLIC_URL, cprHashKey: 'test-cpr-hash-key-0123456789abcdef' });
    let idp: TestSamlIdp;

    beforeAll(async () => {
      idp = await startTestSamlIdp({ accounts: ACCOUNTS, spCerts: [current.cert, previous.cert] });
      const spKeys = [current, previous].map((k) => ({ privateKeyFile: k.keyFile, certificateFile: k.certFile }));
      t().ctx.config.saml.push(
        {
          id: 'nemlogin',
          label: 'MitID',
          audience: 'applicant',
          entityId: SP_ENTITY,
          idpMetadata: idp.metadataUrl,
          spKeys,
        },
        {
          id: 'staff',
          label: 'Kommunens login',
          audience: 'staff',
          entityId: STAFF_ENTITY,
          idpMetadata: idp.metadataUrl,
          spKeys,
          staffUserAttribute: 'upn',
        },
      );
    });
    afterAll(async () => {
      await idp?.close();
    });

    /** Our start: a signed AuthnRequest the IdP verifies (it answers 400 to a bad signature). */
    async function startAt(providerId: string, returnTo = '/mine-sager') {
      const start = await t().app.inject({
        method: 'GET',
        url: `/auth/saml/${providerId}/start?returnTo=${encodeURIComponent(returnTo)}`,
      });
      expect(start.statusCode).toBe(303);
      const location = new URL(start.headers.location as string);
      expect(location.origin).toBe(idp.url);
      expect(location.searchParams.get('Signature')).toBeTruthy();
      const login = await fetch(location);
      expect(login.status, await login.clone().text()).toBe(200);
      const carried = start.cookies.find((c) => c.name === 'sagsgang_saml')!;
      expect(carried.httpOnly).toBe(true);
      return { ...idp.lastRequest!, cookie: `sagsgang_saml=${carried.value}` };
    }

    const postAcs = (providerId: string, samlResponse: string, cookie?: string, relayState = '/mine-sager') =>
      t().app.inject({
        method: 'POST',
        url: `/auth/saml/${providerId}/acs`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html',
          ...(cookie ? { cookie } : {}),
        },
        payload: new URLSearchParams({ SAMLResponse: samlResponse, RelayState: relayState }).toString(),
      });

    /** The whole round: our start, the IdP's account choice and its auto-posted form, our ACS. */
    async function signInAs(account: keyof typeof ACCOUNTS, providerId = 'nemlogin') {
      const request = await startAt(providerId);
      const chosen = await fetch(`${idp.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ request: request.id, account }).toString(),
      });
      const form = await chosen.text();
      const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(form)![1]!;
      const relayState = /name="RelayState" value="([^"]*)"/.exec(form)![1]!;
      expect(form).toContain(`action="${PUBLIC_URL}/auth/saml/${providerId}/acs"`);
      const res = await postAcs(providerId, samlResponse, request.cookie, relayState);
      return { res, samlResponse, request };
    }

    const sessionOf = (res: LightMyRequestResponse) => {
      const token = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
      const csrf = res.cookies.find((c) => c.name === CSRF_COOKIE)?.value;
      return token ? `${SESSION_COOKIE}=${token}${csrf ? `; ${CSRF_COOKIE}=${csrf}` : ''}` : undefined;
    };
    const me = (cookie: string) => t().app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

    async function lastRefusal() {
      return t()
        .database.db.selectFrom('audit_log')
        .select(['details', 'actor_user_id'])
        .where('action', '=', 'sign_in_failed')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
    }

    async function expectRefused(res: LightMyRequestResponse, reason: string, words: RegExp) {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(reason === 'malformed' ? 400 : 403);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toMatch(words);
      expect(sessionOf(res)).toBeUndefined();
      expect((await lastRefusal()).details).toMatchObject({ method: 'saml:nemlogin', reason });
    }

    test('our metadata publishes both certificates, for signing and for encryption, and the endpoints', async () => {
      const res = await t().app.inject({ method: 'GET', url: '/auth/saml/nemlogin/metadata' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/samlmetadata+xml');
      const body = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, '');
      expect(res.body).toContain(`entityID="${SP_ENTITY}"`);
      expect(res.body.split(body(current.cert)).length - 1).toBe(2);
      expect(res.body.split(body(previous.cert)).length - 1).toBe(2);
      expect(res.body).toContain('AuthnRequestsSigned="true" WantAssertionsSigned="true"');
      expect(res.body).toContain(`Location="${PUBLIC_URL}/auth/saml/nemlogin/acs"`);
      expect(res.body).toContain(`Location="${PUBLIC_URL}/auth/saml/nemlogin/slo"`);
    });

    test('a citizen signs in at "substantial"; the CPR number is kept only hashed and masked', async () => {
      const { res, request } = await signInAs('karen');
      expect(request.loa).toBe('Substantial');
      expect(request.issuer).toBe(SP_ENTITY);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
      expect(res.headers.location).toBe('/mine-sager');
      const cookie = sessionOf(res)!;
      const who = await me(cookie);
      expect(who.json()).toMatchObject({
        user: { kind: 'applicant', displayName: 'Karen Jensen' },
        authMethod: 'saml:nemlogin',
      });
      const db = t().database.db;
      const saml = await db.selectFrom('saml_session').selectAll().executeTakeFirstOrThrow();
      expect(saml).toMatchObject({
        assurance_level: 'substantial',
        name_id: ACCOUNTS.karen.subject,
        acting_user_id: null,
      });
      const cpr = await db
        .selectFrom('person_cpr')
        .selectAll()
        .where('user_id', '=', who.json().user.id)
        .executeTakeFirstOrThrow();
      expect(cpr.cpr_masked).toBe('010190-****');
      for (const table of ['app_user', 'user_identity', 'audit_log', 'user_session', 'person_cpr', 'saml_session']) {
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} t
          WHERE t::text LIKE ${'%' + CPR + '%'}`.execute(db);
        expect(rows[0]!.n, table).toBe(0);
      }
      // Shown to them masked, with the level; a page may require a level (here: substantial yes, high no).
      const profile = await t().app.inject({
        method: 'GET',
        url: '/mit-login',
        headers: { cookie, accept: 'text/html' },
      });
      expect(profile.body).toContain('010190-****');
      expect(profile.body).toContain('Betydelig');
      expect(profile.body).not.toContain(CPR);
      expect(profile.body).toContain('action="/auth/saml/logout"');
      const token = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
      const asked = { authSession: { tokenHash: hashSessionToken(token) } } as FastifyRequest;
      await expect(requireAssurance(t().ctx, asked, 'substantial')).resolves.toBe('substantial');
      await expect(requireAssurance(t().ctx, asked, 'high')).rejects.toMatchObject({ code: 'forbidden' });
      // The second sign-in finds the same person.
      const again = await signInAs('karen');
      expect((await me(sessionOf(again.res)!)).json().user.id).toBe(who.json().user.id);
    });

    test('an assertion encrypted for our previous certificate is still read (rollover)', async () => {
      const request = await startAt('nemlogin');
      const response = await idp.buildResponse({
        account: 'karen',
        requestId: request.id,
        acsUrl: request.acsUrl,
        audience: SP_ENTITY,
        encryptFor: previous.cert,
      });
      const res = await postAcs('nemlogin', response, request.cookie);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    });

    describe('hostile responses are refused with a page, audited, and sign no one in', () => {
      const hostile = async (o: Partial<Parameters<TestSamlIdp['buildResponse']>[0]>) => {
        const request = await startAt('nemlogin');
        const response = await idp.buildResponse({
          account: 'karen',
          requestId: request.id,
          acsUrl: request.acsUrl,
          audience: SP_ENTITY,
          ...o,
        });
        return postAcs('nemlogin', response, request.cookie);
      };

      test('an unsigned assertion', async () => {
        await expectRefused(await hostile({ sign: 'none' }), 'signature', /ikke underskrevet korrekt/);
      });
      test('an assertion signed by a key not in the provider metadata', async () => {
        await expectRefused(await hostile({ sign: 'wrong-key' }), 'signature', /ikke underskrevet korrekt/);
      });
      test('an expired assertion', async () => {
        await expectRefused(await hostile({ shiftMs: -60 * 60 * 1000 }), 'expired', /udløbet/);
      });
      test('an assertion for another service', async () => {
        await expectRefused(await hostile({ audience: 'https://other.example/sp' }), 'audience', /ikke udstedt til/);
      });
      test('a too-low assurance level', async () => {
        await expectRefused(await hostile({ account: 'lowlevel' }), 'assurance', /for lavt sikringsniveau/);
      });
      test('XML signature wrapping: a genuine signature moved onto an assertion for someone else', async () => {
        await expectRefused(await hostile({ account: 'bo', wrapAs: 'karen' }), 'signature', /ikke underskrevet/);
      });
      test('an assertion in clear', async () => {
        await expectRefused(await hostile({ encrypt: false }), 'not_encrypted', /ikke krypteret/);
      });
      test('a response to a request we never sent', async () => {
        const response = await idp.buildResponse({
          account: 'karen',
          requestId: '_never-sent',
          acsUrl: `${PUBLIC_URL}/auth/saml/nemlogin/acs`,
          audience: SP_ENTITY,
        });
        const cookie = `sagsgang_saml=${t().app.signCookie('_never-sent')}`;
        await expectRefused(await postAcs('nemlogin', response, cookie), 'unknown_request', /ikke til et log-in/);
      });
      test('a genuine response posted from a browser that did not start the sign-in (login CSRF)', async () => {
        const attacker = await startAt('nemlogin');
        const victim = await startAt('nemlogin');
        const response = await idp.buildResponse({
          account: 'karen',
          requestId: attacker.id,
          acsUrl: attacker.acsUrl,
          audience: SP_ENTITY,
        });
        await expectRefused(await postAcs('nemlogin', response), 'unknown_request', /ikke til et log-in/);
        await expectRefused(
          await postAcs('nemlogin', response, victim.cookie),
          'unknown_request',
          /ikke til et log-in/,
        );
      });
      test('a replayed response, and a replayed assertion under a fresh request', async () => {
        const { res, samlResponse, request } = await signInAs('karen');
        expect(res.statusCode).toBe(303);
        await expectRefused(
          await postAcs('nemlogin', samlResponse, request.cookie),
          'unknown_request',
          /allerede brugt/,
        );
        const assertionId = '_assertion-used-twice';
        expect((await hostile({ assertionId })).statusCode).toBe(303);
        await expectRefused(await hostile({ assertionId }), 'replay', /allerede brugt én gang/);
      });
      test('a body that is not a SAML response at all', async () => {
        const res = await postAcs('nemlogin', Buffer.from('<html/>').toString('base64'));
        await expectRefused(res, 'malformed', /kunne ikke læses/);
      });
    });

    test('people acting for a business see its cases and not their private ones; each access names who acted', async () => {
      const db = t().database.db;
      const unit = await makeUnit(db);
      const type = await makeCaseType(db, unit.code, 'family-reunification');
      // Bo's own, private case: he is a citizen too (found again by his CPR number).
      const privateSignIn = await signInAs('bo');
      expect(privateSignIn.res.statusCode).toBe(303);
      const business = await db
        .selectFrom('user_identity')
        .select('user_id')
        .where('issuer', '=', CVR_ISSUER)
        .where('subject', '=', CVR)
        .executeTakeFirstOrThrow();
      const boSaml = await db
        .selectFrom('saml_session')
        .select('acting_user_id')
        .where('name_id', '=', ACCOUNTS.bo.subject)
        .executeTakeFirstOrThrow();
      const boPerson = boSaml.acting_user_id!;
      const privateCase = await submitFamilyReunification(db, applicantPrincipal(boPerson), type.code);
      const businessCase = await submitFamilyReunification(db, applicantPrincipal(business.user_id), type.code);

      for (const account of ['bo', 'ida'] as const) {
        const { res } = await signInAs(account);
        expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
        const cookie = sessionOf(res)!;
        expect((await me(cookie)).json().user).toMatchObject({
          id: business.user_id,
          displayName: 'Tømrer Jensen ApS',
        });
        const list = await t().app.inject({
          method: 'GET',
          url: '/mine-sager',
          headers: { cookie, accept: 'text/html' },
        });
        expect(list.statusCode).toBe(200);
        expect(list.body).toContain(businessCase.reference);
        expect(list.body).not.toContain(privateCase.reference);
        const profile = await t().app.inject({
          method: 'GET',
          url: '/mit-login',
          headers: { cookie, accept: 'text/html' },
        });
        expect(profile.body).toContain('Du handler på vegne af Tømrer Jensen ApS (CVR 12345678).');
        expect(profile.body).toContain(account === 'bo' ? 'Bo Erhverv' : 'Ida Kollega');
        if (account === 'bo') expect(profile.body).toContain('020280-****');
        // What the person sends for the business is audited with them too.
        const token = (await t().app.inject({ method: 'GET', url: '/api/auth/csrf', headers: { cookie } })).json()
          .token;
        const put = await t().app.inject({
          method: 'PUT',
          url: '/api/auth/me/locale',
          headers: { cookie, 'x-csrf-token': token },
          payload: { locale: 'da' },
        });
        expect(put.statusCode).toBe(204);
        const other = await t().app.inject({
          method: 'GET',
          url: `/mine-sager/${privateCase.reference}`,
          headers: { cookie, accept: 'text/html' },
        });
        expect(other.statusCode).toBe(404);
        const acting = await db
          .selectFrom('saml_session')
          .select('acting_user_id')
          .where('name_id', '=', ACCOUNTS[account].subject)
          .executeTakeFirstOrThrow();
        const audited = await db
          .selectFrom('audit_log')
          .select(['actor_user_id', 'subject_user_id', 'details'])
          .where('action', '=', 'read')
          .where('entity_type', '=', 'business_page')
          .where('actor_user_id', '=', acting.acting_user_id)
          .execute();
        expect(audited).toContainEqual({
          actor_user_id: acting.acting_user_id,
          subject_user_id: business.user_id,
          details: { actingFor: CVR, path: '/mine-sager' },
        });
        const sent = await db
          .selectFrom('audit_log')
          .select(['subject_user_id', 'entity_id'])
          .where('action', '=', 'update')
          .where('entity_type', '=', 'business_page')
          .where('actor_user_id', '=', acting.acting_user_id)
          .execute();
        expect(sent).toContainEqual({ subject_user_id: business.user_id, entity_id: '/api/auth/me/locale' });
      }
      // Bo and Ida are two people, both acting for the one business.
      const people = await db
        .selectFrom('saml_session')
        .select('acting_user_id')
        .where('cvr', '=', CVR)
        .distinct()
        .execute();
      expect(people.length).toBe(2);
    });

    test('a person without the right to act for the business is refused', async () => {
      const { res } = await signInAs('noright');
      await expectRefused(res, 'no_privilege', /ikke rettighed til at handle/);
    });

    test('staff sign in by the configured attribute; roles stay in Sagsgang; an unknown employee is refused', async () => {
      const refused = await signInAs('employee', 'staff');
      expect(refused.res.statusCode).toBe(403);
      expect((await lastRefusal()).details).toMatchObject({ method: 'saml:staff', reason: 'not_linked_or_inactive' });
      const user = await createUser(t().database.db, { username: 'per.hansen', password: null });
      const { res } = await signInAs('employee', 'staff');
      expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
      expect((await me(sessionOf(res)!)).json().user).toMatchObject({ id: user.id, kind: 'staff' });
    });

    test('single logout: we sign out at the provider, and the provider can sign a person out here', async () => {
      const { res } = await signInAs('karen');
      const cookie = sessionOf(res)!;
      const csrf = await t().app.inject({ method: 'GET', url: '/api/auth/csrf', headers: { cookie } });
      const out = await t().app.inject({
        method: 'POST',
        url: '/auth/saml/logout',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf.json().token }).toString(),
      });
      expect(out.statusCode).toBe(200);
      expect((await me(cookie)).statusCode).toBe(401);
      const next = /<a class="button button-primary" href="([^"]+)"/.exec(out.body)![1]!.replace(/&amp;/g, '&');
      expect(out.body).toContain(`<meta http-equiv="refresh" content="0;url=${next.replace(/&/g, '&amp;')}">`);
      const atIdp = await fetch(next, { redirect: 'manual' });
      expect(atIdp.status, await atIdp.clone().text()).toBe(303);
      expect(idp.logouts.at(-1)?.nameId).toBe(ACCOUNTS.karen.subject);
      expect(idp.logouts.at(-1)?.sessionIndex).toBeTruthy();
      const back = new URL(atIdp.headers.get('location')!);
      expect(back.pathname).toBe('/auth/saml/nemlogin/slo');
      const done = await t().app.inject({ method: 'GET', url: back.pathname + back.search });
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe('/login?signedOut=1');

      // The provider's own LogoutRequest ends the person's session here, and is answered with a signed response.
      const second = sessionOf((await signInAs('karen')).res)!;
      const fromIdp = new URL(idp.logoutRequestUrl(`${PUBLIC_URL}/auth/saml/nemlogin/slo`, ACCOUNTS.karen.subject));
      const unsigned = new URL(fromIdp);
      unsigned.searchParams.delete('Signature');
      const refused = await t().app.inject({ method: 'GET', url: unsigned.pathname + unsigned.search });
      expect(refused.statusCode).toBe(403);
      expect((await me(second)).statusCode).toBe(200);
      const answered = await t().app.inject({ method: 'GET', url: fromIdp.pathname + fromIdp.search });
      expect(answered.statusCode).toBe(303);
      const answer = new URL(answered.headers.location as string);
      expect(answer.origin + answer.pathname).toBe(`${idp.url}/slo`);
      expect(answer.searchParams.get('SAMLResponse')).toBeTruthy();
      expect(answer.searchParams.get('Signature')).toBeTruthy();
      expect((await me(second)).statusCode).toBe(401);
    });

    test('an unknown provider is a 404', async () => {
      const res = await t().app.inject({ method: 'GET', url: '/auth/saml/nowhere/start' });
      expect(res.statusCode).toBe(404);
    });
  });
}

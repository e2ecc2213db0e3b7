/**
 * Every route of the app, and who may not use it. A route added without a line in RULES fails the first test.
 *
 * Each route is tried signed out, as a citizen who owns nothing, as staff holding each role the route does not take,
 * and as staff of another centre; a refusal to a signed-in person must be in the audit log, and a refused write
 * must leave every table as it was. Those who may use a GET route must get past its checks (so a refusal below is
 * never just a wrong fixture).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { STAFF_ROLES, type StaffRole } from '../platform/auth/principal.js';
import { ENGINES } from '../../test/support/test-database.js';
import { useTestApp } from '../../test/support/test-app.js';
import { buildAccessWorld, databaseFingerprint, type AccessWorld } from '../../test/support/access-world.js';
import { definitionFor } from '../../test/support/case-factories.js';
import { multipartBody, tinyPdf } from '../../test/support/multipart.js';
import type { TestSession } from '../../test/support/test-auth.js';
import {
  buildSupervisionAccessWorld,
  programmeBody,
  type SupervisionAccessWorld,
} from '../../test/support/supervision-world.js';

interface Access {
  /** Signed out: the status, 'sign-in' for a portal page that sends the browser to the sign-in page, or allowed. */
  anonymous: number | 'sign-in' | 'allowed';
  /** A citizen who owns nothing here; allowed when absent. */
  citizen?: number;
  /** Staff on a route for applicants. */
  staff?: number;
  /** The staff roles the route takes: every other role is refused (403). */
  roles?: readonly StaffRole[];
  /** Staff holding every role, but only in another centre. */
  otherUnit?: number;
  /** Who may use it, to prove the fixtures reach the route's checks (GET routes only). */
  allowed?: 'insider' | 'owner';
}

interface Request {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

interface Rule {
  access: Access;
  request?: (w: AccessWorld) => Request;
  /** Only registered in some builds (the back office's index exists once the web app is built). */
  optional?: true;
}

const ADMIN = ['admin'] as const;
const CASEWORK = ['caseworker', 'teamlead'] as const;
const READERS = ['caseworker', 'teamlead', 'quality', 'analyst', 'admin'] as const;
/** A working need on the case's unit: others see aggregates, or break the glass (see the break-glass rule). */
const CASE_READERS = ['caseworker', 'teamlead', 'frontline'] as const;
const MODEL_EDITORS = ['analyst', 'admin'] as const;
const NAVIGATOR = ['analyst', 'teamlead', 'quality', 'admin'] as const;
const CONTACT_STAFF = ['frontline', 'caseworker', 'teamlead'] as const;
const CONTACT_FIGURES = ['frontline', 'teamlead', 'quality', 'analyst', 'admin'] as const;
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const CONTACT_TOPIC = {
  code: '27.24.00',
  name: { da: 'Boligstøtte', en: 'Housing benefit' },
  canResolve: { da: 'Status', en: 'Status' },
  mustForward: { da: 'Klager', en: 'Complaints' },
};
const GOAL_READERS = ['teamlead', 'quality', 'analyst', 'admin'] as const;
const GOAL_SETTERS = ['teamlead', 'admin'] as const;
const NO_ID = '00000000-0000-4000-8000-000000000000';

const open: Access = { anonymous: 'allowed' };
const signedIn = (o: Partial<Access> = {}): Access => ({ anonymous: 401, allowed: 'insider', ...o });
const staff = (roles: readonly StaffRole[], otherUnit?: number): Access => ({
  anonymous: 401,
  citizen: 403,
  roles,
  otherUnit,
  allowed: 'insider',
});
/** For applicants; `owned` when it is about one applicant's own case or application. */
const applicant = (o: { page: boolean; owned: boolean }): Access => ({
  anonymous: o.page ? 'sign-in' : 401,
  staff: 403,
  ...(o.owned ? { citizen: 404, allowed: 'owner' as const } : { allowed: 'owner' as const }),
});

const form = (body: string): Pick<Request, 'payload' | 'headers'> => ({
  payload: body,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
/** A passkey answer of the right shape that no challenge was given for. */
const PASSKEY_ANSWER = { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: {} };
const caseUrl = (w: AccessWorld, tail = '') => `/api/cases/${w.caseId}${tail}`;
const myCase = (w: AccessWorld, tail = '') => `/mine-sager/${w.reference}${tail}`;
const draft = (w: AccessWorld, tail: string) => `/ansoegning/${w.draftId}${tail}`;
const analysis = (w: AccessWorld, tail = '') => `/api/navigator/analyses/${w.analysisId}${tail}`;
const model = (w: AccessWorld, tail = '') => `/api/process-models/${w.modelId}${tail}`;
let sw: SupervisionAccessWorld;
const SUPERVISION_READERS = ['quality', 'teamlead'] as const;
const sampleUrl = (tail = '') => `/api/supervision/samples/${sw.sampleId}${tail}`;
const programmeUrl = (tail = '') => `/api/supervision/programmes/${sw.programmeId}${tail}`;
const goalFigure = (w: AccessWorld, what: string) =>
  `/api/goals/${what}?indicatorId=cases.slipping-now&period=2026-Q1&unitId=${w.units.teamA1}`;
const teamA1 = (w: AccessWorld) => ({ kind: 'case-type', caseTypeCode: w.caseTypeCode, unitIds: [w.units.teamA1] });

const v = { expectedVersion: 1 };
const COMMAND_BODIES: Record<string, object> = {
  screening: { ...v, verdict: 'fully_informed' },
  'information-requests': { ...v, items: [{ text: 'Lønsedler' }], message: 'Send dem', dueDate: '2030-01-01' },
  'information-received': v,
  hearings: { ...v, party: 'Naboen', subject: 'Høring', replyBy: '2030-01-01' },
  'hearing-replies': { ...v, summary: 'Svar' },
  notes: { ...v, kind: 'internal', who: 'Karin', when: '2030-01-01T10:00:00Z', what: 'Notat' },
  phase: { ...v, phaseCode: 'processing' },
  extensions: { ...v, by: { amount: 1, unit: 'weeks' }, reason: 'Travlt', applicantMessage: 'Det tager længere tid' },
  decision: { ...v, outcome: 'refused', reasons: 'Grunde', legalRules: ['§ 1'], appealGuidance: 'Klag her' },
  close: v,
  reassign: { ...v, assigneeId: null },
};
const commandRules = Object.fromEntries(
  Object.entries(COMMAND_BODIES).map(([name, payload]): [string, Rule] => [
    `POST /api/cases/:id/${name}`,
    { access: staff(CASEWORK, 403), request: (w) => ({ url: caseUrl(w, `/${name}`), payload }) },
  ]),
);

const COMPLAINT_HANDLERS = ['caseworker', 'teamlead', 'quality'] as const;
const COMPLAINT_FIGURES = ['quality', 'teamlead', 'analyst', 'admin'] as const;
const COMPLAINT_STEP_BODIES: Record<string, object> = {
  classification: { ...v, kind: 'decision', reason: 'Handler om afgørelsen' },
  handler: { ...v, handlerId: '00000000-0000-4000-8000-000000000000' },
  reconsideration: { ...v, result: 'upheld', reasons: 'Fastholdt', forwardingLetter: 'Hermed' },
  'appeal-outcome': { ...v, outcome: 'remitted', decidedOn: '2026-03-01', reasons: 'Hjemvist' },
  answer: { ...v, outcome: 'justified', cause: 'waiting_time', letter: 'Vi beklager' },
};
const complaintStepRules = Object.fromEntries(
  Object.entries(COMPLAINT_STEP_BODIES).map(([name, payload]): [string, Rule] => [
    `POST /api/complaints/:id/${name}`,
    {
      access: staff(COMPLAINT_HANDLERS, 404),
      request: (w) => ({ url: `/api/complaints/${w.complaintId}/${name}`, payload }),
    },
  ]),
);

const RULES: Record<string, Rule> = {
  // Open to everyone: the portal's public pages, signing in and out, the API description, assets.
  'GET /': { access: open },
  'GET /login': { access: open },
  'GET /tilgaengelighed': { access: open },
  'GET /ansoeg/:code': { access: open, request: (w) => ({ url: `/ansoeg/${w.caseTypeCode}` }) },
  'GET /forventet-tid/:code': { access: open, request: (w) => ({ url: `/forventet-tid/${w.caseTypeCode}` }) },
  'GET /static/dkfds/*': { access: open, request: () => ({ url: '/static/dkfds/nothing.css' }) },
  'GET /static/portal/*': { access: open, request: () => ({ url: '/static/portal/nothing.css' }) },
  'GET /app': { access: open },
  'GET /app/': { access: open, optional: true },
  'GET /app/*': { access: open, request: () => ({ url: '/app/cases' }) },
  'GET /api/health': { access: open },
  'GET /api/health/live': { access: open },
  'GET /api/health/ready': { access: open },
  'GET /api/docs': { access: open },
  'GET /api/docs/json': { access: open },
  'GET /api/docs/yaml': { access: open },
  'GET /api/docs/static/index.html': { access: open },
  'GET /api/docs/static/swagger-initializer.js': { access: open },
  'GET /api/docs/static/*': { access: open, request: () => ({ url: '/api/docs/static/nothing.css' }) },
  'GET /api/auth/csrf': { access: open },
  'GET /api/auth/providers': { access: open },
  'POST /api/auth/login': {
    access: open,
    request: () => ({ url: '/api/auth/login', payload: { username: 'nobody', password: 'wrong-password' } }),
  },
  'POST /api/auth/logout': { access: open },
  // A one-time link is the credential: the page and the post are open, and an unknown link changes nothing.
  'GET /adgangskode': { access: open, request: () => ({ url: '/adgangskode?token=not-a-real-link-token-000' }) },
  'POST /api/auth/password-setup': {
    access: open,
    request: () => ({
      url: '/api/auth/password-setup',
      payload: { token: 'not-a-real-link-token-000', password: 'a long enough password' },
    }),
  },
  'GET /auth/oidc/:id/start': { access: open, request: () => ({ url: '/auth/oidc/none/start' }) },
  'GET /auth/oidc/:id/callback': { access: open, request: () => ({ url: '/auth/oidc/none/callback' }) },
  // SAML: the provider's signed messages are the credential; an unknown provider is a 404 that changes nothing.
  'GET /auth/saml/:id/metadata': { access: open, request: () => ({ url: '/auth/saml/none/metadata' }) },
  'GET /auth/saml/:id/start': { access: open, request: () => ({ url: '/auth/saml/none/start' }) },
  'POST /auth/saml/:id/acs': {
    access: open,
    request: () => ({ url: '/auth/saml/none/acs', ...form('SAMLResponse=PHgvPg%3D%3D') }),
  },
  'GET /auth/saml/:id/slo': { access: open, request: () => ({ url: '/auth/saml/none/slo' }) },
  'POST /auth/saml/logout': { access: open },
  'GET /mit-login': { access: { anonymous: 'sign-in' } },

  // Anyone signed in.
  'GET /api/auth/me': { access: signedIn() },
  // The second step of sign-in: only a half-signed-in session proves a factor; anyone else is sent to sign in.
  'GET /login/faktor': { access: open },
  'POST /login/faktor': { access: open, request: () => ({ url: '/login/faktor', payload: { code: '123456' } }) },
  'POST /api/auth/second-factor': {
    access: { anonymous: 401, citizen: 401, staff: 401 },
    request: () => ({ url: '/api/auth/second-factor', payload: { code: '123456' } }),
  },
  // Setting up an authenticator app: staff only (citizens sign in through the national eID).
  'GET /login/faktor/ny': { access: { anonymous: 'sign-in', citizen: 403, allowed: 'insider' } },
  'POST /login/faktor/ny': {
    access: { anonymous: 303, citizen: 403 },
    request: () => ({ url: '/login/faktor/ny', payload: { code: '123456' } }),
  },
  'GET /api/auth/second-factor/totp': { access: signedIn({ citizen: 403 }) },
  'POST /api/auth/second-factor/totp': {
    access: { anonymous: 401, citizen: 403 },
    request: () => ({ url: '/api/auth/second-factor/totp', payload: { code: '123456' } }),
  },
  // Passkeys: adding one is for staff (or a half-signed-in person who must enrol); signing in with one for a
  // half-signed-in session only.
  'POST /api/auth/passkeys/options': {
    access: { anonymous: 401, citizen: 403 },
    request: () => ({ url: '/api/auth/passkeys/options' }),
  },
  'POST /api/auth/passkeys': {
    access: { anonymous: 401, citizen: 403 },
    request: () => ({ url: '/api/auth/passkeys', payload: { credential: PASSKEY_ANSWER } }),
  },
  'POST /api/auth/second-factor/passkey/options': {
    access: { anonymous: 401, citizen: 401, staff: 401 },
    request: () => ({ url: '/api/auth/second-factor/passkey/options' }),
  },
  'POST /api/auth/second-factor/passkey': {
    access: { anonymous: 401, citizen: 401, staff: 401 },
    request: () => ({ url: '/api/auth/second-factor/passkey', payload: { credential: PASSKEY_ANSWER } }),
  },
  'POST /api/auth/me/password': {
    access: { anonymous: 401 },
    request: () => ({ url: '/api/auth/me/password', payload: { currentPassword: 'wrong', newPassword: 'x' } }),
  },
  'PUT /api/auth/me/active-unit': {
    access: signedIn({ otherUnit: 403 }),
    request: (w) => ({ url: '/api/auth/me/active-unit', payload: { unitId: w.units.teamA1 } }),
  },
  'PUT /api/auth/me/locale': {
    access: signedIn(),
    request: () => ({ url: '/api/auth/me/locale', payload: { locale: 'en' } }),
  },
  'GET /mine-sager': { access: signedIn({ anonymous: 'sign-in' }) },
  // A case's path: its own applicant, or staff who may read the case.
  'GET /api/navigator/case-path/:caseId': {
    access: signedIn({ citizen: 404, otherUnit: 403 }),
    request: (w) => ({ url: `/api/navigator/case-path/${w.caseId}` }),
  },

  // The applicant's own cases and applications: anyone else's is a 404, as if it did not exist.
  'GET /api/my/cases': { access: applicant({ page: false, owned: false }) },
  'GET /api/my/cases/:id': {
    access: applicant({ page: false, owned: true }),
    request: (w) => ({ url: `/api/my/cases/${w.caseId}` }),
  },
  'POST /ansoeg/:code': {
    access: { ...applicant({ page: true, owned: false }), citizen: undefined },
    request: (w) => ({ url: `/ansoeg/${w.caseTypeCode}`, ...form('') }),
  },
  'GET /ansoegning/:id/trin/:step': {
    access: applicant({ page: true, owned: true }),
    request: (w) => ({ url: draft(w, `/trin/${w.draftStep}`) }),
  },
  'POST /ansoegning/:id/trin/:step': {
    access: applicant({ page: true, owned: true }),
    request: (w) => ({ url: draft(w, `/trin/${w.draftStep}`), ...form('action=later') }),
  },
  'POST /ansoegning/:id/dokumenter/fjern': {
    access: applicant({ page: true, owned: true }),
    request: (w) => ({ url: draft(w, '/dokumenter/fjern'), ...form(`documentId=${w.documentId}`) }),
  },
  'GET /ansoegning/:id/kontroller': {
    access: applicant({ page: true, owned: true }),
    request: (w) => ({ url: draft(w, '/kontroller') }),
  },
  'POST /ansoegning/:id/send': {
    access: applicant({ page: true, owned: true }),
    request: (w) => ({ url: draft(w, '/send'), ...form('idempotencyKey=x') }),
  },
  'GET /ansoegning/:id/kvittering': {
    access: applicant({ page: true, owned: true }),
    request: (w) => ({ url: `/ansoegning/${w.sentApplicationId}/kvittering` }),
  },
  'GET /mine-sager/:reference': {
    access: applicant({ page: true, owned: true }),
    request: (w) => ({ url: myCase(w) }),
  },
  'POST /mine-sager/:reference/svar': {
    access: applicant({ page: true, owned: true }),
    request: (w) => ({ url: myCase(w, '/svar'), ...form('answer=Her') }),
  },
  'POST /mine-sager/:reference/klage': {
    access: applicant({ page: true, owned: true }),
    request: (w) => ({ url: myCase(w, '/klage'), ...form('kind=procedure&text=Klage') }),
  },
  'POST /mine-sager/:reference/aktindsigt': {
    access: applicant({ page: true, owned: true }),
    request: (w) => ({ url: myCase(w, '/aktindsigt'), ...form('') }),
  },
  'GET /mine-sager/:reference/dokumenter/:id': {
    access: applicant({ page: true, owned: true }),
    request: (w) => ({ url: myCase(w, `/dokumenter/${w.documentId}`) }),
  },

  // Cases: staff of the case's unit (another unit's case is a 403; its documents a 404).
  'POST /api/cases': {
    access: staff(['caseworker', 'teamlead', 'frontline'], 403),
    request: (w) => ({
      url: '/api/cases',
      payload: { caseTypeCode: w.caseTypeCode, channel: 'paper', applicant: { name: 'Ane' } },
    }),
  },
  'GET /api/cases/queue': {
    access: staff(CASEWORK, 403),
    request: (w) => ({ url: `/api/cases/queue?unitId=${w.units.teamA1}` }),
  },
  'GET /api/cases/figures': {
    access: staff(READERS, 403),
    request: (w) => ({ url: `/api/cases/figures?unitId=${w.units.teamA1}` }),
  },
  // Figures of a whole case type (no case, no person): every reader of figures, in any unit.
  'GET /api/forecast-calibration/:id': {
    access: staff(READERS),
    request: (w) => ({ url: `/api/forecast-calibration/${w.caseTypeId}` }),
  },
  'GET /api/cases/assignees': { access: staff(CASEWORK) },
  // Bulk reassignment answers per case: another unit's case is listed as failed, and nothing changes.
  'POST /api/cases/reassign': {
    access: staff(['teamlead'], 200),
    request: (w) => ({
      url: '/api/cases/reassign',
      payload: { cases: [{ caseId: w.caseId, expectedVersion: 1 }], assigneeId: null },
    }),
  },
  'GET /api/cases/:id': { access: staff(CASE_READERS, 403), request: (w) => ({ url: caseUrl(w) }) },
  ...commandRules,
  'POST /api/cases/:id/documents': {
    access: staff(CASEWORK, 403),
    request: (w) => {
      const body = multipartBody(
        { expectedVersion: '1', title: 'Notat', documentType: 'other', direction: 'internal' },
        [{ field: 'file', filename: 'n.pdf', contentType: 'application/pdf', content: tinyPdf() }],
      );
      return { url: caseUrl(w, '/documents'), ...body };
    },
  },
  'POST /api/cases/:id/break-glass': {
    access: staff(STAFF_ROLES, 403),
    request: (w) => ({ url: caseUrl(w, '/break-glass'), payload: { reason: 'Klage over sagsbehandlingen' } }),
  },
  'GET /api/cases/:id/documents/:documentId': {
    access: staff(CASE_READERS, 404),
    request: (w) => ({ url: caseUrl(w, `/documents/${w.documentId}`) }),
  },
  'GET /api/applications/screening-figures': {
    access: staff(READERS, 403),
    request: (w) => ({
      url: `/api/applications/screening-figures?from=2026-01-01&to=2026-12-31&unitId=${w.units.teamA1}`,
    }),
  },

  // Complaints: the quality unit and team leads of the case's unit, a caseworker on their own cases; the complainant.
  'GET /api/complaints': { access: staff(COMPLAINT_HANDLERS) },
  'POST /api/complaints': {
    access: staff(['frontline', 'caseworker', 'teamlead', 'quality'], 400),
    request: (w) => ({
      url: '/api/complaints',
      payload: { caseReference: w.reference, kind: 'procedure', channel: 'phone', text: 'Klage' },
    }),
  },
  'GET /api/complaints/figures': {
    access: staff(COMPLAINT_FIGURES),
    request: () => ({ url: '/api/complaints/figures?from=2026-01-01&to=2026-12-31' }),
  },
  'GET /api/complaints/deadlines': { access: staff(STAFF_ROLES) },
  'PUT /api/complaints/deadlines': {
    access: staff(ADMIN, 403),
    request: () => ({
      url: '/api/complaints/deadlines',
      payload: { procedure: { amount: 3, unit: 'weeks' }, decision: { amount: 4, unit: 'weeks' } },
    }),
  },
  'GET /api/complaints/:id': {
    access: { ...staff(COMPLAINT_HANDLERS, 404), citizen: 404 },
    request: (w) => ({ url: `/api/complaints/${w.complaintId}` }),
  },
  ...complaintStepRules,
  'GET /api/advisor-findings': { access: staff(COMPLAINT_FIGURES) },
  'POST /api/advisor-findings': {
    access: staff(['quality'], 403),
    request: (w) => ({
      url: '/api/advisor-findings',
      payload: {
        source: 'complaint',
        title: 'T',
        recommendation: 'R',
        unitIds: [w.units.teamA1],
        responsibleId: w.staffUserId,
        foundOn: '2026-02-01',
      },
    }),
  },
  'POST /api/advisor-findings/:id/status': {
    access: staff(['quality'], 404),
    request: (w) => ({ url: `/api/advisor-findings/${w.findingId}/status`, payload: { status: 'in_progress' } }),
  },
  'POST /api/advisor-actions/:id/done': {
    access: staff(['quality'], 404),
    request: (w) => ({ url: `/api/advisor-actions/${w.findingActionId}/done`, payload: { done: true } }),
  },

  // Case types: read by all staff; published by an admin of the unit that handles them.
  'GET /api/case-types': { access: staff(STAFF_ROLES) },
  'GET /api/case-types/:code': {
    access: staff(STAFF_ROLES),
    request: (w) => ({ url: `/api/case-types/${w.caseTypeCode}` }),
  },
  'GET /api/case-types/export': { access: staff(ADMIN) },
  'POST /api/case-types': {
    access: staff(ADMIN, 403),
    request: (w) => ({
      url: '/api/case-types',
      payload: { ...definitionFor(w.units.codes.teamA1), code: w.caseTypeCode },
    }),
  },
  'POST /api/case-types/import': {
    access: staff(ADMIN, 403),
    request: (w) => ({
      url: '/api/case-types/import',
      payload: {
        format: 'sagsgang.case-types',
        formatVersion: 1,
        exportedAt: new Date().toISOString(),
        caseTypes: [{ ...definitionFor(w.units.codes.teamA1), code: w.caseTypeCode }],
      },
    }),
  },

  // The organisation: an admin of the units concerned.
  'GET /api/units': { access: staff(STAFF_ROLES) },
  'POST /api/units': {
    access: staff(ADMIN, 403),
    request: (w) => ({
      url: '/api/units',
      payload: { parentId: w.units.teamA1, kind: 'team', code: 'new-team', nameDa: 'Nyt', nameEn: 'New' },
    }),
  },
  'PATCH /api/units/:id': {
    access: staff(ADMIN, 403),
    request: (w) => ({ url: `/api/units/${w.units.teamA2}`, payload: { nameDa: 'Omdøbt' } }),
  },
  'DELETE /api/units/:id': { access: staff(ADMIN, 403), request: (w) => ({ url: `/api/units/${w.units.teamA2}` }) },
  'GET /api/users': { access: staff(ADMIN, 403), request: (w) => ({ url: `/api/users?unitId=${w.units.teamA1}` }) },
  'POST /api/users': {
    access: staff(ADMIN, 403),
    request: (w) => ({
      url: '/api/users',
      payload: { username: 'new-user', displayName: 'Ny', grants: [{ role: 'caseworker', unitId: w.units.teamA1 }] },
    }),
  },
  'GET /api/users/:id': { access: staff(ADMIN, 403), request: (w) => ({ url: `/api/users/${w.staffUserId}` }) },
  'PATCH /api/users/:id': {
    access: staff(ADMIN, 403),
    request: (w) => ({ url: `/api/users/${w.staffUserId}`, payload: { displayName: 'Omdøbt' } }),
  },
  'POST /api/users/:id/sign-in-lock/lift': {
    access: staff(ADMIN, 403),
    request: (w) => ({ url: `/api/users/${w.staffUserId}/sign-in-lock/lift` }),
  },
  'POST /api/users/:id/grants': {
    access: staff(ADMIN, 403),
    request: (w) => ({
      url: `/api/users/${w.staffUserId}/grants`,
      payload: { role: 'teamlead', unitId: w.units.teamA1 },
    }),
  },
  'DELETE /api/users/:id/grants/:grantId': {
    access: staff(ADMIN, 403),
    request: (w) => ({ url: `/api/users/${w.staffUserId}/grants/${w.grantId}` }),
  },
  'GET /api/audit': { access: staff(ADMIN, 403), request: (w) => ({ url: `/api/audit?actorUserId=${w.staffUserId}` }) },
  'GET /api/audit/export': {
    access: staff(ADMIN, 403),
    request: (w) => ({ url: `/api/audit/export?actorUserId=${w.staffUserId}` }),
  },

  // The calendar: read by all staff; closure days stop every unit's clocks, so only an authority-wide admin.
  'GET /api/calendar/:year': { access: staff(STAFF_ROLES), request: () => ({ url: '/api/calendar/2026' }) },
  'POST /api/calendar/closures': {
    access: staff(ADMIN, 403),
    request: () => ({ url: '/api/calendar/closures', payload: { day: '2027-03-03', reason: 'Flytning' } }),
  },
  'DELETE /api/calendar/closures/:day': {
    access: staff(ADMIN, 403),
    request: () => ({ url: '/api/calendar/closures/2027-03-03' }),
  },

  // Workflow models: the authority's shared portal, read by all staff; each changed by the analysts of its unit (the
  // world's model is the authority's, so analysts of one centre may not) and the authority's administrators.
  'GET /api/process-models': { access: staff(STAFF_ROLES) },
  'POST /api/process-models': {
    access: staff(MODEL_EDITORS),
    request: () => ({ url: '/api/process-models', payload: { name: 'Ny', bpmnXml: '<definitions/>' } }),
  },
  'GET /api/process-models/for-case/:caseId/current-step': {
    access: staff(CASE_READERS, 403),
    request: (w) => ({ url: `/api/process-models/for-case/${w.caseId}/current-step` }),
  },
  'GET /api/process-models/:id': { access: staff(STAFF_ROLES), request: (w) => ({ url: model(w) }) },
  'PATCH /api/process-models/:id': {
    access: staff(MODEL_EDITORS, 403),
    request: (w) => ({ url: model(w), payload: { name: 'Omdøbt' } }),
  },
  'POST /api/process-models/:id/versions': {
    access: staff(MODEL_EDITORS, 403),
    request: (w) => ({ url: model(w, '/versions'), payload: { bpmnXml: '<definitions/>' } }),
  },
  'PUT /api/process-models/:id/versions/:version/tasks/:elementId': {
    access: staff(MODEL_EDITORS, 403),
    request: (w) => ({ url: model(w, '/versions/1/tasks/Task_1'), payload: { guidance: 'Gør sådan' } }),
  },
  'GET /api/process-models/:id/mapping': {
    access: staff(STAFF_ROLES),
    request: (w) => ({ url: model(w, '/mapping') }),
  },
  'PUT /api/process-models/:id/mapping': {
    access: staff(MODEL_EDITORS, 403),
    request: (w) => ({ url: model(w, '/mapping'), payload: { entries: [{ activity: 'X', elementId: null }] } }),
  },

  // The navigator: those who lead and improve the process, for the units they hold a role on.
  'GET /api/navigator/logs': { access: staff(NAVIGATOR) },
  'POST /api/navigator/logs': {
    access: staff(NAVIGATOR),
    request: () => ({
      url: '/api/navigator/logs?name=x',
      payload: 'a',
      headers: { 'content-type': 'application/octet-stream' },
    }),
  },
  'GET /api/navigator/analyses': { access: staff(NAVIGATOR) },
  'POST /api/navigator/analyses': {
    access: staff(NAVIGATOR, 403),
    request: (w) => ({ url: '/api/navigator/analyses', payload: { modelId: w.modelId, population: teamA1(w) } }),
  },
  'GET /api/navigator/analyses/:id': { access: staff(NAVIGATOR, 404), request: (w) => ({ url: analysis(w) }) },
  'POST /api/navigator/analyses/:id/cancel': {
    access: staff(NAVIGATOR, 404),
    request: (w) => ({ url: analysis(w, '/cancel') }),
  },
  'GET /api/navigator/analyses/:id/result': {
    access: staff(NAVIGATOR, 404),
    request: (w) => ({ url: analysis(w, '/result') }),
  },
  'GET /api/navigator/analyses/:id/cases': {
    access: staff(NAVIGATOR, 404),
    request: (w) => ({ url: analysis(w, '/cases') }),
  },
  'GET /api/navigator/analyses/:id/replay': {
    access: staff(NAVIGATOR, 404),
    request: (w) => ({ url: analysis(w, '/replay') }),
  },
  'GET /api/navigator/analyses/:id/people': {
    access: staff(['teamlead', 'analyst'], 404),
    request: (w) => ({ url: analysis(w, '/people') }),
  },
  'POST /api/navigator/discover': {
    access: staff(NAVIGATOR, 403),
    request: (w) => ({ url: '/api/navigator/discover', payload: { population: teamA1(w) } }),
  },

  // Citizen service: the front line registers and looks up; tasks go to the units that answer them; the figures to
  // those who lead and measure; citizens see and book only their own.
  'GET /borgerservice': { access: open },
  'GET /mine-henvendelser': { access: applicant({ page: true, owned: false }) },
  'GET /henvendelse': { access: applicant({ page: true, owned: false }) },
  'POST /henvendelse': {
    access: { anonymous: 'sign-in', staff: 403 },
    request: () => ({ url: '/henvendelse', ...form('topicCode=27.24.00&question=Hej') }),
  },
  'GET /mine-aftaler': { access: applicant({ page: true, owned: false }) },
  'POST /mine-aftaler/:id/aflys': {
    access: { anonymous: 'sign-in', staff: 403 },
    request: () => ({ url: `/mine-aftaler/${NO_SUCH_ID}/aflys`, ...form('') }),
  },
  'GET /book': { access: applicant({ page: true, owned: false }) },
  'GET /book/:typeId': {
    access: { anonymous: 'sign-in', staff: 403 },
    request: () => ({ url: `/book/${NO_SUCH_ID}` }),
  },
  'GET /book/:typeId/bekraeft': {
    access: { anonymous: 'sign-in', staff: 403 },
    request: () => ({ url: `/book/${NO_SUCH_ID}/bekraeft?slot=x` }),
  },
  'POST /book/:typeId': {
    access: { anonymous: 'sign-in', staff: 403 },
    request: () => ({ url: `/book/${NO_SUCH_ID}`, ...form('slot=x') }),
  },
  'GET /kalender/:file': { access: open, request: () => ({ url: '/kalender/not-a-token.ics' }) },
  'GET /api/contacts/topics': { access: staff(STAFF_ROLES) },
  'PUT /api/contacts/topics/:code': {
    access: staff(ADMIN, 403),
    request: () => ({ url: '/api/contacts/topics/27.24.00', payload: CONTACT_TOPIC }),
  },
  'POST /api/contacts/inquiries': {
    access: staff(CONTACT_STAFF),
    request: () => ({
      url: '/api/contacts/inquiries',
      payload: { channel: 'phone', topicCode: '27.24.00', result: 'resolved' },
    }),
  },
  'POST /api/contacts/case-status': {
    access: staff(CONTACT_STAFF),
    request: (w) => ({ url: '/api/contacts/case-status', payload: { reference: w.reference } }),
  },
  'GET /api/contacts/tasks': { access: staff(CONTACT_STAFF) },
  'POST /api/contacts/inquiries/:id/answer': {
    access: staff(CONTACT_STAFF),
    request: () => ({ url: `/api/contacts/inquiries/${NO_SUCH_ID}/answer`, payload: { answer: 'Svar' } }),
  },
  'GET /api/contacts/my-inquiries': { access: applicant({ page: false, owned: false }) },
  'GET /api/contacts/figures': {
    access: staff(CONTACT_FIGURES),
    request: () => ({ url: '/api/contacts/figures?from=2026-01-01&to=2026-12-31' }),
  },
  'GET /api/contacts/figures/inquiries': {
    access: staff(CONTACT_FIGURES),
    request: () => ({ url: '/api/contacts/figures/inquiries?from=2026-01-01&to=2026-12-31' }),
  },
  'GET /api/contacts/appointment-types': { access: open },
  'GET /api/contacts/slots': {
    access: open,
    request: () => ({ url: `/api/contacts/slots?appointmentTypeId=${NO_SUCH_ID}` }),
  },
  'POST /api/contacts/bookings': {
    access: { anonymous: 401, roles: CONTACT_STAFF },
    request: () => ({
      url: '/api/contacts/bookings',
      payload: {
        appointmentTypeId: NO_SUCH_ID,
        staffId: NO_SUCH_ID,
        startsAt: '2030-01-07T09:00:00Z',
        citizenName: 'X',
      },
    }),
  },
  'GET /api/contacts/bookings': { access: { anonymous: 401, roles: CONTACT_STAFF, allowed: 'insider' } },
  'POST /api/contacts/bookings/:id/cancel': {
    access: { anonymous: 401 },
    request: () => ({ url: `/api/contacts/bookings/${NO_SUCH_ID}/cancel` }),
  },
  'POST /api/contacts/bookings/:id/rebook': {
    access: { anonymous: 401 },
    request: () => ({
      url: `/api/contacts/bookings/${NO_SUCH_ID}/rebook`,
      payload: { startsAt: '2030-01-07T09:00:00Z' },
    }),
  },
  'POST /api/contacts/bookings/:id/outcome': {
    access: staff(CONTACT_STAFF),
    request: () => ({ url: `/api/contacts/bookings/${NO_SUCH_ID}/outcome`, payload: { status: 'no_show' } }),
  },
  'POST /api/contacts/calendar-feed': { access: staff(CONTACT_STAFF) },
  'DELETE /api/contacts/calendar-feed': { access: staff(CONTACT_STAFF) },
  // Surveys: the answer pages and the answer post are open (the one-time link is the credential); results for those
  // who lead and check the units, free text for the quality role only; definitions for administrators.
  'GET /undersoegelse': { access: open, request: () => ({ url: '/undersoegelse?token=not-a-real-survey-link-000' }) },
  'POST /undersoegelse': {
    access: open,
    request: () => ({ url: '/undersoegelse', ...form('token=not-a-real-survey-link-000&q.overall=5') }),
  },
  'POST /undersoegelse/afvis': {
    access: open,
    request: () => ({ url: '/undersoegelse/afvis', ...form('token=not-a-real-survey-link-000') }),
  },
  'GET /undersoegelse/tak': { access: open },
  'GET /undersoegelse/afvist': { access: open },
  'POST /api/surveys/answers': {
    access: open,
    request: () => ({
      url: '/api/surveys/answers',
      payload: { token: 'not-a-real-survey-link-000', answers: { overall: 5 } },
    }),
  },
  'GET /mine-undersoegelser': { access: applicant({ page: true, owned: false }) },
  'GET /mine-undersoegelser/:id': {
    access: { anonymous: 'sign-in', staff: 403, citizen: 404 },
    request: () => ({ url: '/mine-undersoegelser/00000000-0000-4000-8000-000000000000' }),
  },
  'GET /api/surveys': { access: staff(['quality', 'teamlead', 'analyst', 'admin']) },
  'GET /api/surveys/templates': { access: staff(ADMIN) },
  'POST /api/surveys': { access: staff(ADMIN), request: () => ({ url: '/api/surveys', payload: { code: 'x' } }) },
  'POST /api/surveys/templates/publish': { access: staff(ADMIN) },
  'POST /api/surveys/annual/:kind': {
    access: staff(ADMIN, 403),
    request: () => ({ url: '/api/surveys/annual/annual_staff', payload: {} }),
  },
  'GET /api/surveys/results': {
    access: staff(['quality', 'teamlead', 'analyst', 'admin']),
    request: () => ({ url: '/api/surveys/results?survey=after-decision&by=unit' }),
  },
  'GET /api/surveys/results.xlsx': {
    access: staff(['quality', 'teamlead', 'analyst', 'admin']),
    request: () => ({ url: '/api/surveys/results.xlsx?survey=after-decision' }),
  },
  'GET /api/surveys/comments': {
    access: staff(['quality']),
    request: () => ({ url: '/api/surveys/comments?survey=after-decision' }),
  },
  'GET /api/surveys/follow-ups': { access: staff(['teamlead', 'quality']) },
  'POST /api/surveys/follow-ups/:id/close': {
    access: staff(['teamlead', 'quality']),
    request: () => ({
      url: '/api/surveys/follow-ups/00000000-0000-4000-8000-000000000000/close',
      payload: { note: 'Ringet op' },
    }),
  },
  // Supervision: the quality unit runs a programme on its units; team leads and the programme's reviewers read it;
  // only reviewers review. Staff of other centres are not told the programme exists.
  'GET /api/supervision/programmes': { access: staff(STAFF_ROLES) },
  'POST /api/supervision/programmes': {
    access: staff(['quality'], 403),
    request: (w) => ({
      url: '/api/supervision/programmes',
      payload: programmeBody({ unitId: w.units.teamA1, reviewerIds: [sw.reviewerId] }),
    }),
  },
  'GET /api/supervision/people': {
    access: staff(SUPERVISION_READERS, 403),
    request: () => ({ url: `/api/supervision/people?unitId=${sw.centreA}` }),
  },
  'GET /api/supervision/programmes/:id': {
    access: staff(SUPERVISION_READERS, 404),
    request: () => ({ url: programmeUrl() }),
  },
  'GET /api/supervision/programmes/:id/samples': {
    access: staff(SUPERVISION_READERS, 404),
    request: () => ({ url: programmeUrl('/samples') }),
  },
  'POST /api/supervision/programmes/:id/samples': {
    access: staff(['quality'], 404),
    request: () => ({
      url: programmeUrl('/samples'),
      payload: { label: 'x', population: {}, design: 'simple', size: 1 },
    }),
  },
  'GET /api/supervision/programmes/:id/initiatives': {
    access: staff(SUPERVISION_READERS, 404),
    request: () => ({ url: programmeUrl('/initiatives') }),
  },
  'GET /api/supervision/samples/:id': {
    access: staff(SUPERVISION_READERS, 404),
    request: () => ({ url: sampleUrl() }),
  },
  'GET /api/supervision/samples/:id/analysis': {
    access: staff(SUPERVISION_READERS, 404),
    request: () => ({ url: sampleUrl('/analysis') }),
  },
  'POST /api/supervision/samples/:id/cases/:caseId/replace': {
    access: staff(['quality'], 404),
    request: () => ({ url: sampleUrl(`/cases/${sw.sampledCaseId}/replace`), payload: { reason: 'Henlagt' } }),
  },
  'GET /api/supervision/samples/:id/cases/:caseId/review': {
    access: staff(SUPERVISION_READERS, 404),
    request: () => ({ url: sampleUrl(`/cases/${sw.sampledCaseId}/review`) }),
  },
  'POST /api/supervision/samples/:id/cases/:caseId/review': {
    access: staff([], 404),
    request: () => ({
      url: sampleUrl(`/cases/${sw.sampledCaseId}/review`),
      payload: { answers: [{ criterionId: sw.programmeId, answer: 'met' }], holisticScore: 3 },
    }),
  },
  'POST /api/supervision/initiatives': {
    access: staff(['quality'], 404),
    request: () => ({
      url: '/api/supervision/initiatives',
      payload: {
        programmeId: sw.programmeId,
        kind: 'training',
        title: 'x',
        ownerId: sw.reviewerId,
        dueDate: '2030-01-01',
      },
    }),
  },
  'PATCH /api/supervision/initiatives/:id': {
    access: staff(['quality'], 403),
    request: () => ({ url: `/api/supervision/initiatives/${sw.initiativeId}`, payload: { status: 'in_progress' } }),
  },
  'POST /api/supervision/audit-remarks': {
    access: staff(['quality'], 403),
    request: () => ({
      url: '/api/supervision/audit-remarks',
      payload: { unitId: sw.centreA, year: 2025, report: 'Beretning', remark: 'Bemærkning' },
    }),
  },
  'GET /api/supervision/audit-remarks/follow-up': {
    access: staff(SUPERVISION_READERS),
    request: () => ({ url: '/api/supervision/audit-remarks/follow-up?halfYear=2026-H1' }),
  },
  'GET /api/supervision/reports/monthly': {
    access: staff(SUPERVISION_READERS, 403),
    request: () => ({ url: `/api/supervision/reports/monthly?unitId=${sw.centreA}&month=2026-02` }),
  },
  'GET /api/goals/indicators': { access: staff(GOAL_READERS) },
  'GET /api/goals/dashboard': {
    access: staff(GOAL_READERS, 403),
    request: (w) => ({ url: `/api/goals/dashboard?period=2026-Q1&unitId=${w.units.teamA1}` }),
  },
  'GET /api/goals/breakdown': {
    access: staff(GOAL_READERS, 403),
    request: (w) => ({ url: goalFigure(w, 'breakdown') }),
  },
  'GET /api/goals/cases': { access: staff(GOAL_READERS, 403), request: (w) => ({ url: goalFigure(w, 'cases') }) },
  'POST /api/goals': {
    access: staff(GOAL_SETTERS, 403),
    request: (w) => ({
      url: '/api/goals',
      payload: {
        unitId: w.units.teamA1,
        indicatorId: 'cases.slipping-now',
        area: 'service',
        period: '2026-Q1',
        target: 3,
      },
    }),
  },
  'POST /api/goals/manual-values': {
    access: staff(GOAL_SETTERS, 403),
    request: (w) => ({
      url: '/api/goals/manual-values',
      payload: { unitId: w.units.teamA1, indicatorId: 'goals.staff-turnover', period: '2026-Q1', value: 0.1 },
    }),
  },
  'GET /api/goals/contracts': { access: staff(GOAL_READERS) },
  'GET /api/goals/event-log': {
    access: staff(GOAL_READERS, 403),
    request: (w) => ({ url: `/api/goals/event-log?format=xes&unitId=${w.units.teamA1}` }),
  },
  'POST /api/goals/contracts': {
    access: staff(GOAL_SETTERS, 403),
    request: (w) => ({
      url: '/api/goals/contracts',
      payload: { unitId: w.units.centreA, year: 2026, goalIds: ['00000000-0000-4000-8000-000000000000'] },
    }),
  },
  // By id: who may not use them is refused before the record is looked up (their unit is checked in goals.db.test.ts).
  'POST /api/goals/contracts/:id/approval': {
    access: { ...staff(['admin']), allowed: undefined },
    request: () => ({ url: `/api/goals/contracts/${NO_ID}/approval`, payload: {} }),
  },
  'GET /api/goals/contracts/:id/follow-up': {
    access: { ...staff(GOAL_READERS), allowed: undefined },
    request: () => ({ url: `/api/goals/contracts/${NO_ID}/follow-up?at=half` }),
  },
  'GET /api/goals/reports': { access: staff(GOAL_READERS) },
  'POST /api/goals/reports': {
    access: staff(GOAL_READERS, 403),
    request: (w) => ({
      url: '/api/goals/reports',
      payload: { unitId: w.units.teamA1, committee: 'committee', period: '2026-Q1' },
    }),
  },
  'GET /api/goals/reports/:id': {
    access: { ...staff(GOAL_READERS), allowed: undefined },
    request: () => ({ url: `/api/goals/reports/${NO_ID}` }),
  },
  'DELETE /api/goals/reports/:id': {
    access: staff(GOAL_READERS),
    request: () => ({ url: `/api/goals/reports/${NO_ID}` }),
  },
  'GET /api/goals/reports/:id/check': {
    access: { ...staff(GOAL_READERS), allowed: undefined },
    request: () => ({ url: `/api/goals/reports/${NO_ID}/check` }),
  },
  'GET /api/goals/reports/:id/pdf': {
    access: { ...staff(GOAL_READERS), allowed: undefined },
    request: () => ({ url: `/api/goals/reports/${NO_ID}/pdf` }),
  },
  'GET /api/goals/reports/:id/xlsx': {
    access: { ...staff(GOAL_READERS), allowed: undefined },
    request: () => ({ url: `/api/goals/reports/${NO_ID}/xlsx` }),
  },
};

const isPage = (url: string) => !url.startsWith('/api/') && !url.startsWith('/auth/') && !url.startsWith('/app');
const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-route-access-'));
afterAll(() => fs.rmSync(fileDir, { recursive: true, force: true }));

for (const engine of ENGINES) {
  describe(`access to every route [${engine}]`, () => {
    const t = useTestApp(engine, { fileDir });
    const registered = new Set<string>();
    let w: AccessWorld;
    beforeAll(async () => {
      for (const r of t().routes)
        for (const method of [r.method].flat()) if (method !== 'HEAD') registered.add(`${method} ${r.url}`);
      w = await buildAccessWorld(t().app, t().database.db, fileDir);
      sw = await buildSupervisionAccessWorld(t().database.db, w.units, w.caseTypeId);
    });

    test('every route has an access rule, and every rule a route', () => {
      expect([...registered].filter((r) => !(r in RULES)).sort(), 'routes without a rule in RULES').toEqual([]);
      expect(
        Object.keys(RULES)
          .filter((r) => !registered.has(r) && !RULES[r].optional)
          .sort(),
        'rules for no route',
      ).toEqual([]);
    });

    test.each(Object.entries(RULES))('%s', async (key, rule) => {
      if (!registered.has(key)) return; // an optional route this build does not have
      const [method, pattern] = key.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string];
      const req = rule.request?.(w) ?? { url: pattern };
      const send = (who: TestSession) =>
        who.inject({
          method,
          url: req.url,
          payload: req.payload as string,
          headers: { ...(isPage(req.url) ? { accept: 'text/html' } : {}), ...req.headers },
        });
      const db = t().database.db;

      /** Refused with `status`, recorded in the audit log when someone was signed in, and (for a write) nothing changed. */
      async function expectRefused(who: TestSession, status: number | 'sign-in', as: string) {
        const before = method === 'GET' ? undefined : await databaseFingerprint(db);
        const res: LightMyRequestResponse = await send(who);
        const where = `${key} as ${as}`;
        if (status === 'sign-in') {
          expect(res.statusCode, where).toBe(303);
          expect(res.headers.location, where).toMatch(/^\/login\?returnTo=/);
        } else {
          expect(res.statusCode, `${where}: ${res.body.slice(0, 200)}`).toBe(status);
        }
        if (who !== w.anonymous && (status === 403 || status === 404)) {
          const denied = await db
            .selectFrom('audit_log')
            .select('id')
            .where('action', '=', 'denied')
            .where('request_id', '=', String(res.headers['x-request-id']))
            .executeTakeFirst();
          expect(denied, `${where}: the refusal is not in the audit log`).toBeDefined();
        }
        if (before)
          expect(await databaseFingerprint(db), `${where}: a refused write changed the database`).toEqual(before);
      }

      const a = rule.access;
      if (a.anonymous !== 'allowed') await expectRefused(w.anonymous, a.anonymous, 'anonymous');
      if (a.citizen !== undefined) await expectRefused(w.stranger, a.citizen, 'another citizen');
      if (a.staff !== undefined) await expectRefused(w.insider, a.staff, 'staff');
      for (const role of STAFF_ROLES.filter((r) => a.roles && !a.roles.includes(r)))
        await expectRefused(w.withRole[role], 403, role);
      if (a.otherUnit !== undefined) await expectRefused(w.outsider, a.otherUnit, 'staff of another centre');
      if (method === 'GET' && a.allowed) {
        const res = await send(a.allowed === 'owner' ? w.owner : w.insider);
        expect([401, 403, 404], `${key} as ${a.allowed}: ${res.body.slice(0, 200)}`).not.toContain(res.statusCode);
      }
    });
  });
}

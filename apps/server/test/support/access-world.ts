/**
 * A small authority for access tests: team A1 handles a case type and owns one applicant's case (with a document),
 * a draft and a sent application, a workflow model and an analysis of A1's cases. Sessions for everyone who may
 * not reach them, and for those who may (to prove the fixtures are real).
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { STAFF_ROLES, type StaffRole } from '../../src/platform/auth/principal.js';
import { CSRF_COOKIE } from '../../src/platform/auth/auth-plugin.js';
import type { Executor } from '../../src/platform/db/transaction.js';
import {
  loadOwnApplication,
  recordDraftUpload,
  startApplication,
  submitApplication,
} from '../../src/modules/applications/index.js';
import { storeUpload } from '../../src/platform/files/file-store.js';
import { navigatorRepository } from '../../src/modules/navigator/navigator.repository.js';
import { fileComplaint } from '../../src/modules/complaints/index.js';
import { applicantPrincipal, definitionFor } from './case-factories.js';
import { tinyPdf } from './multipart.js';
import { createUnitTree, createUser, sessionFor, type TestSession, type UnitTree } from './test-auth.js';

export interface AccessWorld {
  units: UnitTree;
  caseTypeCode: string;
  caseTypeId: string;
  /** The owner's case in team A1, its reference and the document the owner sent with the application. */
  caseId: string;
  reference: string;
  documentId: string;
  draftId: string;
  draftStep: string;
  sentApplicationId: string;
  modelId: string;
  /** An analysis of team A1's cases. */
  analysisId: string;
  /** The owner's complaint about the procedure on their case; a finding of the citizens' advisor on team A1, and its action. */
  complaintId: string;
  findingId: string;
  findingActionId: string;
  /** A caseworker in team A1 and their grant (for the user administration routes). */
  staffUserId: string;
  grantId: string;
  /** Whose case it is. */
  owner: TestSession;
  /** Another citizen, who owns nothing here. */
  stranger: TestSession;
  /** Signed out (but with a CSRF token, as a browser that has seen a page). */
  anonymous: TestSession;
  /** Every staff role on the whole authority: may do everything. */
  insider: TestSession;
  /** Every staff role, but only in centre B: reaches nothing of team A1. */
  outsider: TestSession;
  /** One staff role on the whole authority, for each role. */
  withRole: Record<StaffRole, TestSession>;
}

async function anonymousSession(app: FastifyInstance): Promise<TestSession> {
  const res = await app.inject({ method: 'GET', url: '/api/auth/csrf' });
  const cookie = `${CSRF_COOKIE}=${res.cookies.find((c) => c.name === CSRF_COOKIE)!.value}`;
  const csrfToken = res.json().token as string;
  return {
    cookie,
    csrfToken,
    inject: (opts: InjectOptions) =>
      app.inject({
        ...opts,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(opts.headers ?? {}) },
      }) as Promise<LightMyRequestResponse>,
  };
}

async function applicantCase(db: Executor, fileDir: string, caseTypeCode: string, userId: string) {
  const me = applicantPrincipal(userId);
  const draft = await startApplication(db, me, caseTypeCode);
  const stored = await storeUpload(fileDir, Readable.from([tinyPdf('passport')]), () => false);
  await recordDraftUpload(db, me, {
    applicationId: draft.id,
    requirementCode: 'passport',
    fileName: 'pas.pdf',
    stored,
  });
  const sent = await submitApplication(db, me, { applicationId: draft.id, idempotencyKey: draft.idempotency_key });
  return { applicationId: draft.id, caseId: sent.caseId, reference: sent.reference };
}

export async function buildAccessWorld(app: FastifyInstance, db: Executor, fileDir: string): Promise<AccessWorld> {
  const units = await createUnitTree(db);
  const session = async (grants: { role: StaffRole; unitId: string }[]) =>
    sessionFor(app, db, (await createUser(db, { grants })).id);
  const insider = await session(STAFF_ROLES.map((role) => ({ role, unitId: units.authority })));
  const definition = definitionFor(units.codes.teamA1, 'family-reunification');
  const published = await insider.inject({ method: 'POST', url: '/api/case-types', payload: definition });
  if (published.statusCode !== 201)
    throw new Error(`publishing the case type gave ${published.statusCode}: ${published.body}`);

  const ownerUser = await createUser(db, { kind: 'applicant' });
  const sent = await applicantCase(db, fileDir, definition.code, ownerUser.id);
  const documentId = (
    await db.selectFrom('case_document').select('id').where('case_id', '=', sent.caseId).executeTakeFirstOrThrow()
  ).id;
  const draft = await startApplication(db, applicantPrincipal(ownerUser.id), definition.code);
  const draftStep = (await loadOwnApplication(db, applicantPrincipal(ownerUser.id), draft.id)).form.steps[0].id;

  const bpmnXml = fs.readFileSync(new URL('../fixtures/navigator/housing-benefit.bpmn', import.meta.url), 'utf8');
  const model = await insider.inject({
    method: 'POST',
    url: '/api/process-models',
    payload: { name: 'Access test', bpmnXml },
  });
  if (model.statusCode !== 201) throw new Error(`creating the model gave ${model.statusCode}: ${model.body}`);
  const analysisId = await navigatorRepository.insertAnalysis(db, {
    name: 'Team A1',
    modelId: model.json().id,
    version: 1,
    createdBy: null,
    populationLabel: 'Team A1',
    population: { kind: 'case-type', caseTypeCode: definition.code, unitIds: [units.teamA1] },
  });

  const staffUser = await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamA1 }] });
  const grantId = (
    await db.selectFrom('role_grant').select('id').where('user_id', '=', staffUser.id).executeTakeFirstOrThrow()
  ).id;
  const withRole = {} as Record<StaffRole, TestSession>;
  for (const role of STAFF_ROLES) withRole[role] = await session([{ role, unitId: units.authority }]);

  const caseTypeId = (
    await db.selectFrom('case_file').select('case_type_id').where('id', '=', sent.caseId).executeTakeFirstOrThrow()
  ).case_type_id;

  const complaintId = await fileComplaint(db, applicantPrincipal(ownerUser.id), {
    reference: sent.reference,
    kind: 'procedure',
    text: 'Det tager for lang tid.',
  });
  const finding = await insider.inject({
    method: 'POST',
    url: '/api/advisor-findings',
    payload: {
      source: 'own_initiative',
      title: 'Notatpligt',
      recommendation: 'Skriv notater.',
      unitIds: [units.teamA1],
      responsibleId: staffUser.id,
      foundOn: '2026-01-15',
      actions: [{ description: 'Undervisning', dueDate: '2026-06-01' }],
    },
  });
  if (finding.statusCode !== 201) throw new Error(`recording the finding gave ${finding.statusCode}: ${finding.body}`);
  const findingId = finding.json().id as string;
  const findingActionId = (
    await db.selectFrom('advisor_action').select('id').where('finding_id', '=', findingId).executeTakeFirstOrThrow()
  ).id;

  return {
    units,
    caseTypeCode: definition.code,
    caseTypeId,
    caseId: sent.caseId,
    reference: sent.reference,
    documentId,
    draftId: draft.id,
    draftStep,
    sentApplicationId: sent.applicationId,
    modelId: model.json().id,
    analysisId,
    staffUserId: staffUser.id,
    grantId,
    complaintId,
    findingId,
    findingActionId,
    owner: await sessionFor(app, db, ownerUser.id),
    stranger: await sessionFor(app, db, (await createUser(db, { kind: 'applicant' })).id),
    anonymous: await anonymousSession(app),
    insider,
    outsider: await session(STAFF_ROLES.map((role) => ({ role, unitId: units.centreB }))),
    withRole,
  };
}

/**
 * A fingerprint of everything a refused request must leave alone: every table but the audit log and its chain's head
 * (refusals are recorded there), the sessions (every request touches its own) and the attempt counts (a refused look-up of a case by
 * reference counts, as a refused sign-in does). One query, one hash per table.
 */
export async function databaseFingerprint(db: Executor): Promise<Record<string, string | null>> {
  const { rows } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('audit_log', 'audit_chain_head', 'user_session', 'sign_in_throttle')
    ORDER BY table_name`.execute(db);
  const hashes = rows.map(
    ({ name }) =>
      sql`(SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM ${sql.table(name)} t) AS ${sql.ref(name)}`,
  );
  const {
    rows: [fingerprint],
  } = await sql<Record<string, string | null>>`SELECT ${sql.join(hashes)}`.execute(db);
  return fingerprint;
}

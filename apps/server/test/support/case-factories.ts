import { sql } from 'kysely';
import type { TCaseTypeDefinition } from '@sagsgang/contracts';
import type { Executor } from '../../src/platform/db/transaction.js';
import { expandScope, type Principal } from '../../src/platform/auth/principal.js';
import { publishCaseType } from '../../src/modules/case-types/index.js';
import { demoCaseTypes } from '../../src/modules/demo/case-types/demo-case-types.js';
import { saveAnswers, startApplication, submitApplication } from '../../src/modules/applications/index.js';

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

/** A unit with a fresh code (optionally below a parent); returns its id and code. */
export async function makeUnit(
  db: Executor,
  parentId: string | null = null,
  kind: 'authority' | 'centre' | 'team' = 'team',
) {
  const code = unique('unit');
  const r = await sql<{ id: string }>`
    INSERT INTO unit (parent_id, kind, code, name_da, name_en) VALUES (${parentId}, ${kind}, ${code}, ${code}, ${code}) RETURNING id`.execute(
    db,
  );
  return { id: r.rows[0].id, code };
}

export async function makeStaffUser(db: Executor, name = 'Test Caseworker') {
  const username = unique('user');
  const r = await sql<{ id: string }>`
    INSERT INTO app_user (kind, username, display_name) VALUES ('staff', ${username}, ${name}) RETURNING id`.execute(
    db,
  );
  return r.rows[0].id;
}

export async function makeApplicantUser(db: Executor, name = 'Test Applicant') {
  const r = await sql<{
    id: string;
  }>`INSERT INTO app_user (kind, display_name) VALUES ('applicant', ${name}) RETURNING id`.execute(db);
  return r.rows[0].id;
}

/** One of the demo definitions, renamed to a fresh code and handled by `unitCode`. */
export function definitionFor(
  unitCode: string,
  base: 'family-reunification' | 'job-card' | 'cash-benefit' | 'building-permit' = 'family-reunification',
): TCaseTypeDefinition {
  const d = demoCaseTypes().find((x) => x.code === base)!;
  return {
    ...structuredClone(d),
    code: unique(base)
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 48),
    unitCode,
  };
}

export async function makeCaseType(db: Executor, unitCode: string, base?: Parameters<typeof definitionFor>[1]) {
  const definition = definitionFor(unitCode, base);
  const r = await publishCaseType(db, definition, null);
  return { ...r, definition };
}

/** A principal as the auth layer would load it, for service-level tests. */
export async function principalFor(
  db: Executor,
  userId: string,
  grants: { role: 'caseworker' | 'teamlead' | 'frontline' | 'admin' | 'quality'; unitId: string }[],
): Promise<Principal> {
  const units = await sql<{
    id: string;
    parentId: string | null;
  }>`SELECT id, parent_id AS "parentId" FROM unit`.execute(db);
  return { userId, kind: 'staff', displayName: 'Staff', locale: 'da', grants, scope: expandScope(grants, units.rows) };
}

export function applicantPrincipal(userId: string): Principal {
  return {
    userId,
    kind: 'applicant',
    displayName: 'Applicant',
    locale: 'da',
    grants: [{ role: 'applicant', unitId: null }],
    scope: {},
  };
}

export async function grantRole(db: Executor, userId: string, role: string, unitId: string): Promise<void> {
  await sql`INSERT INTO role_grant (user_id, role, unit_id) VALUES (${userId}, ${role}, ${unitId})`.execute(db);
}

/**
 * An applicant's family-reunification application (a type made from the demo's, `makeCaseType(db, unit,
 * 'family-reunification')`), answered and sent: the case it opened.
 */
export async function submitFamilyReunification(db: Executor, applicant: Principal, caseTypeCode: string) {
  const draft = await startApplication(db, applicant, caseTypeCode);
  await saveAnswers(db, applicant, {
    applicationId: draft.id,
    stepId: 'q1',
    today: '2026-03-02',
    answers: { 'marriage-date': '2019-06-14', housing: '72 m2', 'applies:children': 'no' },
  });
  return submitApplication(db, applicant, { applicationId: draft.id, idempotencyKey: draft.idempotency_key });
}

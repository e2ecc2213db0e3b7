import type { Role } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/transaction.js';
import { orgRepository as repo } from './org.repository.js';

type UnitKind = 'authority' | 'centre' | 'team';

/** A unit to add, under a parent named by its code: a unit earlier in the same import. */
export interface ImportedUnit {
  code: string;
  parentCode: string | null;
  kind: UnitKind;
  nameDa: string;
  nameEn: string;
}

/** A person to add with one role: staff on a unit named by its code, an applicant on none. */
export interface ImportedAccount {
  kind: 'staff' | 'applicant';
  username: string;
  displayName: string;
  email: string | null;
  passwordHash: string | null;
  organisation?: { name: string; cvr: string };
  role: Role;
  unitCode: string | null;
}

/**
 * Adds an organisation in bulk, in list order (the demo authority, or an import from another system): no access
 * check and no audit entry, the caller acts as the system within its own transaction. Returns the new ids by unit
 * code and by user name.
 */
export async function importOrganisation(
  db: Executor,
  input: { units: readonly ImportedUnit[]; accounts: readonly ImportedAccount[] },
): Promise<{ units: Record<string, string>; users: Record<string, string> }> {
  const units: Record<string, string> = {};
  const users: Record<string, string> = {};
  const unitId = (code: string) => {
    if (!units[code]) throw new Error(`unit ${code} is not part of this import (or comes after its use)`);
    return units[code];
  };
  for (const u of input.units) {
    const parent = u.parentCode ? unitId(u.parentCode) : null;
    units[u.code] = await repo.insertUnit(db, {
      code: u.code,
      parent_id: parent,
      kind: u.kind,
      name_da: u.nameDa,
      name_en: u.nameEn,
    });
  }
  for (const a of input.accounts) {
    users[a.username] = await repo.insertAccount(db, {
      kind: a.kind,
      username: a.username,
      displayName: a.displayName,
      email: a.email,
      passwordHash: a.passwordHash,
      organisationName: a.organisation?.name ?? null,
      organisationCvr: a.organisation?.cvr ?? null,
      grant: { role: a.role, unitId: a.unitCode === null ? null : unitId(a.unitCode) },
    });
  }
  return { units, users };
}

/** Adds each unit whose code is not taken yet, under `parentId`; units that exist are left as they are. */
export async function addMissingUnits(
  db: Executor,
  parentId: string,
  units: readonly Omit<ImportedUnit, 'parentCode'>[],
): Promise<void> {
  for (const u of units) {
    await repo.insertUnitIfAbsent(db, {
      parent_id: parentId,
      kind: u.kind,
      code: u.code,
      name_da: u.nameDa,
      name_en: u.nameEn,
    });
  }
}

export function unitIdByCode(db: Executor, code: string): Promise<string | undefined> {
  return repo.unitIdByCode(db, code);
}

/** The first authority unit that was made, if any. */
export function firstAuthorityId(db: Executor): Promise<string | undefined> {
  return repo.firstAuthorityId(db);
}

/** The people who hold the caseworker role on the unit itself. */
export function caseworkersOf(db: Executor, unitId: string): Promise<string[]> {
  return repo.caseworkerIds(db, unitId);
}

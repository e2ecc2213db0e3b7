import { AUDIT_PURPOSES } from '@sagsgang/contracts';
import type { Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { orgRepository as repo } from './org.repository.js';

export interface AdministratorInput {
  username: string;
  displayName: string;
  email: string | null;
  /** The authority's root unit, made when the database has no unit yet. */
  authority: { code: string; nameDa: string; nameEn: string };
}

/**
 * The way into a new installation (and back in when every administrator is locked out): an administrator of the
 * whole authority, without a password, who chooses one through a one-time link. An existing user name is accepted
 * only when it already administers a root unit, so the command cannot turn anyone else into an administrator.
 * Runs as the system within the caller's transaction, audited.
 */
export async function ensureAdministrator(
  db: Executor,
  input: AdministratorInput,
): Promise<{ userId: string; unitId: string; createdUnit: boolean; createdUser: boolean }> {
  let roots = await repo.rootUnitIds(db);
  const createdUnit = roots.length === 0;
  if (createdUnit) {
    const unitId = await repo.insertUnit(db, {
      parent_id: null,
      kind: 'authority',
      code: input.authority.code,
      name_da: input.authority.nameDa,
      name_en: input.authority.nameEn,
    });
    await recordAudit(db, {
      actorUserId: null,
      action: 'create',
      entityType: 'unit',
      entityId: unitId,
      purpose: AUDIT_PURPOSES.organisationAdministration,
      details: { via: 'the admin:create command' },
    });
    roots = [unitId];
  }
  const existing = await repo.findUserByUsername(db, input.username, roots);
  if (existing) {
    if (existing.kind !== 'staff' || !existing.active || !existing.admin) {
      throw new AppError(
        'conflict',
        `The user name "${input.username}" is taken by someone who is not an active administrator of the whole authority.`,
      );
    }
    return { userId: existing.id, unitId: roots[0], createdUnit, createdUser: false };
  }
  const userId = await repo.insertAccount(db, {
    kind: 'staff',
    username: input.username,
    displayName: input.displayName,
    email: input.email,
    passwordHash: null,
    organisationName: null,
    organisationCvr: null,
    grant: { role: 'admin', unitId: roots[0] },
  });
  await recordAudit(db, {
    actorUserId: null,
    action: 'create',
    subjectUserId: userId,
    entityType: 'user',
    entityId: userId,
    purpose: AUDIT_PURPOSES.userAdministration,
    details: { via: 'the admin:create command', role: 'admin' },
  });
  return { userId, unitId: roots[0], createdUnit, createdUser: true };
}

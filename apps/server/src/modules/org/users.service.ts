import {
  AUDIT_PURPOSES,
  type TCreateUserRequest,
  type TGrantRequest,
  type TUpdateUserRequest,
  type TUserListQuery,
  type TUserView,
} from '@sagsgang/contracts';
import type { Executor } from '../../platform/db/transaction.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/auth/principal.js';
import { hashPassword } from '../../platform/auth/password.js';
import { deleteUserSessions } from '../../platform/auth/session-store.js';
import { CASE_LOOKUP_ATTEMPTS, liftAccountLocks } from '../../platform/auth/sign-in-throttle.js';
import { recordAudit, type AuditEntry } from '../../platform/audit/record-audit.js';
import { assertPasswordAcceptable } from '../auth/index.js';
import { orgRepository as repo } from './org.repository.js';
import { adminReach, assertAdministersWholly, assertAdminOn, assertReachesUser } from './admin-reach.js';

type RequestMeta = Pick<AuditEntry, 'requestId' | 'ip'>;
const PURPOSE = AUDIT_PURPOSES.userAdministration;

/**
 * People the admin administers, matching a search: staff with a role in their units (optionally only on `unitId`),
 * and for an authority-wide admin also citizens and businesses. Sorted by name, at most `limit`.
 */
export async function listUsers(
  db: Executor,
  principal: Principal,
  query: Partial<TUserListQuery> = {},
  meta: RequestMeta = {},
): Promise<TUserView[]> {
  const found = await findUsers(db, principal, query);
  // A list of persons is a read of their data: one entry per search (not per person), with how many it showed.
  await recordAudit(db, {
    ...meta,
    actorUserId: principal.userId,
    action: 'read',
    entityType: 'user',
    purpose: PURPOSE,
    details: { list: true, persons: found.length, filter: { ...query, q: query.q ? 'given' : undefined } },
  });
  return found;
}

async function findUsers(db: Executor, principal: Principal, query: Partial<TUserListQuery>): Promise<TUserView[]> {
  const reach = await adminReach(db, principal);
  const kind = query.kind ?? 'staff';
  const search = { q: query.q || undefined, limit: query.limit ?? 200 };
  if (query.unitId) {
    assertAdminOn(principal, query.unitId);
    return repo.findStaffUsers(db, { ...search, unitIds: [query.unitId], kinds: ['staff'] });
  }
  if (!reach.authorityWide) {
    // Applicants belong to no unit, so they are outside the reach of a centre's or team's admin.
    return kind === 'applicant'
      ? []
      : repo.findStaffUsers(db, { ...search, unitIds: [...reach.unitIds], kinds: ['staff'] });
  }
  return repo.findStaffUsers(db, { ...search, kinds: kind === 'all' ? ['staff', 'applicant'] : [kind] });
}

export async function getUser(
  db: Executor,
  principal: Principal,
  userId: string,
  meta: RequestMeta,
): Promise<TUserView> {
  await assertReachesUser(db, principal, userId);
  const [user] = await repo.findStaffUsers(db, { userId });
  await recordAudit(db, {
    ...meta,
    actorUserId: principal.userId,
    action: 'read',
    subjectUserId: userId,
    entityType: 'user',
    entityId: userId,
    purpose: PURPOSE,
  });
  return user;
}

export async function createUser(
  db: Executor,
  principal: Principal,
  input: TCreateUserRequest,
  meta: RequestMeta,
): Promise<string> {
  for (const g of input.grants) assertAdminOn(principal, g.unitId);
  if (input.password) assertPasswordAcceptable(input.password, input.username);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return inTransaction(db, async (trx) => {
    const id = await repo
      .insertStaffUser(trx, {
        username: input.username,
        displayName: input.displayName,
        email: input.email ?? null,
        locale: input.locale ?? 'da',
        passwordHash,
      })
      .catch((err: { code?: string }) => {
        if (err.code === '23505')
          throw new AppError('conflict', 'username: that user name is taken', [
            { path: '/username', message: 'is taken' },
          ]);
        throw err;
      });
    for (const g of input.grants) await repo.insertGrant(trx, id, g.role, g.unitId);
    await recordAudit(trx, {
      ...meta,
      actorUserId: principal.userId,
      action: 'create',
      subjectUserId: id,
      entityType: 'user',
      entityId: id,
      purpose: PURPOSE,
      details: { grants: input.grants },
    });
    return id;
  });
}

export async function updateUser(
  db: Executor,
  principal: Principal,
  userId: string,
  input: TUpdateUserRequest,
  meta: RequestMeta,
): Promise<void> {
  if (input.password !== undefined || input.active !== undefined) await assertAdministersWholly(db, principal, userId);
  else await assertReachesUser(db, principal, userId);
  if (input.active === false && userId === principal.userId)
    throw new AppError('invalid_state', 'You cannot deactivate yourself.', { reason: 'deactivate_self' });
  // One's own password is changed with the current one (POST /api/auth/me/password), never by administering oneself.
  if (input.password !== undefined && userId === principal.userId)
    throw new AppError('invalid_state', 'Change your own password with your current password.', {
      reason: 'own_password_needs_current',
    });
  if (input.password) assertPasswordAcceptable(input.password, await repo.usernameOf(db, userId));
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  await inTransaction(db, async (trx) => {
    await repo.updateUser(trx, userId, {
      display_name: input.displayName,
      email: input.email,
      locale: input.locale,
      active: input.active,
      password_hash: passwordHash,
    });
    // A deactivated user or a new password ends every open session of that user.
    if (input.active === false || passwordHash) await deleteUserSessions(trx, userId);
    await recordAudit(trx, {
      ...meta,
      actorUserId: principal.userId,
      action: 'update',
      subjectUserId: userId,
      entityType: 'user',
      entityId: userId,
      purpose: PURPOSE,
      details: { fields: Object.keys(input) }, // names only: never the new password
    });
  });
}

/** Gives a staff user a role on a unit the admin administers (also to borrow someone from another centre). */
export async function grantRole(
  db: Executor,
  principal: Principal,
  userId: string,
  input: TGrantRequest,
  meta: RequestMeta,
): Promise<string> {
  assertAdminOn(principal, input.unitId);
  const user = await repo.userGrantUnits(db, userId);
  if (!user) throw new AppError('not_found', 'No such user.');
  if (user.kind !== 'staff')
    throw new AppError('invalid_state', 'Only staff can hold unit roles.', { reason: 'staff_only_roles' });
  return inTransaction(db, async (trx) => {
    const id = await repo.insertGrant(trx, userId, input.role, input.unitId);
    await recordAudit(trx, {
      ...meta,
      actorUserId: principal.userId,
      action: 'create',
      subjectUserId: userId,
      entityType: 'role_grant',
      entityId: id,
      purpose: PURPOSE,
      details: input,
    });
    return id;
  });
}

export async function revokeRole(
  db: Executor,
  principal: Principal,
  userId: string,
  grantId: string,
  meta: RequestMeta,
): Promise<void> {
  const grant = await repo.findGrant(db, grantId);
  if (!grant || grant.user_id !== userId || !grant.unit_id) throw new AppError('not_found', 'No such role grant.');
  assertAdminOn(principal, grant.unit_id);
  if (userId === principal.userId && grant.role === 'admin')
    throw new AppError('invalid_state', 'You cannot remove your own admin role.', { reason: 'remove_own_admin' });
  await inTransaction(db, async (trx) => {
    await repo.deleteGrant(trx, grantId);
    await recordAudit(trx, {
      ...meta,
      actorUserId: principal.userId,
      action: 'delete',
      subjectUserId: userId,
      entityType: 'role_grant',
      entityId: grantId,
      purpose: PURPOSE,
      details: { role: grant.role, unitId: grant.unit_id },
    });
  });
}

/**
 * Lifts a user's sign-in lock-out (password and second factor, and a citizen's look-ups of cases by reference), for an administrator of every unit the person holds
 * a role on; audited with whether anything was locked.
 */
export async function liftSignInLock(
  db: Executor,
  principal: Principal,
  userId: string,
  meta: RequestMeta,
): Promise<{ wasLocked: boolean }> {
  await assertAdministersWholly(db, principal, userId);
  const username = await repo.usernameOf(db, userId);
  return inTransaction(db, async (trx) => {
    // The second factor is counted under its own name (see the auth module), and a citizen's look-ups of cases by
    // reference under the person's id (see the portal module), each locked out the same way.
    const lifted = await liftAccountLocks(trx, [
      ...(username ? [{ username }] : []),
      { username: `second-factor:${userId}` },
      { username: userId, namespace: CASE_LOOKUP_ATTEMPTS },
    ]);
    await recordAudit(trx, {
      ...meta,
      actorUserId: principal.userId,
      action: 'update',
      subjectUserId: userId,
      entityType: 'sign_in_throttle',
      entityId: userId,
      purpose: AUDIT_PURPOSES.signInLockLifted,
      details: { wasLocked: lifted > 0 },
    });
    return { wasLocked: lifted > 0 };
  });
}

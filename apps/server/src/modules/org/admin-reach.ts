import type { Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/auth/principal.js';
import { orgRepository as repo } from './org.repository.js';

/**
 * Whom an administrator administers. An admin grant on a unit covers the units below it and the staff who hold a
 * role anywhere in them. Applicants belong to no unit, so only an authority-wide admin (admin on a root unit)
 * reaches them — for example to answer a citizen's access request.
 */
export interface AdminReach {
  unitIds: ReadonlySet<string>;
  authorityWide: boolean;
}

export async function adminReach(executor: Executor, principal: Principal): Promise<AdminReach> {
  const unitIds = principal.scope.admin ?? new Set<string>();
  const roots = await repo.rootUnitIds(executor);
  return { unitIds, authorityWide: roots.some((id) => unitIds.has(id)) };
}

export async function reachesUser(executor: Executor, reach: AdminReach, userId: string): Promise<boolean> {
  const user = await repo.userGrantUnits(executor, userId);
  if (!user) return false;
  if (reach.authorityWide) return true;
  return user.unitIds.some((id) => reach.unitIds.has(id));
}

/** Throws `forbidden` (recorded in the audit log as denied) unless the admin reaches the user. */
export async function assertReachesUser(executor: Executor, principal: Principal, userId: string): Promise<AdminReach> {
  const reach = await adminReach(executor, principal);
  if (!(await repo.userGrantUnits(executor, userId))) throw new AppError('not_found', 'No such user.');
  if (!(await reachesUser(executor, reach, userId))) {
    throw new AppError('forbidden', 'That user is outside the units you administer.', {
      reason: 'user_outside_reach',
      subjectUserId: userId,
    });
  }
  return reach;
}

/**
 * Throws `forbidden` unless the admin administers every unit the user holds a role on (an authority-wide admin
 * administers everyone; anyone may change their own account). Setting a password or deactivating needs it: reach
 * alone would let the admin of one centre take over, or lock out, someone who also administers more than they do.
 */
export async function assertAdministersWholly(executor: Executor, principal: Principal, userId: string): Promise<void> {
  const reach = await assertReachesUser(executor, principal, userId);
  if (reach.authorityWide || userId === principal.userId) return;
  const user = await repo.userGrantUnits(executor, userId);
  if (user?.unitIds.some((id) => !reach.unitIds.has(id))) {
    throw new AppError(
      'forbidden',
      'That person also holds roles outside the units you administer; an administrator of all their units must do this.',
      {
        reason: 'roles_outside_reach',
        subjectUserId: userId,
      },
    );
  }
}

export function assertAdminOn(principal: Principal, unitId: string): void {
  if (!principal.scope.admin?.has(unitId)) {
    throw new AppError('forbidden', 'You do not administer that unit.', { reason: 'unit_not_administered', unitId });
  }
}

import type { Executor } from '../db/transaction.js';
import { expandScope, type Principal, type Role } from './principal.js';

/** Builds the Principal for an active user: grants from role_grant, scope expanded over the unit tree. */
export async function loadPrincipal(executor: Executor, userId: string): Promise<Principal | undefined> {
  const user = await executor
    .selectFrom('app_user')
    .select(['id', 'kind', 'display_name', 'locale'])
    .where('id', '=', userId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!user) return undefined;
  const grants = await executor
    .selectFrom('role_grant')
    .select(['role', 'unit_id'])
    .where('user_id', '=', userId)
    .execute();
  return principalOf(executor, user, grants);
}

/** The Principal of a user row and its grants (read by the caller, e.g. with the session in one query). */
export async function principalOf(
  executor: Executor,
  user: { id: string; kind: Principal['kind']; display_name: string; locale: Principal['locale'] },
  grants: { role: string; unit_id: string | null }[],
  /** The unit tree when the caller read it already (the session query does, for staff). */
  unitTree?: { id: string; parentId: string | null }[],
): Promise<Principal> {
  const mapped = grants.map((g) => ({ role: g.role as Role, unitId: g.unit_id }));
  // The unit tree is small (hundreds of rows at most); loading it whole keeps scope expansion one pure function.
  const units = !mapped.some((g) => g.unitId)
    ? []
    : (unitTree ??
      (await executor.selectFrom('unit').select(['id', 'parent_id']).execute()).map((u) => ({
        id: u.id,
        parentId: u.parent_id,
      })));
  return {
    userId: user.id,
    kind: user.kind,
    displayName: user.display_name,
    locale: user.locale,
    grants: mapped,
    scope: expandScope(mapped, units),
  };
}

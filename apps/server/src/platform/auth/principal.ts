import { AppError } from '../errors.js';

export const STAFF_ROLES = ['frontline', 'caseworker', 'teamlead', 'quality', 'analyst', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = StaffRole | 'applicant';

export interface RoleGrant {
  role: Role;
  /** The unit the role was granted on; null for the applicant role. */
  unitId: string | null;
}

/** The signed-in person as every capability sees them. */
export interface Principal {
  userId: string;
  kind: 'staff' | 'applicant';
  displayName: string;
  locale: 'da' | 'en' | 'sv';
  grants: RoleGrant[];
  /** Per role, every unit the role covers: the granted units and all units below them. */
  scope: Partial<Record<StaffRole, ReadonlySet<string>>>;
}

export interface UnitNode {
  id: string;
  parentId: string | null;
}

/** Expands each staff grant to its unit and every descendant, so checks are a set lookup. */
export function expandScope(grants: RoleGrant[], units: UnitNode[]): Principal['scope'] {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (!u.parentId) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u.id);
    children.set(u.parentId, list);
  }
  const scope: Partial<Record<StaffRole, Set<string>>> = {};
  for (const g of grants) {
    if (g.role === 'applicant' || !g.unitId) continue;
    const set = (scope[g.role] ??= new Set());
    const stack = [g.unitId];
    while (stack.length) {
      const id = stack.pop()!;
      if (set.has(id)) continue;
      set.add(id);
      stack.push(...(children.get(id) ?? []));
    }
  }
  return scope;
}

/** True when the principal holds any of `roles` on `unitId` (directly or through a parent unit). */
export function hasRole(principal: Principal, roles: readonly StaffRole[], unitId: string): boolean {
  return roles.some((r) => principal.scope[r]?.has(unitId) ?? false);
}

/** Every unit where the principal holds any of `roles`. */
export function unitsWithRole(principal: Principal, roles: readonly StaffRole[]): string[] {
  const all = new Set<string>();
  for (const r of roles) for (const id of principal.scope[r] ?? []) all.add(id);
  return [...all];
}

export function holdsAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return principal.grants.some((g) => roles.includes(g.role));
}

/** Throws `forbidden` unless the principal holds one of `roles` on the unit. The caller audits the denial. */
export function assertRole(principal: Principal, roles: readonly StaffRole[], unitId: string): void {
  if (!hasRole(principal, roles, unitId)) {
    throw new AppError('forbidden', 'You do not have access to this unit.', { roles, unitId });
  }
}

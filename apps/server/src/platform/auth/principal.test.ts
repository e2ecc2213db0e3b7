import { describe, expect, test } from 'vitest';
import { expandScope, hasRole, unitsWithRole, type Principal } from './principal.js';

const units = [
  { id: 'authority', parentId: null },
  { id: 'centre-a', parentId: 'authority' },
  { id: 'team-a1', parentId: 'centre-a' },
  { id: 'centre-b', parentId: 'authority' },
  { id: 'team-b1', parentId: 'centre-b' },
];

function principal(grants: Principal['grants']): Principal {
  return { userId: 'u', kind: 'staff', displayName: 'U', locale: 'da', grants, scope: expandScope(grants, units) };
}

describe('unit-scoped roles', () => {
  test('a role on a centre covers its teams but not a sibling centre', () => {
    const p = principal([{ role: 'caseworker', unitId: 'centre-a' }]);
    expect(hasRole(p, ['caseworker'], 'team-a1')).toBe(true);
    expect(hasRole(p, ['caseworker'], 'centre-a')).toBe(true);
    expect(hasRole(p, ['caseworker'], 'team-b1')).toBe(false);
    expect(hasRole(p, ['caseworker'], 'authority')).toBe(false);
    expect(hasRole(p, ['teamlead'], 'team-a1')).toBe(false);
  });

  test('a role on the authority covers everything', () => {
    const p = principal([{ role: 'admin', unitId: 'authority' }]);
    expect(unitsWithRole(p, ['admin']).sort()).toEqual(units.map((u) => u.id).sort());
  });

  test('applicants have no unit scope', () => {
    const p = principal([{ role: 'applicant', unitId: null }]);
    expect(unitsWithRole(p, ['caseworker', 'admin'])).toEqual([]);
  });
});

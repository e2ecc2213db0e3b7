import { describe, expect, test } from 'vitest';
import type { MeUnit } from '../api/auth-api.js';
import { unitsInTreeOrder } from './unit-switcher.js';

const unit = (id: string, parentId: string | null, nameDa: string): MeUnit => ({
  id,
  parentId,
  nameDa,
  nameEn: nameDa,
  kind: parentId ? 'team' : 'authority',
  code: id,
  roles: ['caseworker'],
});

describe('units in tree order', () => {
  test('lists each unit under its parent, siblings in Danish order (Aa is Å, after Ø)', () => {
    const units = [
      unit('t2', 'c1', 'Øst'),
      unit('c1', 'a', 'Center'),
      unit('a', null, 'Kommune'),
      unit('t1', 'c1', 'Aarhus-teamet'),
    ];
    expect(unitsInTreeOrder(units).map((u) => `${u.depth}:${u.unit.id}`)).toEqual(['0:a', '1:c1', '2:t2', '2:t1']);
  });

  test('a unit whose parent is out of scope starts its own tree', () => {
    const units = [unit('t1', 'hidden', 'Team'), unit('c2', null, 'Center')];
    expect(unitsInTreeOrder(units).map((u) => u.depth)).toEqual([0, 0]);
  });
});

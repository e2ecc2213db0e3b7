import { describe, expect, test } from 'vitest';
import type { TUnitNode } from '@sagsgang/contracts';
import { flattenUnits, grantableUnits } from './unit-choices.js';

const node = (id: string, nameDa: string, children: TUnitNode[] = []): TUnitNode => ({
  id,
  parentId: null,
  kind: 'team',
  code: id,
  nameDa,
  nameEn: `${nameDa} (en)`,
  children,
});

describe('unit choices', () => {
  const tree = [node('k', 'Kommune', [node('c2', 'Øst', [node('t1', 'Team Å')]), node('c1', 'Borgerservice')])];

  test('lists the tree depth first, siblings in Danish order', () => {
    expect(flattenUnits(tree).map((u) => `${u.depth}:${u.id}`)).toEqual(['0:k', '1:c1', '1:c2', '2:t1']);
  });

  test('offers only the units the admin administers', () => {
    expect(grantableUnits(flattenUnits(tree), new Set(['c2', 't1'])).map((u) => u.id)).toEqual(['c2', 't1']);
  });
});

import type { TUnitNode } from '@sagsgang/contracts';

export interface UnitChoice {
  id: string;
  nameDa: string;
  nameEn: string;
  depth: number;
}

/** The unit tree as a list in tree order (siblings in Danish order), each unit with its depth. */
export function flattenUnits(roots: readonly TUnitNode[]): UnitChoice[] {
  const out: UnitChoice[] = [];
  const walk = (nodes: readonly TUnitNode[], depth: number) => {
    for (const n of [...nodes].sort((a, b) => a.nameDa.localeCompare(b.nameDa, 'da'))) {
      out.push({ id: n.id, nameDa: n.nameDa, nameEn: n.nameEn, depth });
      walk(n.children, depth + 1);
    }
  };
  walk(roots, 0);
  return out;
}

/** Units a role can be given on: those the admin administers, indented as in the tree. */
export function grantableUnits(all: readonly UnitChoice[], administered: ReadonlySet<string>): UnitChoice[] {
  return all.filter((u) => administered.has(u.id));
}

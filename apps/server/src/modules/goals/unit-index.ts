import type { TUnitNode } from '@sagsgang/contracts';
import type { Executor } from '../../platform/db/transaction.js';
import { unitTree } from '../org/index.js';

export interface UnitInfo {
  id: string;
  parentId: string | null;
  kind: 'authority' | 'centre' | 'team';
  name: string;
  children: string[];
}

/** The unit tree as a lookup: names, kinds, and every unit below a unit (the units a figure for it counts). */
export class UnitIndex {
  private constructor(private readonly units: Map<string, UnitInfo>) {}

  static async load(db: Executor): Promise<UnitIndex> {
    const units = new Map<string, UnitInfo>();
    const walk = (n: TUnitNode) => {
      units.set(n.id, {
        id: n.id,
        parentId: n.parentId,
        kind: n.kind,
        name: n.nameDa,
        children: n.children.map((c) => c.id),
      });
      n.children.forEach(walk);
    };
    (await unitTree(db)).forEach(walk);
    return new UnitIndex(units);
  }

  get(id: string): UnitInfo | undefined {
    return this.units.get(id);
  }

  /** The unit and every unit below it. */
  subtree(id: string): string[] {
    const out: string[] = [];
    const stack = [id];
    while (stack.length) {
      const u = this.units.get(stack.pop()!);
      if (!u) continue;
      out.push(u.id);
      stack.push(...u.children);
    }
    return out;
  }
}

import type { AttributeColumn } from './attributes.js';

/** A trace variant: one distinct activity sequence and how many cases follow it. */
export interface Variant {
  index: number;
  activities: Int32Array;
  count: number;
  /** Indexes of the cases following this variant. */
  cases: number[];
}

/** The parts a columnar log is built from. */
export interface EventLogColumns {
  activityNames: string[];
  resourceNames: string[];
  lifecycleNames: string[];
  caseIds: string[];
  caseOffsets: Uint32Array;
  activities: Int32Array;
  resources: Int32Array;
  lifecycles: Int32Array;
  timestamps: Float64Array;
  eventAttributes: Map<string, AttributeColumn>;
  caseAttributes: Map<string, AttributeColumn>;
}

/**
 * A columnar event log: activities, resources and lifecycle transitions are interned integers,
 * timestamps epoch milliseconds (NaN when absent), the events of case c are rows
 * caseOffsets[c] .. caseOffsets[c+1]-1.
 */
export class EventLog implements EventLogColumns {
  readonly activityNames: string[];
  readonly resourceNames: string[];
  readonly lifecycleNames: string[];
  readonly caseIds: string[];
  readonly caseOffsets: Uint32Array;
  readonly activities: Int32Array;
  readonly resources: Int32Array;
  readonly lifecycles: Int32Array;
  readonly timestamps: Float64Array;
  readonly eventAttributes: Map<string, AttributeColumn>;
  readonly caseAttributes: Map<string, AttributeColumn>;
  private variantCache?: { variants: Variant[]; caseVariant: Int32Array };

  constructor(c: EventLogColumns) {
    this.activityNames = c.activityNames;
    this.resourceNames = c.resourceNames;
    this.lifecycleNames = c.lifecycleNames;
    this.caseIds = c.caseIds;
    this.caseOffsets = c.caseOffsets;
    this.activities = c.activities;
    this.resources = c.resources;
    this.lifecycles = c.lifecycles;
    this.timestamps = c.timestamps;
    this.eventAttributes = c.eventAttributes;
    this.caseAttributes = c.caseAttributes;
  }

  get caseCount(): number {
    return this.caseIds.length;
  }

  get eventCount(): number {
    return this.activities.length;
  }

  /** The activity ids of case c (a view, not a copy). */
  trace(c: number): Int32Array {
    return this.activities.subarray(this.caseOffsets[c], this.caseOffsets[c + 1]);
  }

  /** The activity names of case c. */
  traceNames(c: number): string[] {
    return Array.from(this.trace(c), (a) => this.activityNames[a]);
  }

  /** Distinct activity sequences, most frequent first; computed once and cached. */
  variants(): Variant[] {
    return this.computeVariants().variants;
  }

  /** For each case, the index of its variant in variants(). */
  caseVariants(): Int32Array {
    return this.computeVariants().caseVariant;
  }

  private computeVariants(): { variants: Variant[]; caseVariant: Int32Array } {
    if (this.variantCache) return this.variantCache;
    const byKey = new Map<string, Variant>();
    const found: Variant[] = [];
    const firstOf: Variant[] = new Array(this.caseCount);
    for (let c = 0; c < this.caseCount; c++) {
      const t = this.trace(c);
      const key = traceKey(t);
      let v = byKey.get(key);
      if (!v) {
        v = { index: found.length, activities: t.slice(), count: 0, cases: [] };
        byKey.set(key, v);
        found.push(v);
      }
      v.count++;
      v.cases.push(c);
      firstOf[c] = v;
    }
    const variants = found.sort((a, b) => b.count - a.count || a.index - b.index);
    variants.forEach((v, i) => (v.index = i));
    const caseVariant = new Int32Array(this.caseCount);
    for (let c = 0; c < this.caseCount; c++) caseVariant[c] = firstOf[c].index;
    this.variantCache = { variants, caseVariant };
    return this.variantCache;
  }
}

/** A compact string key of an id sequence (two UTF-16 units per id, so any id fits). */
export function traceKey(t: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < t.length; i++) s += String.fromCharCode(t[i] & 0xffff, t[i] >>> 16);
  return s;
}

import { own } from './growable-array.js';
/** The XES attribute types the columnar log keeps. */
export type AttributeType = 'string' | 'int' | 'float' | 'date' | 'boolean' | 'id';

/** One stored value: dates are epoch milliseconds, ints and floats numbers. */
export type AttributeValue = string | number | boolean;

/** A sparse column of one attribute key; `values[i]` belongs to row i (event or case). */
export interface AttributeColumn {
  type: AttributeType;
  values: (AttributeValue | undefined)[];
}

const MAX_INTERNED = 50_000;

/**
 * Collects attribute columns row by row. Repeated string values share one string
 * (XES logs repeat the same few values millions of times), until a column proves too diverse.
 */
export class AttributeTable {
  readonly columns = new Map<string, AttributeColumn>();
  private readonly pools = new Map<string, Map<string, string> | null>();

  /** Stores a value; `fresh` strings (already interned and not cut from a larger text) skip pooling. */
  set(key: string, row: number, type: AttributeType, value: AttributeValue, fresh = false): void {
    let col = this.columns.get(key);
    if (!col) {
      col = { type, values: [] };
      this.columns.set(own(key), col);
    } else if (col.type !== type) {
      value = this.reconcile(col, type, value);
    }
    if (typeof value === 'string' && !fresh) value = this.pooled(key, value);
    const vals = col.values;
    while (vals.length < row) vals.push(undefined);
    vals[row] = value;
  }

  get(key: string, row: number): AttributeValue | undefined {
    return this.columns.get(key)?.values[row];
  }

  private pooled(key: string, value: string): string {
    let pool = this.pools.get(key);
    if (pool === null) return own(value);
    if (!pool) {
      pool = new Map();
      this.pools.set(key, pool);
    }
    const hit = pool.get(value);
    if (hit !== undefined) return hit;
    if (pool.size >= MAX_INTERNED) {
      this.pools.set(key, null);
      return own(value);
    }
    const copy = own(value);
    pool.set(copy, copy);
    return copy;
  }

  // Mixed types in one key: ints widen to floats, anything else falls back to text.
  private reconcile(col: AttributeColumn, type: AttributeType, value: AttributeValue): AttributeValue {
    const numeric = (t: AttributeType) => t === 'int' || t === 'float';
    if (numeric(col.type) && numeric(type)) {
      col.type = 'float';
      return value;
    }
    if (col.type !== 'string') {
      const old = col.type;
      col.type = 'string';
      col.values = col.values.map((v) => (v === undefined ? v : formatValue(old, v)));
    }
    return formatValue(type, value);
  }
}

/** Renders a stored value as XES/CSV text. */
export function formatValue(type: AttributeType, v: AttributeValue): string {
  if (type === 'date' && typeof v === 'number') return new Date(v).toISOString();
  return String(v);
}

import { Growable, own } from './growable-array.js';
/** The XES attribute types the columnar log keeps. */
export type AttributeType = 'string' | 'int' | 'float' | 'date' | 'boolean' | 'id';

/** One stored value: dates are epoch milliseconds, ints and floats numbers. */
export type AttributeValue = string | number | boolean;

/** A column of one attribute key; `values[i]` belongs to row i (event or case), undefined where absent. */
export interface AttributeColumn {
  type: AttributeType;
  readonly values: (AttributeValue | undefined)[];
}

/**
 * A column kept as the rows that have a value. Most keys appear on few rows, so the dense
 * `values` array is only laid out when something reads it.
 */
class SparseColumn implements AttributeColumn {
  #rows: Int32Array;
  #stored: AttributeValue[];
  #dense?: (AttributeValue | undefined)[];

  constructor(
    readonly type: AttributeType,
    rows: Int32Array,
    stored: AttributeValue[],
    private readonly rowCount: number,
  ) {
    this.#rows = rows;
    this.#stored = stored;
  }

  get values(): (AttributeValue | undefined)[] {
    if (!this.#dense) {
      const values: (AttributeValue | undefined)[] = new Array(this.rowCount).fill(undefined);
      // In storing order, so a row given twice keeps its last value.
      for (let i = 0; i < this.#stored.length; i++) values[this.#rows[i]] = this.#stored[i];
      this.#dense = values;
      this.#rows = new Int32Array(0);
      this.#stored = [];
    }
    return this.#dense;
  }

  toJSON(): AttributeColumn {
    return { type: this.type, values: this.values };
  }
}

const MAX_INTERNED = 50_000;

/**
 * A column being collected: values[i] belongs to rows[i]. While every row so far has exactly one
 * value, in order, `rows` is not needed (values[i] belongs to row i) and stays undefined.
 */
export interface ColumnBuilder {
  type: AttributeType;
  rows?: Growable<Int32Array>;
  values: AttributeValue[];
}

/**
 * Collects attribute columns row by row, sparsely (most keys appear on few events), and lays them
 * out as dense columns when the log is built. Repeated string values share one string (XES logs
 * repeat the same few values millions of times), until a column proves too diverse.
 */
export class AttributeTable {
  private readonly pending = new Map<string, ColumnBuilder>();
  private readonly pools = new Map<string, Map<string, string> | null>();

  /** Stores a value; `fresh` strings (already interned and not cut from a larger text) skip pooling. */
  set(key: string, row: number, type: AttributeType, value: AttributeValue, fresh = false): void {
    const col = this.column(key, type);
    if (col.type !== type) value = this.reconcile(col, type, value);
    if (typeof value === 'string' && !fresh) value = this.pooled(key, value);
    store(col, row, value);
  }

  /** The column of a key, created (with this type) on first use; importers keep it to skip the lookup. */
  column(key: string, type: AttributeType): ColumnBuilder {
    let col = this.pending.get(key);
    if (!col) {
      col = { type, values: [] };
      this.pending.set(own(key), col);
    }
    return col;
  }

  /** Stores a value (already pooled or fresh) into a column obtained from column(). */
  put(col: ColumnBuilder, row: number, type: AttributeType, value: AttributeValue): void {
    if (col.type !== type) value = this.reconcile(col, type, value);
    store(col, row, value);
  }

  /** The finished columns, `rowCount` long; with `rowOf`, a stored row r lands at rowOf[r]. */
  columns(rowCount: number, rowOf?: Int32Array): Map<string, AttributeColumn> {
    const out = new Map<string, AttributeColumn>();
    for (const [key, col] of this.pending) {
      if (!rowOf && !col.rows && col.values.length === rowCount) {
        // A value on every row: the stored values are the column (trimmed of spare capacity).
        out.set(key, { type: col.type, values: col.values.slice() });
        continue;
      }
      const rows = col.rows ? col.rows.toArray() : Int32Array.from(col.values, (_v, i) => i);
      if (rowOf) for (let i = 0; i < rows.length; i++) rows[i] = rowOf[rows[i]];
      out.set(key, new SparseColumn(col.type, rows, col.values.slice(), rowCount));
    }
    return out;
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
  private reconcile(col: ColumnBuilder, type: AttributeType, value: AttributeValue): AttributeValue {
    const numeric = (t: AttributeType) => t === 'int' || t === 'float';
    if (numeric(col.type) && numeric(type)) {
      col.type = 'float';
      return value;
    }
    if (col.type !== 'string') {
      const old = col.type;
      col.type = 'string';
      col.values = col.values.map((v) => formatValue(old, v));
    }
    return formatValue(type, value);
  }
}

function store(col: ColumnBuilder, row: number, value: AttributeValue): void {
  if (!col.rows && row !== col.values.length) {
    // The first gap (or repeat, or step back): from now on rows are stored.
    col.rows = new Growable(Int32Array, Math.max(64, col.values.length * 2));
    for (let i = 0; i < col.values.length; i++) col.rows.push(i);
  }
  col.rows?.push(row);
  col.values.push(value);
}

/** Renders a stored value as XES/CSV text. */
export function formatValue(type: AttributeType, v: AttributeValue): string {
  if (type === 'date' && typeof v === 'number') return new Date(v).toISOString();
  return String(v);
}

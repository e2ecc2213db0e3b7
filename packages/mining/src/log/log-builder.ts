import { limitExceeded } from '../errors.js';
import { AttributeTable, type AttributeType, type AttributeValue } from './attributes.js';
import { EventLog } from './event-log.js';
import { Growable, Interner, own } from './growable-array.js';

/** Options for finishing a log. */
export interface BuildOptions {
  /** Order the events of each case by timestamp (stable; events without a time keep their place). */
  sortByTimestamp?: boolean;
}

/**
 * Accumulates events (in any case order) into the columnar EventLog. Importers and adapters feed it;
 * nothing else needs to know how the columns are laid out.
 */
export class LogBuilder {
  private readonly activityIds = new Interner();
  private readonly resourceIds = new Interner();
  private readonly lifecycleIds = new Interner();
  // Built on the first caseFor(): XES gives each case once and never needs it.
  private caseIndex: Map<string, number> | undefined;
  private readonly caseIds: (string | undefined)[] = [];
  private readonly eventCase = new Growable(Int32Array);
  private readonly activity = new Growable(Int32Array);
  private readonly resource = new Growable(Int32Array);
  private readonly lifecycle = new Growable(Int32Array);
  private readonly time = new Growable(Float64Array);
  readonly eventAttrs = new AttributeTable();
  readonly caseAttrs = new AttributeTable();
  private contiguous = true;

  /** `maxEvents`: an event past it is refused (MiningError 'limit_exceeded'). */
  constructor(private readonly maxEvents = Infinity) {}

  get eventCount(): number {
    return this.activity.length;
  }

  get caseCount(): number {
    return this.caseIds.length;
  }

  /** Opens a new case whose id may be set later (XES gives it inside the trace). */
  beginCase(id?: string): number {
    const idx = this.caseIds.length;
    if (id !== undefined) id = own(id);
    this.caseIds.push(id);
    if (id !== undefined) this.caseIndex?.set(id, idx);
    return idx;
  }

  /** Names case idx; a `fresh` id (not cut from a larger text) is kept as it is. */
  setCaseId(idx: number, id: string, fresh = false): void {
    if (!fresh) id = own(id);
    this.caseIds[idx] = id;
    this.caseIndex?.set(id, idx);
  }

  hasCaseId(idx: number): boolean {
    return this.caseIds[idx] !== undefined;
  }

  /** The case with this id, created on first sight (CSV and adapters). */
  caseFor(id: string): number {
    if (!this.caseIndex) {
      this.caseIndex = new Map();
      this.caseIds.forEach((known, i) => known !== undefined && this.caseIndex!.set(known, i));
    }
    const idx = this.caseIndex.get(id);
    return idx === undefined ? this.beginCase(id) : idx;
  }

  /** Appends an event and returns its row (for attributes). */
  addEvent(c: number, activity: string, timestamp: number, resource?: string, lifecycle?: string): number {
    const row = this.activity.length;
    if (row >= this.maxEvents) throw limitExceeded('maxEvents', this.maxEvents, 'the number of events');
    // Events already in case order need no permutation at build time.
    if (row > 0 && this.eventCase.get(row - 1) > c) this.contiguous = false;
    this.eventCase.push(c);
    this.activity.push(this.activityIds.intern(activity));
    this.time.push(timestamp);
    this.resource.push(resource === undefined ? -1 : this.resourceIds.intern(resource));
    this.lifecycle.push(lifecycle === undefined ? -1 : this.lifecycleIds.intern(lifecycle));
    return row;
  }

  eventAttr(row: number, key: string, type: AttributeType, value: AttributeValue, fresh = false): void {
    this.eventAttrs.set(key, row, type, value, fresh);
  }

  caseAttr(c: number, key: string, type: AttributeType, value: AttributeValue, fresh = false): void {
    this.caseAttrs.set(key, c, type, value, fresh);
  }

  build(opts: BuildOptions = {}): EventLog {
    const n = this.activity.length;
    const cases = this.caseIds.length;
    const caseIds = this.caseIds.map((id, i) => id ?? String(i));
    const counts = new Uint32Array(cases + 1);
    for (let r = 0; r < n; r++) counts[this.eventCase.get(r) + 1]++;
    for (let c = 0; c < cases; c++) counts[c + 1] += counts[c];
    const order = this.contiguous && !opts.sortByTimestamp ? null : this.permutation(counts, opts);
    const pick = <T extends Int32Array | Float64Array>(g: Growable<T>): T => {
      const a = g.toArray();
      if (!order) return a;
      const out = a.slice() as T;
      for (let i = 0; i < n; i++) out[i] = a[order[i]];
      return out;
    };
    return new EventLog({
      activityNames: this.activityIds.values,
      resourceNames: this.resourceIds.values,
      lifecycleNames: this.lifecycleIds.values,
      caseIds,
      caseOffsets: counts,
      activities: pick(this.activity),
      resources: pick(this.resource),
      lifecycles: pick(this.lifecycle),
      timestamps: pick(this.time),
      eventAttributes: this.eventAttrs.columns(n, order ? inverse(order) : undefined),
      caseAttributes: this.caseAttrs.columns(cases),
    });
  }

  // Stable counting sort by case, then (optionally) a stable sort by time inside each case.
  private permutation(offsets: Uint32Array, opts: BuildOptions): Int32Array {
    const n = this.activity.length;
    const next = offsets.slice(0, offsets.length - 1);
    const order = new Int32Array(n);
    for (let r = 0; r < n; r++) order[next[this.eventCase.get(r)]++] = r;
    if (opts.sortByTimestamp) {
      for (let c = 0; c + 1 < offsets.length; c++) {
        const part = Array.from(order.subarray(offsets[c], offsets[c + 1]));
        part.sort((a, b) => cmpTime(this.time.get(a), this.time.get(b)) || a - b);
        order.set(part, offsets[c]);
      }
    }
    return order;
  }
}

function cmpTime(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return 0;
  return a - b;
}

function inverse(order: Int32Array): Int32Array {
  const inv = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) inv[order[i]] = i;
  return inv;
}

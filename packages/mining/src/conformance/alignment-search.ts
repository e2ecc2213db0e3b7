import { MiningError } from '../errors.js';
import { MinHeap } from './binary-heap.js';
import type { MarkingGraph } from './marking-graph.js';

/** The standard cost function of the reference: sync 0, log/model move 10,000, silent move 1. */
export const MOVE_COST = 10_000;
export const SILENT_COST = 1;

/** One alignment step: a log move (transition -1), a model move (event -1), or synchronous. */
export interface Move {
  /** Index of the trace event, or -1 for a model move. */
  event: number;
  /** Transition index, or -1 for a log move. */
  transition: number;
}

export interface TraceAlignment {
  cost: number;
  moves: Move[];
  visitedStates: number;
}

const SYNC = 1 << 30;
const LOG_MOVE = -1;

/**
 * Optimal alignment of one trace (model label ids; -1 for activities the model lacks) by A* over
 * the synchronous product. Heuristic: each remaining event whose label can no longer occur from
 * the current marking must be a log move (admissible and consistent).
 * Pass the same SearchSpace for every trace of a net: its tables are then allocated once.
 */
export function alignTrace(g: MarkingGraph, trace: Int32Array, opts: { maxStates?: number } = {}, space = new SearchSpace()): TraceAlignment {
  space.reset();
  try {
    return search(g, trace, opts.maxStates ?? 10_000_000, space);
  } finally {
    space.release();
  }
}

function search(g: MarkingGraph, trace: Int32Array, maxStates: number, st: SearchSpace): TraceAlignment {
  const n = trace.length;
  const heap = st.heap;
  const labelOf = g.labelOf;
  const start = st.slot(g.initial, 0);
  st.g[start] = 0;
  heap.push(start, st.h(g, trace, g.initial, 0), 0);
  let closedCount = 0;
  while (heap.size > 0) {
    const slot = heap.pop();
    if (st.closed[slot]) continue;
    st.closed[slot] = 1;
    closedCount++;
    const mid = st.mid[slot];
    const i = st.pos[slot];
    const gs = st.g[slot];
    if (i === n && mid === g.final) return { cost: gs, moves: path(st, slot), visitedStates: closedCount };
    if (closedCount > maxStates) throw new MiningError('state_limit', `alignment explored more than ${maxStates} states`);
    // Successors in a fixed order (log move, then per enabled transition its model move and
    // synchronous move): the order decides which of several optimal alignments is returned.
    if (i < n) st.relax(g, trace, slot, gs, LOG_MOVE, mid, i + 1, MOVE_COST);
    const ts = g.transitionsOf(mid);
    const ms = g.successorsOf(mid);
    for (let k = 0; k < ts.length; k++) {
      const t = ts[k];
      const l = labelOf[t];
      if (l < 0) st.relax(g, trace, slot, gs, t, ms[k], i, SILENT_COST);
      else {
        st.relax(g, trace, slot, gs, t, ms[k], i, MOVE_COST);
        if (i < n && trace[i] === l) st.relax(g, trace, slot, gs, t | SYNC, ms[k], i + 1, 0);
      }
    }
  }
  throw new MiningError('unsound_net', 'the final marking cannot be reached from the initial marking');
}

const INITIAL_CAPACITY = 1024;
/** Tables beyond this many states are dropped after a trace rather than kept for the next one. */
const KEPT_CAPACITY = 1 << 16;

/**
 * Search states (marking id, trace position) in flat typed arrays, found through an open-addressing
 * table, plus the open list and the heuristic rows of the current trace.
 */
export class SearchSpace {
  mid!: Int32Array;
  pos!: Int32Array;
  g!: Float64Array;
  parent!: Int32Array;
  via!: Int32Array;
  closed!: Uint8Array;
  private bucketOf!: Int32Array;
  /** State slot + 1 per bucket (0: empty); twice the state capacity, so at most half full. */
  private buckets!: Int32Array;
  size = 0;
  heap!: MinHeap;
  /** Per label set of a marking: cost of the remaining events that cannot occur any more, per position. */
  private readonly rows: (Int32Array | undefined)[] = [];

  constructor() {
    this.allocate();
  }

  private allocate(): void {
    this.mid = new Int32Array(INITIAL_CAPACITY);
    this.pos = new Int32Array(INITIAL_CAPACITY);
    this.g = new Float64Array(INITIAL_CAPACITY);
    this.parent = new Int32Array(INITIAL_CAPACITY);
    this.via = new Int32Array(INITIAL_CAPACITY);
    this.closed = new Uint8Array(INITIAL_CAPACITY);
    this.bucketOf = new Int32Array(INITIAL_CAPACITY);
    this.buckets = new Int32Array(2 * INITIAL_CAPACITY);
    this.heap = new MinHeap();
    this.size = 0;
  }

  reset(): void {
    for (let s = 0; s < this.size; s++) this.buckets[this.bucketOf[s]] = 0;
    this.size = 0;
    this.heap.clear();
    this.rows.length = 0;
  }

  /** Frees oversized tables once a trace is done, so one hard trace does not pin its memory. */
  release(): void {
    this.rows.length = 0;
    if (this.mid.length > KEPT_CAPACITY) this.allocate();
  }

  /** The slot of state (marking, position), created unvisited with g = Infinity when new. */
  slot(mid: number, pos: number): number {
    const buckets = this.buckets;
    const mask = buckets.length - 1;
    let b = (Math.imul(mid, 0x9e3779b1) ^ Math.imul(pos, 0x85ebca77)) & mask;
    for (;;) {
      const e = buckets[b];
      if (e === 0) break;
      if (this.mid[e - 1] === mid && this.pos[e - 1] === pos) return e - 1;
      b = (b + 1) & mask;
    }
    if (this.size === this.mid.length) {
      this.grow();
      return this.slot(mid, pos);
    }
    const s = this.size++;
    buckets[b] = s + 1;
    this.bucketOf[s] = b;
    this.mid[s] = mid;
    this.pos[s] = pos;
    this.g[s] = Infinity;
    this.parent[s] = -1;
    this.closed[s] = 0;
    return s;
  }

  relax(g: MarkingGraph, trace: Int32Array, from: number, gFrom: number, via: number, mid: number, pos: number, cost: number): void {
    const s = this.slot(mid, pos);
    if (this.closed[s]) return;
    const g2 = gFrom + cost;
    if (this.g[s] <= g2) return;
    this.g[s] = g2;
    this.parent[s] = from;
    this.via[s] = via;
    // Ties: deeper into the trace first, which reaches the goal sooner.
    this.heap.push(s, g2 + this.h(g, trace, mid, pos), -pos);
  }

  h(g: MarkingGraph, trace: Int32Array, mid: number, pos: number): number {
    const set = g.labelSetOf(mid);
    return (this.rows[set] ?? this.row(g, trace, set))[pos];
  }

  // Suffix sums over the trace of MOVE_COST for every event whose label is not in the set.
  private row(g: MarkingGraph, trace: Int32Array, set: number): Int32Array {
    const bits = g.labelSet(set);
    const row = new Int32Array(trace.length + 1);
    for (let j = trace.length - 1; j >= 0; j--) {
      const l = trace[j];
      row[j] = row[j + 1] + (l < 0 || !(bits[l >> 5] & (1 << (l & 31))) ? MOVE_COST : 0);
    }
    while (this.rows.length < set) this.rows.push(undefined);
    this.rows[set] = row;
    return row;
  }

  private grow(): void {
    const n = this.mid.length * 2;
    const widen = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.mid = widen(this.mid, (k) => new Int32Array(k));
    this.pos = widen(this.pos, (k) => new Int32Array(k));
    this.g = widen(this.g, (k) => new Float64Array(k));
    this.parent = widen(this.parent, (k) => new Int32Array(k));
    this.via = widen(this.via, (k) => new Int32Array(k));
    this.closed = widen(this.closed, (k) => new Uint8Array(k));
    this.bucketOf = new Int32Array(n);
    this.buckets = new Int32Array(2 * n);
    const mask = this.buckets.length - 1;
    for (let s = 0; s < this.size; s++) {
      let b = (Math.imul(this.mid[s], 0x9e3779b1) ^ Math.imul(this.pos[s], 0x85ebca77)) & mask;
      while (this.buckets[b] !== 0) b = (b + 1) & mask;
      this.buckets[b] = s + 1;
      this.bucketOf[s] = b;
    }
  }
}

function path(st: SearchSpace, goal: number): Move[] {
  const moves: Move[] = [];
  for (let s = goal; st.parent[s] >= 0; s = st.parent[s]) {
    const v = st.via[s];
    const i = st.pos[st.parent[s]];
    if (v === LOG_MOVE) moves.push({ event: i, transition: -1 });
    else if (v & SYNC) moves.push({ event: i, transition: v & ~SYNC });
    else moves.push({ event: -1, transition: v });
  }
  return moves.reverse();
}

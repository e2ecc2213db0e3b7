import { MiningError } from '../errors.js';
import { MinHeap } from './binary-heap.js';
import { UNBOUNDED, type FinalDistance } from './final-distance.js';
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
 * the synchronous product, with the admissible and consistent heuristic described at heuristicRow.
 * Pass the same SearchSpace for every trace of a net: its tables are then allocated once.
 */
export function alignTrace(
  g: MarkingGraph,
  trace: Int32Array,
  opts: { maxStates?: number } = {},
  space = new SearchSpace(),
): TraceAlignment {
  space.reset(g);
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
    if (closedCount > maxStates)
      throw new MiningError('state_limit', `alignment explored more than ${maxStates} states`);
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
const ROW_CELLS = 4096;

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
  /** The heuristic's tables for the graph being searched (null: the structural label sets alone). */
  private dist: FinalDistance | null = null;
  /**
   * Heuristic rows of the current trace (the bound per position), one after another in rowData.
   * With the full tables a row depends on the marking itself, so it is kept per marking; with the
   * structural label sets alone only on the marking's label set, so markings that share one share
   * the row. rowAt holds per key where its row starts (-1: not computed for this trace).
   */
  private rowTrace: Int32Array | null = null;
  private ahead: Int32Array = new Int32Array(0);
  private rowAt = new Int32Array(0);
  private rowData = new Float64Array(ROW_CELLS);
  private rowEnd = 0;
  /** Keys of rows that are set, so clearing them does not walk the whole index. */
  private readonly rowKeys: number[] = [];

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

  /** Empties the tables for a new trace on graph g. */
  reset(g: MarkingGraph): void {
    for (let s = 0; s < this.size; s++) this.buckets[this.bucketOf[s]] = 0;
    this.size = 0;
    this.heap.clear();
    this.clearRows();
    this.dist = g.distanceToFinal();
  }

  /** Frees oversized tables once a trace is done, so one hard trace does not pin its memory. */
  release(): void {
    this.clearRows();
    if (this.rowData.length > KEPT_CAPACITY) this.rowData = new Float64Array(ROW_CELLS);
    if (this.mid.length > KEPT_CAPACITY) this.allocate();
  }

  private clearRows(): void {
    for (const k of this.rowKeys) this.rowAt[k] = -1;
    this.rowKeys.length = 0;
    this.rowEnd = 0;
    this.rowTrace = null;
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

  relax(
    g: MarkingGraph,
    trace: Int32Array,
    from: number,
    gFrom: number,
    via: number,
    mid: number,
    pos: number,
    cost: number,
  ): void {
    const s = this.slot(mid, pos);
    if (this.closed[s]) return;
    const g2 = gFrom + cost;
    if (this.g[s] <= g2) return;
    this.g[s] = g2;
    this.parent[s] = from;
    this.via[s] = via;
    const h = this.h(g, trace, mid, pos);
    if (h === Infinity) return; // the final marking cannot be reached from mid
    // Ties: deeper into the trace first, which reaches the goal sooner.
    this.heap.push(s, g2 + h, -pos);
  }

  h(g: MarkingGraph, trace: Int32Array, mid: number, pos: number): number {
    if (trace !== this.rowTrace) {
      this.clearRows();
      this.rowTrace = trace;
      this.ahead = labelsAhead(trace);
    }
    const key = this.dist ? mid : g.labelSetOf(mid);
    let at = key < this.rowAt.length ? this.rowAt[key] : -1;
    if (at < 0) at = this.row(g, trace, mid, key);
    return this.rowData[at + pos];
  }

  private row(g: MarkingGraph, trace: Int32Array, mid: number, key: number): number {
    const at = this.rowEnd;
    this.rowEnd += trace.length + 1;
    if (this.rowEnd > this.rowData.length) {
      const data = new Float64Array(Math.max(2 * this.rowData.length, this.rowEnd));
      data.set(this.rowData.subarray(0, at));
      this.rowData = data;
    }
    if (key >= this.rowAt.length) {
      const index = new Int32Array(Math.max(2 * this.rowAt.length, key + 1)).fill(-1);
      index.set(this.rowAt);
      this.rowAt = index;
    }
    heuristicRow(g, this.dist, trace, this.ahead, mid, this.rowData, at);
    this.rowAt[key] = at;
    this.rowKeys.push(key);
    return at;
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

/** The heuristic's value at state (marking mid, trace position i); exported for tests. */
export function remainingCostBound(g: MarkingGraph, trace: Int32Array, mid: number, i: number): number {
  const row = new Float64Array(trace.length + 1);
  heuristicRow(g, g.distanceToFinal(), trace, labelsAhead(trace), mid, row, 0);
  return row[i];
}

/** Per position of the trace, how often its label occurs from there to the end (0 for unknown labels). */
function labelsAhead(trace: Int32Array): Int32Array {
  let top = 0;
  for (let j = 0; j < trace.length; j++) top = Math.max(top, trace[j] + 1);
  const seen = new Int32Array(top);
  const ahead = new Int32Array(trace.length);
  for (let j = trace.length - 1; j >= 0; j--) if (trace[j] >= 0) ahead[j] = ++seen[trace[j]];
  return ahead;
}

/*
 * The heuristic, for state (marking m, trace position i), in units of MOVE_COST plus silent cost.
 * Any completion fires some sequence P from m to the final marking, f_l times label l, L_P labelled
 * and S_P silent transitions in all, and pairs some events with equally labelled transitions
 * (synchronous moves); the rest are log and model moves. With e_l remaining events of label l its
 * cost is at least MOVE_COST * sum_l |e_l - f_l| + S_P. Let [Fmin_l(m), Fmax_l(m)] bound f_l over
 * all such P, Lmin(m) and Smin(m) bound L_P and S_P from below. Then, splitting the sum into
 * events left over and transitions left over,
 *   U   = sum_l max(0, e_l - Fmax_l)           (events that must be log moves; unknown labels too)
 *   M   = sum_l max(0, Fmin_l - e_l)           (transitions that must be model moves, per label)
 *   Cap = sum_l min(e_l, Fmax_l)               (events that could be synchronous at all)
 *   h   = MOVE_COST * (U + max(M, Lmin - Cap)) + Smin
 * is admissible: sum_l (e_l - f_l)^+ >= U, and sum_l (f_l - e_l)^+ is at least M and at least
 * L_P - sum_l min(e_l, f_l) >= Lmin - Cap. It is also consistent, so closed states are never
 * reopened: along a move the label bounds can only tighten (a transition with label x lowers
 * Fmax_x and Fmin_x by at most one), Lmin drops by at most one per labelled and Smin by at most one
 * per silent transition, and U + Cap is the number of remaining events. Per move, h drops by at
 * most MOVE_COST for a log move (one event less: U or Cap drops by one, or M grows) and for a
 * model move (label x: only |e_x - f_x| terms for x can shrink, by one), never for a synchronous
 * move (e_x and the bounds for x drop together, Lmin by at most one and Cap by at least one), and
 * by at most 1 (Smin) for a silent move.
 *
 * A second bound looks at the silent steps the trace forces: let F be the remaining events whose
 * label cannot occur at all from m (forced log moves) and x1, x2, ..., xk the labels of the others,
 * in order. A completion with no deviation beyond F synchronises all of them, with only silent
 * moves before x1, between consecutive ones and after xk, so
 *   S_P >= W = Sx1(m) + B(x1, x2) + ... + B(xk-1, xk) + B(xk, end),
 * with Sx(m) the fewest silent transitions from m to a marking enabling x, B(a, b) the fewest from
 * any marking just after an a-transition to one enabling b, and B(a, end) to the final marking.
 * Any other completion costs at least MOVE_COST * (F + 1) + Smin. Hence
 *   h2 = MOVE_COST * F + max(Smin, min(MOVE_COST + Smin, W))
 * is admissible, and consistent: a log move drops F by one (same W) or drops x1 (h2 drops at
 * most MOVE_COST), a model move never lowers F or Smin, a silent move either keeps F and the xs
 * (Sx1 and Smin drop by at most one) or raises F, and a synchronous move on x1 starts where
 * Sx1 = 0 and ends just after an x1-transition, where Sx2 >= B(x1, x2) (or Smin >= B(x1, end)).
 * The search uses max(h, h2), which is then admissible and consistent too.
 *
 * Without a fully explored graph (too many markings) only the structural label sets are used
 * (Fmax 0 or unbounded, Fmin, Lmin and Smin 0, no h2).
 */
// Writes the row of marking mid to out[start .. start + trace.length]; ahead from labelsAhead(trace).
function heuristicRow(
  g: MarkingGraph,
  dist: FinalDistance | null,
  trace: Int32Array,
  ahead: Int32Array,
  mid: number,
  out: Float64Array,
  start: number,
): void {
  const L = g.labels.length;
  const lmin = dist ? dist.labelled[mid] : 0;
  const smin = dist ? dist.silent[mid] : 0;
  if (lmin === Infinity) {
    out.fill(Infinity, start, start + trace.length + 1);
    return;
  }
  let fmin: Int32Array, fmax: Int32Array, toLabel: Int32Array | null, at: number;
  if (dist?.minLabel && dist.maxLabel && dist.silentToLabel) {
    fmin = dist.minLabel;
    fmax = dist.maxLabel;
    toLabel = dist.silentToLabel;
    at = mid * L;
  } else {
    const bits = g.reachableLabels(mid);
    fmin = new Int32Array(L);
    fmax = Int32Array.from({ length: L }, (_, l) => (bits[l >> 5] & (1 << (l & 31)) ? UNBOUNDED : 0));
    toLabel = null;
    at = 0;
  }
  const between = toLabel ? dist!.silentBetween : null;
  let u = 0,
    cap = 0,
    m = 0,
    forced = 0,
    next = -1,
    chain = 0;
  for (let l = 0; l < L; l++) m += fmin[at + l];
  for (let j = trace.length; j >= 0; j--) {
    if (j < trace.length) {
      const l = trace[j];
      if (l < 0) {
        u++;
        forced++;
      } else {
        const e = ahead[j];
        const most = fmax[at + l];
        if (e > most) u++;
        else cap++;
        if (e <= fmin[at + l]) m--;
        if (most === 0) forced++;
        else {
          if (between) chain += finite(between[next < 0 ? L * L + l : l * L + next]);
          next = l;
        }
      }
    }
    let h = MOVE_COST * (u + Math.max(m, lmin - cap)) + smin;
    if (toLabel && next >= 0) {
      const silentAhead = finite(toLabel[at + next]) + chain;
      h = Math.max(h, MOVE_COST * forced + Math.max(smin, Math.min(MOVE_COST + smin, silentAhead)));
    }
    out[start + j] = h;
  }
}

function finite(x: number): number {
  return x === UNBOUNDED ? Infinity : x;
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

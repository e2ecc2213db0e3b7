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

/**
 * Optimal alignment of one trace (model label ids; -1 for activities the model lacks) by A* over
 * the synchronous product, with the admissible and consistent heuristic described at heuristicRow.
 */
export function alignTrace(g: MarkingGraph, trace: Int32Array, opts: { maxStates?: number } = {}): TraceAlignment {
  const n = trace.length;
  const stride = n + 1;
  const maxStates = opts.maxStates ?? 10_000_000;
  const st = new StateTable();
  const heap = new MinHeap();
  const hCache: (Float64Array | undefined)[] = [];
  const counts = new Int32Array(g.labels.length);
  const bounds = g.distanceToFinal();
  const h = (mid: number, i: number) => (hCache[mid] ?? heuristicRow(g, bounds, trace, mid, hCache, counts))[i];
  const start = st.slot(g.initial * stride);
  st.g[start] = 0;
  heap.push(start, h(g.initial, 0), 0);
  const labelOf = g.labelOf;
  let closedCount = 0;
  while (heap.size > 0) {
    const slot = heap.pop();
    if (st.closed[slot]) continue;
    st.closed[slot] = 1;
    closedCount++;
    const s = st.key[slot];
    const mid = Math.floor(s / stride);
    const i = s - mid * stride;
    const gs = st.g[slot];
    if (i === n && mid === g.final) return { cost: gs, moves: path(st, slot, stride), visitedStates: closedCount };
    if (closedCount > maxStates) throw new MiningError('state_limit', `alignment explored more than ${maxStates} states`);
    const relax = (t: number, m2: number, i2: number, cost: number) => {
      const k2 = m2 * stride + i2;
      const s2 = st.slot(k2);
      if (st.closed[s2]) return;
      const g2 = gs + cost;
      if (st.g[s2] <= g2) return;
      st.g[s2] = g2;
      st.parent[s2] = slot;
      st.via[s2] = t;
      const hNext = h(m2, i2);
      if (hNext === Infinity) return; // the final marking cannot be reached from m2
      // Ties: deeper into the trace first, which reaches the goal sooner.
      heap.push(s2, g2 + hNext, -i2);
    };
    if (i < n) relax(-1, mid, i + 1, MOVE_COST);
    const ts = g.transitionsOf(mid);
    const ms = g.successorsOf(mid);
    for (let k = 0; k < ts.length; k++) {
      const t = ts[k];
      const l = labelOf[t];
      if (l < 0) relax(t, ms[k], i, SILENT_COST);
      else {
        relax(t, ms[k], i, MOVE_COST);
        if (i < n && trace[i] === l) relax(t | SYNC, ms[k], i + 1, 0);
      }
    }
  }
  throw new MiningError('unsound_net', 'the final marking cannot be reached from the initial marking');
}

/** Search states in flat typed arrays; one map from state key to slot. */
class StateTable {
  private readonly index = new Map<number, number>();
  key = new Float64Array(1024);
  g = new Float64Array(1024).fill(Infinity);
  parent = new Int32Array(1024);
  via = new Int32Array(1024);
  closed = new Uint8Array(1024);
  size = 0;

  slot(k: number): number {
    let s = this.index.get(k);
    if (s === undefined) {
      if (this.size === this.key.length) this.grow();
      s = this.size++;
      this.index.set(k, s);
      this.key[s] = k;
      this.parent[s] = -1;
    }
    return s;
  }

  private grow(): void {
    const n = this.key.length * 2;
    const key = new Float64Array(n), g = new Float64Array(n).fill(Infinity), parent = new Int32Array(n), via = new Int32Array(n), closed = new Uint8Array(n);
    key.set(this.key);
    g.set(this.g);
    parent.set(this.parent);
    via.set(this.via);
    closed.set(this.closed);
    Object.assign(this, { key, g, parent, via, closed });
  }
}

/** The heuristic's value at state (marking mid, trace position i); exported for tests. */
export function remainingCostBound(g: MarkingGraph, trace: Int32Array, mid: number, i: number): number {
  return heuristicRow(g, g.distanceToFinal(), trace, mid, [], new Int32Array(g.labels.length))[i];
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
function heuristicRow(g: MarkingGraph, dist: FinalDistance | null, trace: Int32Array, mid: number, cache: (Float64Array | undefined)[], counts: Int32Array): Float64Array {
  let row = cache[mid];
  if (row) return row;
  row = new Float64Array(trace.length + 1);
  cache[mid] = row;
  const L = g.labels.length;
  const lmin = dist ? dist.labelled[mid] : 0;
  const smin = dist ? dist.silent[mid] : 0;
  if (lmin === Infinity) return row.fill(Infinity);
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
  let u = 0, cap = 0, m = 0, forced = 0, next = -1, chain = 0;
  for (let l = 0; l < L; l++) m += fmin[at + l];
  for (let j = trace.length; j >= 0; j--) {
    if (j < trace.length) {
      const l = trace[j];
      if (l < 0) {
        u++;
        forced++;
      } else {
        const e = ++counts[l];
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
    row[j] = h;
  }
  for (let j = 0; j < trace.length; j++) if (trace[j] >= 0) counts[trace[j]] = 0;
  return row;
}

function finite(x: number): number {
  return x === UNBOUNDED ? Infinity : x;
}

const SYNC = 1 << 30;

function path(st: StateTable, goal: number, stride: number): Move[] {
  const moves: Move[] = [];
  for (let s = goal; st.parent[s] >= 0; s = st.parent[s]) {
    const p = st.parent[s];
    const v = st.via[s];
    const i = st.key[p] % stride;
    if (v === -1) moves.push({ event: i, transition: -1 });
    else if (v & SYNC) moves.push({ event: i, transition: v & ~SYNC });
    else moves.push({ event: -1, transition: v });
  }
  return moves.reverse();
}

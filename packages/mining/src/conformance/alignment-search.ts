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

/**
 * Optimal alignment of one trace (model label ids; -1 for activities the model lacks) by A* over
 * the synchronous product. Heuristic: each remaining event whose label can no longer occur from
 * the current marking must be a log move (admissible and consistent).
 */
export function alignTrace(g: MarkingGraph, trace: Int32Array, opts: { maxStates?: number } = {}): TraceAlignment {
  const n = trace.length;
  const stride = n + 1;
  const maxStates = opts.maxStates ?? 10_000_000;
  const st = new StateTable();
  const heap = new MinHeap();
  const hCache = new Map<number, Int32Array>();
  const h = (mid: number, i: number) => heuristicRow(g, trace, mid, hCache)[i];
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
      // Ties: deeper into the trace first, which reaches the goal sooner.
      heap.push(s2, g2 + h(m2, i2), -i2);
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

// For one marking: for every trace position, the cost of the remaining events that can no longer
// occur from it (computed once per marking and trace, as a suffix sum).
function heuristicRow(g: MarkingGraph, trace: Int32Array, mid: number, cache: Map<number, Int32Array>): Int32Array {
  let row = cache.get(mid);
  if (row) return row;
  const bits = g.reachableLabels(mid);
  row = new Int32Array(trace.length + 1);
  for (let j = trace.length - 1; j >= 0; j--) {
    const l = trace[j];
    row[j] = row[j + 1] + (l < 0 || !(bits[l >> 5] & (1 << (l & 31))) ? MOVE_COST : 0);
  }
  cache.set(mid, row);
  return row;
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

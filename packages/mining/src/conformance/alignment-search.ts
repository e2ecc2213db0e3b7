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
  const best = new Map<number, number>(); // state -> best g
  const parent = new Map<number, number>(); // state -> previous state
  const via = new Map<number, number>(); // state -> transition (-1 log move)
  const closed = new Set<number>();
  const heap = new MinHeap();
  const start = g.initial * stride;
  best.set(start, 0);
  heap.push(start, h(g, trace, g.initial, 0), -0);
  const labelOf = g.labelOf;
  while (heap.size > 0) {
    const s = heap.pop();
    if (closed.has(s)) continue;
    closed.add(s);
    const mid = Math.floor(s / stride);
    const i = s - mid * stride;
    const gs = best.get(s)!;
    if (i === n && mid === g.final) return { cost: gs, moves: path(parent, via, s, stride), visitedStates: closed.size };
    if (closed.size > maxStates) throw new MiningError('state_limit', `alignment explored more than ${maxStates} states`);
    const relax = (t: number, m2: number, i2: number, cost: number) => {
      const s2 = m2 * stride + i2;
      if (closed.has(s2)) return;
      const g2 = gs + cost;
      const old = best.get(s2);
      if (old !== undefined && old <= g2) return;
      best.set(s2, g2);
      parent.set(s2, s);
      via.set(s2, t);
      // Ties: deeper into the trace first, which reaches the goal sooner.
      heap.push(s2, g2 + h(g, trace, m2, i2), -i2);
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

const SYNC = 1 << 30;

function h(g: MarkingGraph, trace: Int32Array, mid: number, i: number): number {
  if (i >= trace.length) return 0;
  const bits = g.reachableLabels(mid);
  let k = 0;
  for (let j = i; j < trace.length; j++) {
    const l = trace[j];
    if (l < 0 || !(bits[l >> 5] & (1 << (l & 31)))) k++;
  }
  return k * MOVE_COST;
}

function path(parent: Map<number, number>, via: Map<number, number>, goal: number, stride: number): Move[] {
  const moves: Move[] = [];
  let s = goal;
  while (parent.has(s)) {
    const p = parent.get(s)!;
    const v = via.get(s)!;
    const i = p % stride;
    if (v === -1) moves.push({ event: i, transition: -1 });
    else if (v & SYNC) moves.push({ event: i, transition: v & ~SYNC });
    else moves.push({ event: -1, transition: v });
    s = p;
  }
  return moves.reverse();
}

import type { EventLog } from '../log/event-log.js';
import type { PetriNet } from '../model/petri-net.js';
import { visibleEventuallyEnabled } from './ordered-marking.js';
import { TokenReplayer } from './token-replay.js';
import { alignerFor, type Aligner } from './alignments.js';
import type { MarkingGraph } from './marking-graph.js';

/** Precision result with the escaping-edge counts it is made of. */
export interface PrecisionResult {
  precision: number;
  escapingEdges: number;
  allowedTasks: number;
}

/**
 * Prefix tree of the log: for each distinct proper prefix, how many traces pass through it and
 * which activities follow it in the log.
 */
function prefixes(log: EventLog) {
  const map = new Map<string, { prefix: string[]; count: number; next: Set<string> }>();
  for (const v of log.variants()) {
    const names = Array.from(v.activities, (a) => log.activityNames[a]);
    let key = '';
    for (let i = 1; i < names.length; i++) {
      key += (i > 1 ? '\u0000' : '') + names[i - 1];
      let e = map.get(key);
      if (!e) map.set(key, (e = { prefix: names.slice(0, i), count: 0, next: new Set() }));
      e.count += v.count;
      e.next.add(names[i]);
    }
  }
  return [...map.values()];
}

/**
 * ETConformance precision on token replay, as the reference computes it: every log prefix is
 * replayed (stopping at the first problem); for fitting prefixes, the visible transitions enabled
 * (through silent steps) that the log never takes next are escaping edges. The empty prefix counts
 * once per trace against the start activities.
 */
export function etcPrecision(log: EventLog, net: PetriNet): PrecisionResult {
  const replayer = new TokenReplayer(net);
  const labelsOf = (ts: Set<number>) =>
    new Set([...ts].map((t) => net.transitions[t].label!).filter((l) => l !== null));
  let ee = 0;
  let at = 0;
  const starts = new Set<string>();
  for (let c = 0; c < log.caseCount; c++) if (log.trace(c).length) starts.add(log.activityNames[log.trace(c)[0]]);
  const initial = labelsOf(visibleEventuallyEnabled(net, net.initialMarking));
  at += log.caseCount * initial.size;
  ee += log.caseCount * [...initial].filter((l) => !starts.has(l)).length;
  // Many prefixes end in the same marking: explore each marking's enabled set once.
  const memo = new Map<string, Set<string>>();
  for (const p of prefixes(log)) {
    const r = replayer.replay(p.prefix, {
      considerRemaining: false,
      reachFinalThroughSilent: false,
      stopImmediatelyUnfit: true,
    });
    if (!r.fit) continue;
    const key = String.fromCharCode(...r.reached);
    let enabled = memo.get(key);
    if (!enabled) memo.set(key, (enabled = labelsOf(visibleEventuallyEnabled(net, r.reached))));
    at += enabled.size * p.count;
    ee += [...enabled].filter((l) => !p.next.has(l)).length * p.count;
  }
  return { precision: at > 0 ? 1 - ee / at : 1, escapingEdges: ee, allowedTasks: at };
}

/**
 * Alignment-based ETConformance: each log prefix is mapped to the model state its optimal
 * alignment reaches; there, the visible transitions the model allows (through silent steps) that
 * the log never takes next are escaping edges.
 */
export function alignEtcPrecision(log: EventLog, net: PetriNet): PrecisionResult {
  const aligner = alignerFor(net);
  const graph = aligner.graph;
  let ee = 0;
  let at = 0;
  const byPrefix = new Map<string, { count: number; next: Set<string>; state: number }>();
  for (const v of log.variants()) {
    const names = Array.from(v.activities, (a) => log.activityNames[a]);
    const states = prefixStates(aligner, graph, names);
    let key = '';
    for (let i = 0; i < names.length; i++) {
      key += '\u0000' + (i > 0 ? names[i - 1] : '');
      let e = byPrefix.get(key);
      if (!e) byPrefix.set(key, (e = { count: 0, next: new Set(), state: states[i] }));
      e.count += v.count;
      e.next.add(names[i]);
    }
  }
  for (const e of byPrefix.values()) {
    const enabled = new Set(
      [...visibleEventuallyEnabled(net, graph.marking(e.state))].map((t) => net.transitions[t].label!),
    );
    at += enabled.size * e.count;
    ee += [...enabled].filter((l) => !e.next.has(l)).length * e.count;
  }
  return { precision: at > 0 ? 1 - ee / at : 1, escapingEdges: ee, allowedTasks: at };
}

// Marking reached by the optimal alignment just before each event of the trace.
function prefixStates(aligner: Aligner, graph: MarkingGraph, trace: string[]): number[] {
  const r = aligner.align(trace);
  const out: number[] = [];
  const ix = aligner.net.idx;
  const m = graph.marking(graph.initial).slice();
  for (const step of r.steps) {
    if (step.log !== '>>') out.push(graph.intern(m.slice()));
    if (step.transitionId !== undefined) {
      const t = aligner.net.transitions.findIndex((x) => x.id === step.transitionId);
      for (let k = ix.preStart[t]; k < ix.preStart[t + 1]; k++) m[ix.preP[k]] -= ix.preW[k];
      for (let k = ix.postStart[t]; k < ix.postStart[t + 1]; k++) m[ix.postP[k]] += ix.postW[k];
    }
  }
  return out;
}

import { MiningError } from '../errors.js';
import type { PetriNet } from './petri-net.js';

/** What the soundness check found, in words people can act on. */
export interface SoundnessReport {
  sound: boolean;
  workflowNet: boolean;
  bounded: boolean | 'unknown';
  safe: boolean | 'unknown';
  optionToComplete: boolean | 'unknown';
  properCompletion: boolean | 'unknown';
  deadTransitions: string[];
  reachableMarkings: number;
  /** True when the state limit stopped the exploration (results marked 'unknown'). */
  truncated: boolean;
  problems: string[];
}

/**
 * Checks that a net is a sound workflow net: one source and one sink place, every node on a path
 * between them; on the reachability graph (up to maxStates markings): bounded, the final marking
 * always reachable, nothing left behind at completion, and no dead transitions.
 */
export function checkSoundness(net: PetriNet, maxStates = 200_000): SoundnessReport {
  const problems = workflowProblems(net);
  const workflowNet = problems.length === 0;
  const g = explore(net, maxStates);
  const deadTransitions = net.transitions.filter((_, t) => !g.fired[t]).map((t) => t.label ?? `${t.name} (silent)`);
  if (g.unbounded) problems.push(`unbounded: place ${net.places[g.unbounded].id} can collect any number of tokens`);
  if (deadTransitions.length && !g.truncated)
    problems.push(`dead transitions (can never fire): ${deadTransitions.slice(0, 10).join(', ')}`);
  const option = g.truncated || g.unbounded !== undefined ? 'unknown' : optionToComplete(g, net);
  if (option === false) problems.push('some reachable states cannot reach the final marking (deadlock or livelock)');
  const proper = g.truncated || g.unbounded !== undefined ? 'unknown' : properCompletion(g, net);
  if (proper === false) problems.push('the final place can be marked while tokens remain elsewhere');
  if (g.truncated)
    problems.push(`state space larger than ${maxStates} markings: boundedness and completion not decided`);
  const bounded = g.unbounded !== undefined ? false : g.truncated ? 'unknown' : true;
  return {
    sound: workflowNet && bounded === true && option === true && proper === true && deadTransitions.length === 0,
    workflowNet,
    bounded,
    safe: bounded === true ? g.markings.every((m) => m.every((k) => k <= 1)) : bounded === false ? false : 'unknown',
    optionToComplete: option,
    properCompletion: proper,
    deadTransitions,
    reachableMarkings: g.markings.length,
    truncated: g.truncated,
    problems,
  };
}

/** Throws MiningError('unsound_net') with the first problem when the net is not sound. */
export function assertSound(net: PetriNet, maxStates?: number): SoundnessReport {
  const r = checkSoundness(net, maxStates);
  if (!r.sound) throw new MiningError('unsound_net', `the model is not a sound workflow net: ${r.problems.join('; ')}`);
  return r;
}

function workflowProblems(net: PetriNet): string[] {
  const out: string[] = [];
  const hasIn = new Set(net.arcs.filter((a) => a.dir === 'tp').map((a) => a.place));
  const hasOut = new Set(net.arcs.filter((a) => a.dir === 'pt').map((a) => a.place));
  const sources = net.places.map((_, p) => p).filter((p) => !hasIn.has(p));
  const sinks = net.places.map((_, p) => p).filter((p) => !hasOut.has(p));
  if (sources.length !== 1) out.push(`expected one source place, found ${sources.length}`);
  if (sinks.length !== 1) out.push(`expected one sink place, found ${sinks.length}`);
  if (out.length) return out;
  const [src, snk] = [sources[0], sinks[0]];
  if (net.initialMarking[src] !== 1 || net.initialMarking.some((k, p) => p !== src && k > 0))
    out.push('initial marking must be one token in the source place');
  if (net.finalMarking[snk] !== 1 || net.finalMarking.some((k, p) => p !== snk && k > 0))
    out.push('final marking must be one token in the sink place');
  const fwd = reach(net, src, 'forward');
  const bwd = reach(net, snk, 'backward');
  const off = net.places.filter((_, p) => !fwd.places.has(p) || !bwd.places.has(p)).map((p) => p.id);
  const offT = net.transitions.filter((_, t) => !fwd.trans.has(t) || !bwd.trans.has(t)).map((t) => t.label ?? t.id);
  if (off.length || offT.length)
    out.push(`not on a path from source to sink: ${[...off, ...offT].slice(0, 10).join(', ')}`);
  return out;
}

function reach(net: PetriNet, start: number, dir: 'forward' | 'backward') {
  const ix = net.idx;
  const places = new Set([start]);
  const trans = new Set<number>();
  const stack = [start];
  while (stack.length) {
    const p = stack.pop()!;
    const [s, e, arr] =
      dir === 'forward' ? [ix.outStart[p], ix.outStart[p + 1], ix.outT] : [ix.inStart[p], ix.inStart[p + 1], ix.inT];
    for (let k = s; k < e; k++) {
      const t = arr[k];
      if (trans.has(t)) continue;
      trans.add(t);
      const [s2, e2, arr2] =
        dir === 'forward'
          ? [ix.postStart[t], ix.postStart[t + 1], ix.postP]
          : [ix.preStart[t], ix.preStart[t + 1], ix.preP];
      for (let q = s2; q < e2; q++) {
        if (places.has(arr2[q])) continue;
        places.add(arr2[q]);
        stack.push(arr2[q]);
      }
    }
  }
  return { places, trans };
}

interface Graph {
  markings: Int32Array[];
  succ: number[][];
  parent: number[];
  fired: Uint8Array;
  truncated: boolean;
  unbounded?: number;
}

// Breadth-first reachability graph; a marking that strictly covers one of its ancestors proves unboundedness.
function explore(net: PetriNet, maxStates: number): Graph {
  const ix = net.idx;
  const ids = new Map<string, number>();
  const g: Graph = {
    markings: [],
    succ: [],
    parent: [],
    fired: new Uint8Array(net.transitions.length),
    truncated: false,
  };
  const add = (m: Int32Array, parent: number) => {
    const key = m.join(',');
    let id = ids.get(key);
    if (id === undefined) {
      id = g.markings.length;
      ids.set(key, id);
      g.markings.push(m);
      g.succ.push([]);
      g.parent.push(parent);
    }
    return id;
  };
  add(net.initialMarking.slice(), -1);
  for (let i = 0; i < g.markings.length; i++) {
    if (g.markings.length > maxStates) return { ...g, truncated: true };
    const m = g.markings[i];
    for (let t = 0; t < net.transitions.length; t++) {
      let ok = true;
      for (let k = ix.preStart[t]; k < ix.preStart[t + 1] && ok; k++) ok = m[ix.preP[k]] >= ix.preW[k];
      if (!ok) continue;
      g.fired[t] = 1;
      const next = m.slice();
      for (let k = ix.preStart[t]; k < ix.preStart[t + 1]; k++) next[ix.preP[k]] -= ix.preW[k];
      for (let k = ix.postStart[t]; k < ix.postStart[t + 1]; k++) next[ix.postP[k]] += ix.postW[k];
      const before = g.markings.length;
      const id = add(next, i);
      g.succ[i].push(id);
      if (id === before) {
        const grown = coveredAncestor(g, id);
        if (grown !== undefined) return { ...g, unbounded: grown };
      }
    }
  }
  return g;
}

function coveredAncestor(g: Graph, id: number): number | undefined {
  const m = g.markings[id];
  for (let a = g.parent[id]; a >= 0; a = g.parent[a]) {
    const anc = g.markings[a];
    let ge = true,
      gt = -1;
    for (let p = 0; p < m.length && ge; p++) {
      if (m[p] < anc[p]) ge = false;
      else if (m[p] > anc[p]) gt = p;
    }
    if (ge && gt >= 0) return gt;
  }
  return undefined;
}

function optionToComplete(g: Graph, net: PetriNet): boolean {
  const fin = g.markings.findIndex((m) => m.every((k, p) => k === net.finalMarking[p]));
  if (fin < 0) return false;
  const pred: number[][] = g.markings.map(() => []);
  g.succ.forEach((s, i) => s.forEach((j) => pred[j].push(i)));
  const ok = new Uint8Array(g.markings.length);
  const stack = [fin];
  ok[fin] = 1;
  while (stack.length) {
    for (const p of pred[stack.pop()!]) {
      if (ok[p]) continue;
      ok[p] = 1;
      stack.push(p);
    }
  }
  return ok.every((x) => x === 1);
}

function properCompletion(g: Graph, net: PetriNet): boolean {
  const fm = net.finalMarking;
  return g.markings.every((m) => !(m.every((k, p) => k >= fm[p]) && m.some((k, p) => k > fm[p])));
}

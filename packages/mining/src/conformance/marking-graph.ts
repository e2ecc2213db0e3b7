import { MiningError } from '../errors.js';
import type { PetriNet } from '../model/petri-net.js';
import { finalDistance, type FinalDistance } from './final-distance.js';

/**
 * The reachability graph of a net, explored lazily and memoised: markings are interned to ids,
 * and each marking's (transition, successor) list is computed once and reused by every trace
 * aligned against the same net.
 */
export class MarkingGraph {
  private readonly ids = new Map<string, number>();
  private readonly markings: Int32Array[] = [];
  private readonly succT: (Int32Array | undefined)[] = [];
  private readonly succM: (Int32Array | undefined)[] = [];
  private readonly labelSets: (Uint32Array | undefined)[] = [];
  readonly initial: number;
  readonly final: number;
  /** Model label id per transition (-1: silent). */
  readonly labelOf: Int32Array;
  readonly labels: string[];
  private readonly placeReach: Uint32Array[];
  private readonly words: number;
  private distance?: FinalDistance | null;

  /**
   * bounds: up to how many markings the graph is explored in full for the search heuristic, and
   * up to how many (marking, label) entries the per-label firing bounds are kept.
   */
  constructor(
    readonly net: PetriNet,
    readonly maxMarkings = 5_000_000,
    readonly bounds: { exploreLimit?: number; labelTableLimit?: number } = {},
  ) {
    const labelIds = new Map<string, number>();
    this.labelOf = Int32Array.from(net.transitions, (t) => {
      if (t.label === null) return -1;
      let id = labelIds.get(t.label);
      if (id === undefined) labelIds.set(t.label, (id = labelIds.size));
      return id;
    });
    this.labels = [...labelIds.keys()];
    this.words = Math.max(1, Math.ceil(this.labels.length / 32));
    this.placeReach = structuralLabelReach(net, this.labelOf, this.words);
    this.initial = this.intern(net.initialMarking);
    this.final = this.intern(net.finalMarking);
  }

  get size(): number {
    return this.markings.length;
  }

  marking(id: number): Int32Array {
    return this.markings[id];
  }

  intern(m: Int32Array): number {
    const key = String.fromCharCode.apply(null, m as unknown as number[]);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.markings.length;
      if (id >= this.maxMarkings) throw new MiningError('state_limit', `more than ${this.maxMarkings} reachable markings`);
      for (let i = 0; i < m.length; i++) if (m[i] > 0xffff) throw new MiningError('unsound_net', 'unbounded place (token count overflow)');
      this.ids.set(key, id);
      this.markings.push(m);
    }
    return id;
  }

  /** Enabled transitions of marking id. */
  transitionsOf(id: number): Int32Array {
    if (!this.succT[id]) this.expand(id);
    return this.succT[id]!;
  }

  /** Successor markings, parallel to transitionsOf(id). */
  successorsOf(id: number): Int32Array {
    if (!this.succM[id]) this.expand(id);
    return this.succM[id]!;
  }

  /** Bitset of labels that can still occur from marking id (structural over-approximation). */
  reachableLabels(id: number): Uint32Array {
    let s = this.labelSets[id];
    if (!s) {
      s = new Uint32Array(this.words);
      const m = this.markings[id];
      for (let p = 0; p < m.length; p++) {
        if (m[p] === 0) continue;
        const r = this.placeReach[p];
        for (let w = 0; w < this.words; w++) s[w] |= r[w];
      }
      this.labelSets[id] = s;
    }
    return s;
  }

  private expandedUpTo = 0;

  /**
   * What the whole reachability graph says about the way to the final marking (see FinalDistance),
   * or null when it has more markings than bounds.exploreLimit (default 50,000; then it stays
   * lazily explored and searches use the structural heuristic alone). Explored in full once, on
   * first use. The choice depends on the net only, never on which traces were aligned before, so
   * a trace gets the same alignment (among equally cheap ones) in any thread and any order. The
   * limit caps what a wide parallel net that traces cross in a few steps costs up front (about
   * 0.4 s and 40 MB at 50,000 markings).
   */
  distanceToFinal(): FinalDistance | null {
    if (this.distance !== undefined) return this.distance;
    const limit = this.bounds.exploreLimit ?? 50_000;
    try {
      for (; this.expandedUpTo < this.markings.length; this.expandedUpTo++) {
        if (this.markings.length > limit) return (this.distance = null);
        this.transitionsOf(this.expandedUpTo);
      }
    } catch (e) {
      // An unbounded place or the graph's own cap: the search may still never get there.
      if (e instanceof MiningError) return (this.distance = null);
      throw e;
    }
    return (this.distance = finalDistance(this, this.bounds.labelTableLimit));
  }

  private expand(id: number): void {
    const ix = this.net.idx;
    const m = this.markings[id];
    const ts: number[] = [];
    const ms: number[] = [];
    for (let t = 0; t < this.net.transitions.length; t++) {
      let ok = true;
      for (let k = ix.preStart[t]; k < ix.preStart[t + 1]; k++) if (m[ix.preP[k]] < ix.preW[k]) { ok = false; break; }
      if (!ok) continue;
      const next = m.slice();
      for (let k = ix.preStart[t]; k < ix.preStart[t + 1]; k++) next[ix.preP[k]] -= ix.preW[k];
      for (let k = ix.postStart[t]; k < ix.postStart[t + 1]; k++) next[ix.postP[k]] += ix.postW[k];
      ts.push(t);
      ms.push(this.intern(next));
    }
    this.succT[id] = Int32Array.from(ts);
    this.succM[id] = Int32Array.from(ms);
  }
}

// Labels of all transitions reachable in the net graph from each place (ignores synchronisation).
function structuralLabelReach(net: PetriNet, labelOf: Int32Array, words: number): Uint32Array[] {
  const ix = net.idx;
  return net.places.map((_, start) => {
    const bits = new Uint32Array(words);
    const seenP = new Uint8Array(net.places.length);
    const seenT = new Uint8Array(net.transitions.length);
    const stack = [start];
    seenP[start] = 1;
    while (stack.length) {
      const p = stack.pop()!;
      for (let k = ix.outStart[p]; k < ix.outStart[p + 1]; k++) {
        const t = ix.outT[k];
        if (seenT[t]) continue;
        seenT[t] = 1;
        if (labelOf[t] >= 0) bits[labelOf[t] >> 5] |= 1 << (labelOf[t] & 31);
        for (let q = ix.postStart[t]; q < ix.postStart[t + 1]; q++) {
          const p2 = ix.postP[q];
          if (!seenP[p2]) {
            seenP[p2] = 1;
            stack.push(p2);
          }
        }
      }
    }
    return bits;
  });
}

import { MiningError } from '../errors.js';
import type { PetriNet } from '../model/petri-net.js';

/**
 * The reachability graph of a net, explored lazily and memoised: markings are interned to ids,
 * and each marking's (transition, successor) list is computed once and reused by every trace
 * aligned against the same net.
 */
export class MarkingGraph {
  private readonly markings: Int32Array[] = [];
  private readonly succT: (Int32Array | undefined)[] = [];
  private readonly succM: (Int32Array | undefined)[] = [];
  /** Open-addressing table of marking ids + 1 (0: empty), keyed by a hash of the marking. */
  private buckets = new Int32Array(1024);
  private readonly scratch: Int32Array;
  private readonly enabledScratch: Int32Array;
  private readonly successorScratch: Int32Array;
  private labelSetIds = new Int32Array(0);
  private readonly labelSetIndex = new Map<number | string, number>();
  private readonly labelSets: Uint32Array[] = [];
  readonly initial: number;
  readonly final: number;
  /** Model label id per transition (-1: silent). */
  readonly labelOf: Int32Array;
  readonly labels: string[];
  private readonly placeReach: Uint32Array[];
  private readonly words: number;

  constructor(readonly net: PetriNet, readonly maxMarkings = 5_000_000) {
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
    this.scratch = new Int32Array(net.places.length);
    this.enabledScratch = new Int32Array(net.transitions.length);
    this.successorScratch = new Int32Array(net.transitions.length);
    this.initial = this.intern(net.initialMarking);
    this.final = this.intern(net.finalMarking);
  }

  get size(): number {
    return this.markings.length;
  }

  marking(id: number): Int32Array {
    return this.markings[id];
  }

  /** Id of marking m; a new marking keeps m itself, so callers hand over an array they no longer change. */
  intern(m: Int32Array): number {
    const id = this.lookup(m);
    return id >= 0 ? id : this.add(m, ~id);
  }

  /** The id of m, or ~bucket (negative) for the empty bucket where it belongs. */
  private lookup(m: Int32Array): number {
    const buckets = this.buckets;
    const mask = buckets.length - 1;
    let b = hashMarking(m) & mask;
    for (;;) {
      const e = buckets[b];
      if (e === 0) return ~b;
      if (sameMarking(this.markings[e - 1], m)) return e - 1;
      b = (b + 1) & mask;
    }
  }

  private add(m: Int32Array, bucket: number): number {
    const id = this.markings.length;
    if (id >= this.maxMarkings) throw new MiningError('state_limit', `more than ${this.maxMarkings} reachable markings`);
    for (let i = 0; i < m.length; i++) if (m[i] > 0xffff) throw new MiningError('unsound_net', 'unbounded place (token count overflow)');
    this.markings.push(m);
    this.buckets[bucket] = id + 1;
    if (2 * this.markings.length > this.buckets.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const buckets = new Int32Array(this.buckets.length * 2);
    const mask = buckets.length - 1;
    for (let id = 0; id < this.markings.length; id++) {
      let b = hashMarking(this.markings[id]) & mask;
      while (buckets[b] !== 0) b = (b + 1) & mask;
      buckets[b] = id + 1;
    }
    this.buckets = buckets;
  }

  /** Enabled transitions of marking id. */
  transitionsOf(id: number): Int32Array {
    return this.succT[id] ?? this.expand(id);
  }

  /** Successor markings, parallel to transitionsOf(id). */
  successorsOf(id: number): Int32Array {
    if (this.succM[id] === undefined) this.expand(id);
    return this.succM[id]!;
  }

  /** Bitset of labels that can still occur from marking id (structural over-approximation). */
  reachableLabels(id: number): Uint32Array {
    return this.labelSets[this.labelSetOf(id)];
  }

  /** The label bitset with id labelSetOf(...). */
  labelSet(set: number): Uint32Array {
    return this.labelSets[set];
  }

  /** Small id of reachableLabels(id): many markings share one set, so per-set work is done once. */
  labelSetOf(id: number): number {
    if (id >= this.labelSetIds.length) {
      const grown = new Int32Array(Math.max(2 * this.labelSetIds.length, id + 1)).fill(-1);
      grown.set(this.labelSetIds);
      this.labelSetIds = grown;
    }
    const known = this.labelSetIds[id];
    return known >= 0 ? known : (this.labelSetIds[id] = this.internLabelSet(this.markings[id]));
  }

  private internLabelSet(m: Int32Array): number {
    const s = new Uint32Array(this.words);
    for (let p = 0; p < m.length; p++) {
      if (m[p] === 0) continue;
      const r = this.placeReach[p];
      for (let w = 0; w < this.words; w++) s[w] |= r[w];
    }
    const key = this.words === 1 ? s[0] : s.join(',');
    let sid = this.labelSetIndex.get(key);
    if (sid === undefined) {
      sid = this.labelSets.length;
      this.labelSets.push(s);
      this.labelSetIndex.set(key, sid);
    }
    return sid;
  }

  private expand(id: number): Int32Array {
    const { preStart, preP, preW, postStart, postP, postW } = this.net.idx;
    const m = this.markings[id];
    const next = this.scratch;
    const ts = this.enabledScratch;
    const ms = this.successorScratch;
    let count = 0;
    for (let t = 0; t < ts.length; t++) {
      let ok = true;
      for (let k = preStart[t]; k < preStart[t + 1]; k++) if (m[preP[k]] < preW[k]) { ok = false; break; }
      if (!ok) continue;
      next.set(m);
      for (let k = preStart[t]; k < preStart[t + 1]; k++) next[preP[k]] -= preW[k];
      for (let k = postStart[t]; k < postStart[t + 1]; k++) next[postP[k]] += postW[k];
      const found = this.lookup(next);
      ts[count] = t;
      ms[count++] = found >= 0 ? found : this.add(next.slice(), ~found);
    }
    const succT = ts.slice(0, count);
    this.succT[id] = succT;
    this.succM[id] = ms.slice(0, count);
    return succT;
  }
}

function hashMarking(m: Int32Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < m.length; i++) h = Math.imul(h ^ m[i], 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

function sameMarking(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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

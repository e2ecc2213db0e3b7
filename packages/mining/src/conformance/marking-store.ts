import { MiningError } from '../errors.js';
import type { PetriNet } from '../model/petri-net.js';

/** Returned by a store that cannot hold a marking (a safe store meeting a second token on a place). */
export const NOT_HELD = -1;

/** Interned markings with dense ids (0, 1, 2, ... in the order they were first seen). */
export interface MarkingStore {
  readonly size: number;
  /** The marking with this id as token counts per place (a fresh copy for the safe store). */
  marking(id: number): Int32Array;
  /** Id of m (kept by the dense store, so callers hand over an array they no longer change), or NOT_HELD. */
  intern(m: Int32Array): number;
  /** Fires every enabled transition of marking id, in index order, into ts/ms; the count, or NOT_HELD. */
  fireAll(id: number, ts: Int32Array, ms: Int32Array): number;
  /** Calls fn with every place marked in marking id. */
  forEachMarkedPlace(id: number, fn: (p: number) => void): void;
}

/** Any bounded net: token counts per place in one Int32Array per marking, hashed and compared whole. */
export class DenseMarkings implements MarkingStore {
  private readonly markings: Int32Array[] = [];
  /** Open-addressing table of marking ids + 1 (0: empty), keyed by a hash of the marking. */
  private buckets = new Int32Array(1024);
  private readonly scratch: Int32Array;

  constructor(
    private readonly net: PetriNet,
    private readonly maxMarkings: number,
  ) {
    this.scratch = new Int32Array(net.places.length);
  }

  get size(): number {
    return this.markings.length;
  }

  marking(id: number): Int32Array {
    return this.markings[id];
  }

  intern(m: Int32Array): number {
    const id = this.lookup(m);
    return id >= 0 ? id : this.add(m, ~id);
  }

  fireAll(id: number, ts: Int32Array, ms: Int32Array): number {
    const { preStart, preP, preW, postStart, postP, postW } = this.net.idx;
    const m = this.markings[id];
    const next = this.scratch;
    let count = 0;
    for (let t = 0; t < ts.length; t++) {
      let ok = true;
      for (let k = preStart[t]; k < preStart[t + 1]; k++)
        if (m[preP[k]] < preW[k]) {
          ok = false;
          break;
        }
      if (!ok) continue;
      next.set(m);
      for (let k = preStart[t]; k < preStart[t + 1]; k++) next[preP[k]] -= preW[k];
      for (let k = postStart[t]; k < postStart[t + 1]; k++) next[postP[k]] += postW[k];
      const found = this.lookup(next);
      ts[count] = t;
      ms[count++] = found >= 0 ? found : this.add(next.slice(), ~found);
    }
    return count;
  }

  forEachMarkedPlace(id: number, fn: (p: number) => void): void {
    const m = this.markings[id];
    for (let p = 0; p < m.length; p++) if (m[p] !== 0) fn(p);
  }

  /** The id of m, or ~bucket (negative) for the empty bucket where it belongs. */
  private lookup(m: Int32Array): number {
    const buckets = this.buckets;
    const mask = buckets.length - 1;
    let b = hashCounts(m) & mask;
    for (;;) {
      const e = buckets[b];
      if (e === 0) return ~b;
      if (sameCounts(this.markings[e - 1], m)) return e - 1;
      b = (b + 1) & mask;
    }
  }

  private add(m: Int32Array, bucket: number): number {
    const id = this.markings.length;
    if (id >= this.maxMarkings)
      throw new MiningError('state_limit', `more than ${this.maxMarkings} reachable markings`);
    for (let i = 0; i < m.length; i++)
      if (m[i] > 0xffff) throw new MiningError('unsound_net', 'unbounded place (token count overflow)');
    this.markings.push(m);
    this.buckets[bucket] = id + 1;
    if (2 * this.markings.length > this.buckets.length) {
      const buckets = new Int32Array(this.buckets.length * 2);
      const mask = buckets.length - 1;
      for (let i = 0; i < this.markings.length; i++) {
        let b = hashCounts(this.markings[i]) & mask;
        while (buckets[b] !== 0) b = (b + 1) & mask;
        buckets[b] = i + 1;
      }
      this.buckets = buckets;
    }
    return id;
  }
}

/**
 * Safe nets (at most one token per place, all arcs of weight 1: every net the inductive miner and
 * the BPMN conversion produce): a marking is a bitset of ceil(places/32) words, so hashing,
 * comparing and firing cost a word operation where the dense store loops over every place.
 */
export class SafeMarkings implements MarkingStore {
  private readonly width: number;
  /** Marking id * width .. + width: the bitset of marking id. */
  private bits: Int32Array;
  private count = 0;
  private buckets = new Int32Array(1024);
  /** Per transition (t * width ..): the bitset of its input places and of its output places. */
  private readonly pre: Int32Array;
  private readonly post: Int32Array;
  private readonly scratch: Int32Array;

  /** Whether the net's arcs and markings allow a safe store at all (firing may still leave it). */
  static fits(net: PetriNet): boolean {
    const oneOrNone = (m: Int32Array) => m.every((k) => k === 0 || k === 1);
    return net.arcs.every((a) => a.weight === 1) && oneOrNone(net.initialMarking) && oneOrNone(net.finalMarking);
  }

  constructor(
    private readonly net: PetriNet,
    private readonly maxMarkings: number,
  ) {
    const width = Math.max(1, Math.ceil(net.places.length / 32));
    this.width = width;
    this.bits = new Int32Array(1024 * width);
    this.scratch = new Int32Array(width);
    this.pre = new Int32Array(net.transitions.length * width);
    this.post = new Int32Array(net.transitions.length * width);
    for (const a of net.arcs)
      (a.dir === 'pt' ? this.pre : this.post)[a.transition * width + (a.place >> 5)] |= 1 << (a.place & 31);
  }

  get size(): number {
    return this.count;
  }

  marking(id: number): Int32Array {
    const m = new Int32Array(this.net.places.length);
    this.forEachMarkedPlace(id, (p) => (m[p] = 1));
    return m;
  }

  intern(m: Int32Array): number {
    const w = this.scratch;
    w.fill(0);
    for (let p = 0; p < m.length; p++) {
      if (m[p] === 0) continue;
      if (m[p] !== 1) return NOT_HELD;
      w[p >> 5] |= 1 << (p & 31);
    }
    const id = this.lookup(w);
    return id >= 0 ? id : this.add(w, ~id);
  }

  fireAll(id: number, ts: Int32Array, ms: Int32Array): number {
    const { width, pre, post } = this;
    const next = this.scratch;
    let count = 0;
    for (let t = 0; t < ts.length; t++) {
      const bits = this.bits;
      const base = id * width;
      const tb = t * width;
      let ok = true;
      for (let w = 0; w < width; w++)
        if ((bits[base + w] & pre[tb + w]) !== pre[tb + w]) {
          ok = false;
          break;
        }
      if (!ok) continue;
      for (let w = 0; w < width; w++) {
        const kept = bits[base + w] & ~pre[tb + w];
        // A token on a place that still holds one: two tokens, which a bitset cannot hold.
        if ((kept & post[tb + w]) !== 0) return NOT_HELD;
        next[w] = kept | post[tb + w];
      }
      const found = this.lookup(next);
      ts[count] = t;
      ms[count++] = found >= 0 ? found : this.add(next, ~found);
    }
    return count;
  }

  forEachMarkedPlace(id: number, fn: (p: number) => void): void {
    const base = id * this.width;
    for (let w = 0; w < this.width; w++) {
      for (let word = this.bits[base + w]; word !== 0; word &= word - 1) fn(w * 32 + (31 - Math.clz32(word & -word)));
    }
  }

  private lookup(w: Int32Array): number {
    const { buckets, bits, width } = this;
    const mask = buckets.length - 1;
    let b = hashWords(w) & mask;
    for (;;) {
      const e = buckets[b];
      if (e === 0) return ~b;
      const base = (e - 1) * width;
      let same = true;
      for (let k = 0; k < width; k++)
        if (bits[base + k] !== w[k]) {
          same = false;
          break;
        }
      if (same) return e - 1;
      b = (b + 1) & mask;
    }
  }

  private add(w: Int32Array, bucket: number): number {
    const id = this.count;
    if (id >= this.maxMarkings)
      throw new MiningError('state_limit', `more than ${this.maxMarkings} reachable markings`);
    if ((id + 1) * this.width > this.bits.length) {
      const grown = new Int32Array(this.bits.length * 2);
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits.set(w, id * this.width);
    this.count++;
    this.buckets[bucket] = id + 1;
    if (2 * this.count > this.buckets.length) {
      const buckets = new Int32Array(this.buckets.length * 2);
      const mask = buckets.length - 1;
      for (let i = 0; i < this.count; i++) {
        let b = hashWords(this.bits.subarray(i * this.width, (i + 1) * this.width)) & mask;
        while (buckets[b] !== 0) b = (b + 1) & mask;
        buckets[b] = i + 1;
      }
      this.buckets = buckets;
    }
    return id;
  }
}

function hashCounts(m: Int32Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < m.length; i++) h = Math.imul(h ^ m[i], 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

function hashWords(w: Int32Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w[i], 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

function sameCounts(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

import type { NetIndex, PetriNet } from '../model/petri-net.js';

/**
 * A marking that also remembers the order in which places became marked. The reference replay
 * iterates markings as insertion-ordered dicts in a few tie-breaks; keeping that order keeps our
 * numbers identical to it.
 */
export class OrderedMarking {
  constructor(
    readonly c: Int32Array,
    readonly order: number[] = [],
  ) {}

  static from(m: Int32Array): OrderedMarking {
    const om = new OrderedMarking(m.slice());
    m.forEach((k, p) => k > 0 && om.order.push(p));
    return om;
  }

  copy(): OrderedMarking {
    return new OrderedMarking(this.c.slice(), this.order.slice());
  }

  add(p: number, k: number): void {
    const before = this.c[p];
    this.c[p] = before + k;
    if (before <= 0 && this.c[p] > 0) this.order.push(p);
    else if (before > 0 && this.c[p] <= 0) this.drop(p);
  }

  private drop(p: number): void {
    const i = this.order.indexOf(p);
    if (i >= 0) this.order.splice(i, 1);
  }

  enabled(ix: NetIndex, t: number): boolean {
    for (let k = ix.preStart[t]; k < ix.preStart[t + 1]; k++) if (this.c[ix.preP[k]] < ix.preW[k]) return false;
    return true;
  }

  /** Fires t in place (consume then produce, like the reference). */
  fire(ix: NetIndex, t: number): void {
    for (let k = ix.preStart[t]; k < ix.preStart[t + 1]; k++) this.add(ix.preP[k], -ix.preW[k]);
    for (let k = ix.postStart[t]; k < ix.postStart[t + 1]; k++) this.add(ix.postP[k], ix.postW[k]);
  }

  /** Canonical content key (order-free). */
  key(): string {
    return String.fromCharCode(...this.c);
  }

  equals(o: OrderedMarking): boolean {
    for (let i = 0; i < this.c.length; i++) if (this.c[i] !== o.c[i]) return false;
    return true;
  }
}

/** Number of tokens an arc set moves: sum of pre (consumed) or post (produced) weights of t. */
export function consumedBy(ix: NetIndex, t: number): number {
  let s = 0;
  for (let k = ix.preStart[t]; k < ix.preStart[t + 1]; k++) s += ix.preW[k];
  return s;
}

export function producedBy(ix: NetIndex, t: number): number {
  let s = 0;
  for (let k = ix.postStart[t]; k < ix.postStart[t + 1]; k++) s += ix.postW[k];
  return s;
}

const MAX_DEPTH = 50;

/**
 * For each pair of places, the shortest sequence of silent transitions leading from one to the
 * other (depth-first like the reference, keeping the first shortest path found).
 */
export function silentShortestPaths(net: PetriNet): Map<number, number[]>[] {
  const ix = net.idx;
  const paths: Map<number, number[]>[] = net.places.map(() => new Map());
  const visit = (from: number, current: number, path: number[], depth: number) => {
    if (depth > MAX_DEPTH) return;
    const known = paths[from];
    for (let k = ix.outStart[current]; k < ix.outStart[current + 1]; k++) {
      const t = ix.outT[k];
      if (net.transitions[t].label !== null) continue;
      for (let q = ix.postStart[t]; q < ix.postStart[t + 1]; q++) {
        const p2 = ix.postP[q];
        const old = known.get(p2);
        if (old === undefined || path.length + 1 < old.length) {
          const next = [...path, t];
          known.set(p2, next);
          visit(from, p2, next, depth + 1);
        }
      }
    }
  };
  net.places.forEach((_, p) => visit(p, p, [], 0));
  return paths;
}

/**
 * Visible transitions enabled in m or after silent steps from it, explored the way the reference
 * does (a worklist of transitions, each remembered with the latest marking it was found in).
 */
export function visibleEventuallyEnabled(net: PetriNet, m: Int32Array, limit = 100_000): Set<number> {
  const ix = net.idx;
  const byName = (a: number, b: number) => cmpStr(net.transitions[a].id, net.transitions[b].id) || a - b;
  const enabledIn = (mm: Int32Array) => {
    const out: number[] = [];
    for (let t = 0; t < net.transitions.length; t++) if (enabledAt(ix, mm, t)) out.push(t);
    return out.sort(byName);
  };
  const list = enabledIn(m);
  const markingOf = new Map<number, Int32Array>(list.map((t) => [t, m]));
  const visible = new Set<number>();
  const seen = new Set<string>();
  for (let i = 0; i < list.length && i < limit; i++) {
    const t = list[i];
    const mt = markingOf.get(t)!;
    const key = t + '|' + String.fromCharCode(...mt);
    if (seen.has(key)) continue;
    seen.add(key);
    if (net.transitions[t].label !== null) visible.add(t);
    else if (enabledAt(ix, mt, t)) {
      const next = mt.slice();
      for (let k = ix.preStart[t]; k < ix.preStart[t + 1]; k++) next[ix.preP[k]] -= ix.preW[k];
      for (let k = ix.postStart[t]; k < ix.postStart[t + 1]; k++) next[ix.postP[k]] += ix.postW[k];
      for (const t2 of enabledIn(next)) {
        list.push(t2);
        markingOf.set(t2, next);
      }
    }
  }
  return visible;
}

function enabledAt(ix: NetIndex, m: Int32Array, t: number): boolean {
  for (let k = ix.preStart[t]; k < ix.preStart[t + 1]; k++) if (m[ix.preP[k]] < ix.preW[k]) return false;
  return true;
}

/** Code-unit string order (what the reference's sorted() does for ASCII ids). */
export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

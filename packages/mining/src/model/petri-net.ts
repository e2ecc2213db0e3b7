import { MiningError } from '../errors.js';

export interface Place {
  id: string;
  name: string;
}

export interface Transition {
  id: string;
  /** Display name (also kept for silent transitions). */
  name: string;
  /** The activity it stands for; null for a silent (tau) transition. */
  label: string | null;
}

export interface Arc {
  /** 'pt': place -> transition, 'tp': transition -> place. */
  dir: 'pt' | 'tp';
  place: number;
  transition: number;
  weight: number;
}

/** A place/transition net with initial and final marking, indexed for the replay and search algorithms. */
export class PetriNet {
  readonly places: Place[] = [];
  readonly transitions: Transition[] = [];
  readonly arcs: Arc[] = [];
  initialMarking: Int32Array = new Int32Array(0);
  finalMarking: Int32Array = new Int32Array(0);
  private index?: NetIndex;

  constructor(readonly name = 'net') {}

  addPlace(id: string, name = id): number {
    this.index = undefined;
    this.places.push({ id, name });
    return this.places.length - 1;
  }

  addTransition(id: string, label: string | null, name = label ?? id): number {
    this.index = undefined;
    this.transitions.push({ id, name, label });
    return this.transitions.length - 1;
  }

  addArc(dir: 'pt' | 'tp', place: number, transition: number, weight = 1): void {
    this.index = undefined;
    this.arcs.push({ dir, place, transition, weight });
  }

  /** Sets the markings from place-index -> token maps. */
  setMarkings(initial: Map<number, number>, final: Map<number, number>): void {
    this.initialMarking = toArray(initial, this.places.length);
    this.finalMarking = toArray(final, this.places.length);
  }

  /** Adjacency in flat typed arrays (built once, dropped when the net changes). */
  get idx(): NetIndex {
    if (!this.index) this.index = buildIndex(this);
    return this.index;
  }

  placeIndex(id: string): number {
    const i = this.places.findIndex((p) => p.id === id);
    if (i < 0) throw new MiningError('invalid_argument', `no place ${id}`);
    return i;
  }

  /** A plain-data copy (for worker threads and JSON output). */
  toJSON(): NetData {
    return {
      name: this.name,
      places: this.places,
      transitions: this.transitions,
      arcs: this.arcs,
      initialMarking: Array.from(this.initialMarking),
      finalMarking: Array.from(this.finalMarking),
    };
  }

  static fromJSON(d: NetData): PetriNet {
    const net = new PetriNet(d.name);
    for (const p of d.places) net.addPlace(p.id, p.name);
    for (const t of d.transitions) net.addTransition(t.id, t.label, t.name);
    for (const a of d.arcs) net.addArc(a.dir, a.place, a.transition, a.weight);
    net.initialMarking = Int32Array.from(d.initialMarking);
    net.finalMarking = Int32Array.from(d.finalMarking);
    return net;
  }

  get silentCount(): number {
    return this.transitions.filter((t) => t.label === null).length;
  }
}

/** Plain-data form of a net. */
export interface NetData {
  name: string;
  places: Place[];
  transitions: Transition[];
  arcs: Arc[];
  initialMarking: number[];
  finalMarking: number[];
}

function toArray(m: Map<number, number>, n: number): Int32Array {
  const a = new Int32Array(n);
  for (const [p, k] of m) a[p] = k;
  return a;
}

/**
 * Flat adjacency: the input places of transition t are preP[preStart[t] .. preStart[t+1]) with
 * weights preW; likewise post*, and per place the transitions it feeds (placeOut*) or is fed by.
 */
export interface NetIndex {
  preStart: Int32Array;
  preP: Int32Array;
  preW: Int32Array;
  postStart: Int32Array;
  postP: Int32Array;
  postW: Int32Array;
  outStart: Int32Array;
  outT: Int32Array;
  inStart: Int32Array;
  inT: Int32Array;
}

function buildIndex(net: PetriNet): NetIndex {
  const nt = net.transitions.length;
  const np = net.places.length;
  const pre = groupBy(
    net.arcs.filter((a) => a.dir === 'pt'),
    nt,
    (a) => a.transition,
  );
  const post = groupBy(
    net.arcs.filter((a) => a.dir === 'tp'),
    nt,
    (a) => a.transition,
  );
  const out = groupBy(
    net.arcs.filter((a) => a.dir === 'pt'),
    np,
    (a) => a.place,
  );
  const inn = groupBy(
    net.arcs.filter((a) => a.dir === 'tp'),
    np,
    (a) => a.place,
  );
  return {
    preStart: pre.start,
    preP: Int32Array.from(pre.items, (a) => a.place),
    preW: Int32Array.from(pre.items, (a) => a.weight),
    postStart: post.start,
    postP: Int32Array.from(post.items, (a) => a.place),
    postW: Int32Array.from(post.items, (a) => a.weight),
    outStart: out.start,
    outT: Int32Array.from(out.items, (a) => a.transition),
    inStart: inn.start,
    inT: Int32Array.from(inn.items, (a) => a.transition),
  };
}

function groupBy(arcs: Arc[], n: number, key: (a: Arc) => number) {
  const start = new Int32Array(n + 1);
  for (const a of arcs) start[key(a) + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const items: Arc[] = new Array(arcs.length);
  for (const a of arcs) items[fill[key(a)]++] = a;
  return { start, items };
}

/** True when transition t is enabled in marking m. */
export function isEnabled(ix: NetIndex, m: Int32Array, t: number): boolean {
  for (let k = ix.preStart[t]; k < ix.preStart[t + 1]; k++) if (m[ix.preP[k]] < ix.preW[k]) return false;
  return true;
}

/** Fires t in place (no enabledness check). */
export function fire(ix: NetIndex, m: Int32Array, t: number): void {
  for (let k = ix.preStart[t]; k < ix.preStart[t + 1]; k++) m[ix.preP[k]] -= ix.preW[k];
  for (let k = ix.postStart[t]; k < ix.postStart[t + 1]; k++) m[ix.postP[k]] += ix.postW[k];
}

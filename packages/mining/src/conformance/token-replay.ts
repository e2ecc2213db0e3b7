import type { EventLog } from '../log/event-log.js';
import type { PetriNet } from '../model/petri-net.js';
import {
  consumedBy,
  cmpStr,
  OrderedMarking,
  producedBy,
  silentShortestPaths,
  visibleEventuallyEnabled,
} from './ordered-marking.js';

/** Token counts and verdict for one replayed trace. */
export interface TraceReplay {
  fit: boolean;
  fitness: number;
  missing: number;
  consumed: number;
  remaining: number;
  produced: number;
  /** Transitions fired, in order (visible and silent). */
  fired: number[];
  /** Visible transitions whose firing needed missing tokens. */
  problems: number[];
  /** The marking reached before remaining tokens were counted. */
  reached: Int32Array;
  /** Labels of activities of the trace that no transition carries. */
  unknownActivities: string[];
}

/** Log-level token replay result (per variant, weighted by variant counts). */
export interface LogReplay {
  /** One entry per variant of log.variants(). */
  variants: TraceReplay[];
  logFitness: number;
  averageTraceFitness: number;
  percentageFittingTraces: number;
  fittingTraces: number;
  traces: number;
}

/** Options mirroring the reference's token replay switches. */
export interface ReplayOptions {
  considerRemaining?: boolean;
  reachFinalThroughSilent?: boolean;
  stopImmediatelyUnfit?: boolean;
  walkThroughSilent?: boolean;
}

const MAX_REC_DEPTH_HIDTRANSENABL = 2;
const MAX_IT_FINAL = 5;

/** A net prepared for replay: label map and silent shortest paths computed once. */
export class TokenReplayer {
  readonly paths: Map<number, number[]>[];
  private readonly byLabel = new Map<string, number>();

  constructor(readonly net: PetriNet) {
    this.paths = silentShortestPaths(net);
    net.transitions.forEach((t, i) => t.label !== null && this.byLabel.set(t.label, i));
  }

  /** Replays one trace given as activity labels. */
  replay(trace: readonly string[], o: ReplayOptions = {}): TraceReplay {
    return new TraceRun(this, o).run(trace);
  }

  transitionFor(label: string, m: OrderedMarking): number | undefined {
    const fallback = this.byLabel.get(label);
    if (fallback === undefined) return undefined;
    const ix = this.net.idx;
    // With duplicate labels, prefer a transition with this label that is enabled now.
    for (let t = 0; t < this.net.transitions.length; t++) {
      if (this.net.transitions[t].label === label && m.enabled(ix, t)) return t;
    }
    return fallback;
  }

  /** Silent paths from marked places to target places, shortest first (ties: by place id). */
  pathsTowards(m: OrderedMarking, targets: number[]): number[][] {
    const ids = this.net.places;
    const byId = (a: number, b: number) => cmpStr(ids[a].id, ids[b].id);
    const from = m.order.slice().sort(byId);
    const to = targets.slice().sort(byId);
    const out: number[][] = [];
    for (const p1 of from)
      for (const p2 of to) {
        const path = this.paths[p1].get(p2);
        if (path) out.push(path);
      }
    return stableSortByLength(out);
  }
}

function stableSortByLength(a: number[][]): number[][] {
  return a
    .map((p, i) => [p, i] as const)
    .sort((x, y) => x[0].length - y[0].length || x[1] - y[1])
    .map((x) => x[0]);
}

/** The state of one trace's replay; the control flow follows the reference algorithm step by step. */
class TraceRun {
  private m: OrderedMarking;
  private missing = 0;
  private consumed = 0;
  private produced = 0;
  private readonly fired: number[] = [];
  private readonly problems: number[] = [];
  private readonly unknown: string[] = [];
  private readonly net: PetriNet;

  constructor(
    private readonly r: TokenReplayer,
    private readonly o: ReplayOptions,
  ) {
    this.net = r.net;
    this.m = OrderedMarking.from(r.net.initialMarking);
    this.produced = sum(r.net.initialMarking);
  }

  run(trace: readonly string[]): TraceReplay {
    const ix = this.net.idx;
    const walk = this.o.walkThroughSilent ?? true;
    for (const label of trace) {
      const t = this.r.transitionFor(label, this.m);
      if (t === undefined) {
        this.unknown.push(label);
        continue;
      }
      if (walk && !this.m.enabled(ix, t)) this.walkSilent(t);
      if (!this.m.enabled(ix, t)) {
        this.problems.push(t);
        if (this.o.stopImmediatelyUnfit) {
          this.missing++;
          break;
        }
        this.addMissing(t);
      }
      this.consumed += consumedBy(ix, t);
      this.produced += producedBy(ix, t);
      if (this.m.enabled(ix, t)) this.fireT(t);
    }
    if (this.o.reachFinalThroughSilent ?? true) this.reachFinal();
    return this.finish();
  }

  private fireT(t: number): void {
    this.m.fire(this.net.idx, t);
    this.fired.push(t);
  }

  private fireCounted(t: number): void {
    this.fireT(t);
    this.consumed += consumedBy(this.net.idx, t);
    this.produced += producedBy(this.net.idx, t);
  }

  private addMissing(t: number): void {
    const ix = this.net.idx;
    for (let k = ix.preStart[t]; k < ix.preStart[t + 1]; k++) {
      const p = ix.preP[k],
        w = ix.preW[k];
      if (this.m.c[p] < w) {
        this.missing += w - this.m.c[p];
        this.m.add(p, w);
      }
    }
  }

  private walkSilent(t: number): void {
    const before = this.fired.length;
    const visited = new Set<number>();
    this.applyHidden(t, 0, visited);
    const ix = this.net.idx;
    for (let i = before; i < this.fired.length; i++) {
      this.consumed += consumedBy(ix, this.fired[i]);
      this.produced += producedBy(ix, this.fired[i]);
    }
  }

  private missingPlaces(t: number): number[] {
    const ix = this.net.idx;
    const out: number[] = [];
    for (let k = ix.preStart[t]; k < ix.preStart[t + 1]; k++)
      if (this.m.c[ix.preP[k]] < ix.preW[k]) out.push(ix.preP[k]);
    return [...new Set(out)];
  }

  // Fire silent transitions along shortest silent paths to enable t (bounded recursion).
  private applyHidden(t: number, depth: number, visited: Set<number>): void {
    if (depth >= MAX_REC_DEPTH_HIDTRANSENABL || visited.has(t)) return;
    visited.add(t);
    const ix = this.net.idx;
    const missing = this.missingPlaces(t);
    let groups = this.r.pathsTowards(this.m, missing);
    if (!groups.length) return;
    this.enableAlong(groups, t, visited);
    if (this.m.enabled(ix, t)) return;
    groups = this.r.pathsTowards(this.m, missing);
    for (const g of groups) {
      for (const t4 of g) {
        if (t4 === t) continue;
        if (!visited.has(t4)) {
          if (!this.m.enabled(ix, t4)) this.applyHidden(t4, depth + 1, visited);
          if (this.m.enabled(ix, t4)) {
            this.fireT(t4);
            visited.add(t4);
          }
        }
      }
    }
    // The reference recurses on t itself here, which returns at once because t is visited.
  }

  private enableAlong(groups: number[][], t: number, visited: Set<number>): void {
    const ix = this.net.idx;
    const j = new Array<number>(groups.length).fill(0);
    for (let z = 0; z < 10_000_000; z++) {
      let changed = false;
      const g = z % groups.length;
      const path = groups[g];
      for (let k = j[g]; k < path.length; k++) {
        const t3 = path[j[g]];
        if (t3 !== t && this.m.enabled(ix, t3) && !visited.has(t3)) {
          this.fireT(t3);
          visited.add(t3);
          changed = true;
        }
        j[g]++;
        if (this.m.enabled(ix, t)) break;
      }
      if (this.m.enabled(ix, t) || !changed) break;
    }
  }

  private finalPlaces(): number[] {
    const out: number[] = [];
    this.net.finalMarking.forEach((k, p) => k > 0 && out.push(p));
    return out;
  }

  // Final-marking places all marked (the reference's break condition: key containment).
  private finalCovered(): boolean {
    return this.finalPlaces().every((p) => this.m.c[p] > 0);
  }

  private reachFinal(): void {
    const ix = this.net.idx;
    for (let i = 0; i < MAX_IT_FINAL && !this.finalCovered(); i++) {
      for (const group of this.r.pathsTowards(this.m, this.finalPlaces())) {
        for (const t of group) if (this.m.enabled(ix, t)) this.fireCounted(t);
        if (this.finalCovered()) break;
      }
    }
    const fin = this.finalPlaces();
    if (this.finalCovered() || fin.length !== 1) return;
    const sink = fin[0];
    const conns = stableSortByLength(
      this.m.order.filter((p) => this.r.paths[p].has(sink)).map((p) => this.r.paths[p].get(sink)!),
    );
    for (let i = 0; i < MAX_IT_FINAL; i++) {
      for (const path of conns) {
        for (const t of path) {
          if (!this.m.enabled(ix, t)) break;
          this.fireCounted(t);
        }
      }
    }
  }

  private finish(): TraceReplay {
    const fm = this.net.finalMarking;
    const reached = this.m.c.slice();
    let remaining = 0;
    let missingFinal = 0;
    for (let p = 0; p < fm.length; p++) {
      if (fm[p] > 0 && fm[p] - reached[p] > 0) missingFinal += fm[p] - reached[p];
      if (reached[p] > 0) remaining += fm[p] > 0 ? Math.max(0, reached[p] - fm[p]) : reached[p];
    }
    const fit = this.missing === 0 && (!(this.o.considerRemaining ?? true) || remaining === 0);
    const consumed = this.consumed + sum(fm);
    const missing = this.missing + missingFinal;
    const fitness =
      consumed > 0 && this.produced > 0 ? 0.5 * (1 - missing / consumed) + 0.5 * (1 - remaining / this.produced) : 1;
    return {
      fit,
      fitness,
      missing,
      consumed,
      remaining,
      produced: this.produced,
      fired: this.fired,
      problems: this.problems,
      reached,
      unknownActivities: this.unknown,
    };
  }
}

function sum(a: Int32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/** Token-based replay of a whole log (once per variant), with the reference's log fitness. */
export function tokenReplay(log: EventLog, net: PetriNet, o: ReplayOptions = {}): LogReplay {
  const replayer = new TokenReplayer(net);
  const variants = log.variants().map((v) =>
    replayer.replay(
      Array.from(v.activities, (a) => log.activityNames[a]),
      o,
    ),
  );
  return aggregateReplay(
    log.variants().map((v) => v.count),
    variants,
  );
}

/** Log fitness 0.5(1 - m/c) + 0.5(1 - r/p) over all traces, plus fitting-trace share and mean trace fitness. */
export function aggregateReplay(counts: number[], variants: TraceReplay[]): LogReplay {
  let m = 0,
    c = 0,
    r = 0,
    p = 0,
    fitSum = 0,
    fitting = 0,
    traces = 0;
  variants.forEach((v, i) => {
    const k = counts[i];
    m += v.missing * k;
    c += v.consumed * k;
    r += v.remaining * k;
    p += v.produced * k;
    fitSum += v.fitness * k;
    if (v.fit) fitting += k;
    traces += k;
  });
  const logFitness = c > 0 && p > 0 ? 0.5 * (1 - m / c) + 0.5 * (1 - r / p) : 1;
  return {
    variants,
    logFitness,
    traces,
    fittingTraces: fitting,
    averageTraceFitness: traces ? fitSum / traces : 0,
    percentageFittingTraces: traces ? (100 * fitting) / traces : 0,
  };
}

export { visibleEventuallyEnabled };

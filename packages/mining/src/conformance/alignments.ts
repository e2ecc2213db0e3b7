import type { EventLog } from '../log/event-log.js';
import type { NetIndex, PetriNet } from '../model/petri-net.js';
import { alignTrace, MOVE_COST, SearchSpace } from './alignment-search.js';
import { MarkingGraph } from './marking-graph.js';

/** One step of an alignment as people read it: '>>' marks "no move" on that side, null a silent step. */
export interface AlignmentStep {
  log: string | '>>';
  model: string | null | '>>';
  transitionId?: string;
}

/** The alignment of one trace (variant). */
export interface AlignmentResult {
  cost: number;
  /** The reference's trace fitness: 1 - floor(cost/10000) / floor(bwc/10000). */
  fitness: number;
  /** Cost of the trivial alignment: model's cheapest run plus all events as log moves. */
  bwc: number;
  steps: AlignmentStep[];
  visitedStates: number;
}

export interface LogAlignment {
  /** One entry per variant of log.variants(). */
  variants: AlignmentResult[];
  /** 1 - sum(cost) / sum(bwc) over all traces. */
  logFitness: number;
  averageTraceFitness: number;
  percentageFittingTraces: number;
}

/** Aligns traces (as activity names) against one net in this thread, sharing one marking graph. */
export class Aligner {
  readonly graph: MarkingGraph;
  readonly modelCost: number;
  private readonly space = new SearchSpace();

  constructor(
    readonly net: PetriNet,
    opts: { maxMarkings?: number } = {},
  ) {
    this.graph = new MarkingGraph(net, opts.maxMarkings);
    this.modelCost = alignTrace(this.graph, new Int32Array(0), {}, this.space).cost;
  }

  align(trace: readonly string[], opts: { maxStates?: number } = {}): AlignmentResult {
    const ids = Int32Array.from(trace, (a) => this.labelId(a));
    const r = alignTrace(this.graph, ids, opts, this.space);
    const bwc = this.modelCost + trace.length * MOVE_COST;
    const den = Math.floor(bwc / MOVE_COST);
    const fitness = den > 0 ? 1 - Math.floor(r.cost / MOVE_COST) / den : 0;
    const steps = r.moves.map((m): AlignmentStep => {
      const t = m.transition >= 0 ? this.net.transitions[m.transition] : undefined;
      return {
        log: m.event >= 0 ? trace[m.event] : '>>',
        model: t ? t.label : '>>',
        ...(t ? { transitionId: t.id } : {}),
      };
    });
    return { cost: r.cost, fitness, bwc, steps, visitedStates: r.visitedStates };
  }

  private labelIndex?: Map<string, number>;
  private labelId(a: string): number {
    this.labelIndex ??= new Map(this.graph.labels.map((l, i) => [l, i]));
    return this.labelIndex.get(a) ?? -1;
  }
}

interface SharedAligner {
  index: NetIndex;
  initial: Int32Array;
  final: Int32Array;
  aligner: Aligner;
}
const sharedAligners = new WeakMap<PetriNet, SharedAligner>();

/**
 * The Aligner of a net, kept as long as the net object lives and is not changed, so later calls
 * on the same net reuse its marking graph and heuristic label sets. Results do not depend on
 * what an Aligner explored before, only on the net and the trace.
 */
export function alignerFor(net: PetriNet): Aligner {
  const known = sharedAligners.get(net);
  if (
    known &&
    known.index === net.idx &&
    sameMarking(known.initial, net.initialMarking) &&
    sameMarking(known.final, net.finalMarking)
  )
    return known.aligner;
  const aligner = new Aligner(net);
  sharedAligners.set(net, {
    index: net.idx,
    initial: net.initialMarking.slice(),
    final: net.finalMarking.slice(),
    aligner,
  });
  return aligner;
}

function sameMarking(a: Int32Array, b: Int32Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Log-level figures the way the reference computes them, weighting each variant by its count. */
export function aggregateAlignments(counts: number[], variants: AlignmentResult[]): LogAlignment {
  let cost = 0,
    bwc = 0,
    fit = 0,
    fitting = 0,
    traces = 0;
  variants.forEach((v, i) => {
    const k = counts[i];
    cost += v.cost * k;
    bwc += v.bwc * k;
    fit += v.fitness * k;
    if (v.fitness === 1) fitting += k;
    traces += k;
  });
  return {
    variants,
    logFitness: bwc > 0 ? 1 - cost / bwc : 1,
    averageTraceFitness: traces ? fit / traces : 0,
    percentageFittingTraces: traces ? (100 * fitting) / traces : 0,
  };
}

/** Variants of a log as activity-name arrays. */
export function variantTraces(log: EventLog): string[][] {
  return log.variants().map((v) => Array.from(v.activities, (a) => log.activityNames[a]));
}

/** Optimal alignments of every variant in the calling thread. */
export function alignLogSync(log: EventLog, net: PetriNet): LogAlignment {
  const aligner = alignerFor(net);
  const results = variantTraces(log).map((t) => aligner.align(t));
  return aggregateAlignments(
    log.variants().map((v) => v.count),
    results,
  );
}

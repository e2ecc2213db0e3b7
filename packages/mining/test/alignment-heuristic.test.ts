import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readXes } from '../src/log/xes-reader.js';
import { readPnml } from '../src/model/pnml-reader.js';
import {
  alignTrace,
  MOVE_COST,
  remainingCostBound,
  SearchSpace,
  SILENT_COST,
} from '../src/conformance/alignment-search.js';
import { MarkingGraph } from '../src/conformance/marking-graph.js';
import { Aligner, variantTraces } from '../src/conformance/alignments.js';
import { PetriNet } from '../src/model/petri-net.js';
import { treeToPetri, node, leaf } from '../src/discovery/process-tree.js';
import { fixture } from './helpers.js';
import { sharedCases } from './reference-cases.js';
import { processTree } from './tree-arbitrary.js';

const traceArb = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'x'), { maxLength: 8 });

// The three ways the heuristic can be set up: everything, no per-label tables, structural only.
const setups = [{}, { labelTableLimit: 0 }, { exploreLimit: 0 }];

function allMarkings(g: MarkingGraph, limit: number): number[] | null {
  for (let m = 0; m < g.size; m++) {
    if (g.size > limit) return null;
    g.transitionsOf(m);
  }
  return Array.from({ length: g.size }, (_, m) => m);
}

/** Exact cost from every state (marking, position) to the goal, by Dijkstra layer by layer from the end of the trace. */
function exactCostToGo(g: MarkingGraph, trace: Int32Array): Float64Array[] {
  const n = trace.length,
    size = g.size;
  const layers: Float64Array[] = [];
  for (let i = n; i >= 0; i--) {
    const next = layers[0];
    const d = new Float64Array(size).fill(Infinity);
    if (i === n) d[g.final] = 0;
    for (let m = 0; m < size && next; m++) {
      d[m] = Math.min(d[m], MOVE_COST + next[m]);
      const ts = g.transitionsOf(m),
        ms = g.successorsOf(m);
      for (let k = 0; k < ts.length; k++)
        if (g.labelOf[ts[k]] === trace[i] && trace[i] >= 0) d[m] = Math.min(d[m], next[ms[k]]);
    }
    // Model and silent moves stay in the layer: relax until nothing changes (small graphs).
    for (let changed = true; changed;) {
      changed = false;
      for (let m = 0; m < size; m++) {
        const ts = g.transitionsOf(m),
          ms = g.successorsOf(m);
        for (let k = 0; k < ts.length; k++) {
          const v = (g.labelOf[ts[k]] < 0 ? SILENT_COST : MOVE_COST) + d[ms[k]];
          if (v < d[m]) {
            d[m] = v;
            changed = true;
          }
        }
      }
    }
    layers.unshift(d);
  }
  return layers;
}

describe('alignment heuristic', () => {
  test('never exceeds the exact remaining cost, is consistent, and the search stays optimal (random nets and traces)', () => {
    fc.assert(
      fc.property(processTree, fc.array(traceArb, { minLength: 1, maxLength: 4 }), (t, traces) => {
        const net = treeToPetri(t);
        // One search space for every trace and setup, as an aligner reuses it.
        const space = new SearchSpace();
        for (const bounds of setups) {
          const g = new MarkingGraph(net, 5_000_000, bounds);
          const markings = allMarkings(g, 300);
          fc.pre(markings !== null);
          const ids = (tr: string[]) => Int32Array.from(tr, (a) => g.labels.indexOf(a));
          for (const tr of traces.map(ids)) {
            const exact = exactCostToGo(g, tr);
            expect(alignTrace(g, tr, {}, space).cost).toBe(exact[0][g.initial]);
            // The rows the search caches (per marking or per label set) are the bound itself.
            space.reset(g);
            for (let i = 0; i <= tr.length; i++) {
              for (const m of markings!) {
                const h = remainingCostBound(g, tr, m, i);
                expect(space.h(g, tr, m, i)).toBe(h);
                expect(h).toBeLessThanOrEqual(exact[i][m]);
                // Consistency along every move out of (m, i).
                if (i < tr.length) expect(h).toBeLessThanOrEqual(MOVE_COST + remainingCostBound(g, tr, m, i + 1));
                const ts = g.transitionsOf(m),
                  ms = g.successorsOf(m);
                for (let k = 0; k < ts.length; k++) {
                  const l = g.labelOf[ts[k]];
                  expect(h).toBeLessThanOrEqual(
                    (l < 0 ? SILENT_COST : MOVE_COST) + remainingCostBound(g, tr, ms[k], i),
                  );
                  if (l >= 0 && i < tr.length && tr[i] === l)
                    expect(h).toBeLessThanOrEqual(remainingCostBound(g, tr, ms[k], i + 1));
                }
              }
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  test('on a sequence, a missing step and a repeated step are each seen before the search reaches them', async () => {
    const net = treeToPetri(node('seq', [leaf('a'), leaf('b'), leaf('c')]));
    const g = new MarkingGraph(net);
    const id = (a: string) => g.labels.indexOf(a);
    // "a c": b must be a model move; "a b b c": one b must be a log move.
    expect(remainingCostBound(g, Int32Array.from(['a', 'c'], id), g.initial, 0)).toBe(MOVE_COST);
    expect(remainingCostBound(g, Int32Array.from(['a', 'b', 'b', 'c'], id), g.initial, 0)).toBe(MOVE_COST);
    expect(alignTrace(g, Int32Array.from(['a', 'b', 'b', 'c'], id)).cost).toBe(MOVE_COST);
  });

  test('a wide parallel net is explored only up to the limit, then searched with the structural heuristic', () => {
    const branches = 9; // 4^9 markings
    const net = treeToPetri(
      node(
        'and',
        Array.from({ length: branches }, (_, b) => node('seq', [leaf(`a${b}`), leaf(`b${b}`), leaf(`c${b}`)])),
      ),
    );
    const trace = Array.from({ length: branches }, (_, b) => [`a${b}`, `b${b}`, `c${b}`])
      .flat()
      .slice(1);
    const capped = new MarkingGraph(net);
    const ids = Int32Array.from(trace, (a) => capped.labels.indexOf(a));
    expect(alignTrace(capped, ids).cost).toBe(MOVE_COST + 2 * SILENT_COST); // the split and the join are silent
    expect(capped.distanceToFinal()).toBeNull();
    expect(capped.size).toBeLessThan(60_000);
    const full = new MarkingGraph(net, 5_000_000, { exploreLimit: 300_000 });
    expect(full.distanceToFinal()?.labelled[full.initial]).toBe(3 * branches);
    expect(full.size).toBeGreaterThan(4 ** branches);
    expect(alignTrace(full, ids).cost).toBe(MOVE_COST + 2 * SILENT_COST);
  }, 60_000);

  test('an unbounded net that the search crosses in a few steps still aligns (the heuristic falls back)', () => {
    const n = new PetriNet('unbounded');
    const [i, p, o] = ['i', 'p', 'o'].map((x) => n.addPlace(x));
    const gen = n.addTransition('gen', 'Gen'),
      end = n.addTransition('end', 'End');
    n.addArc('pt', i, gen);
    n.addArc('tp', i, gen);
    n.addArc('tp', p, gen, 10_000);
    n.addArc('pt', i, end);
    n.addArc('pt', p, end, 10_000);
    n.addArc('tp', o, end);
    n.setMarkings(new Map([[i, 1]]), new Map([[o, 1]]));
    const al = new Aligner(n);
    expect(al.graph.distanceToFinal()).toBeNull();
    expect(al.align(['Gen', 'End']).cost).toBe(0);
    expect(al.align(['Gen', 'Gen', 'End']).cost).toBe(MOVE_COST);
  });

  test('the alignment of a trace does not depend on what was aligned before on the same graph', async () => {
    const log = await readXes(fixture('roadtraffic100traces.xes'));
    const net = await readPnml(fixture('roadtraffic100traces.imf.pnml'));
    const traces = variantTraces(log);
    const ids = (g: MarkingGraph, t: string[]) => Int32Array.from(t, (a) => g.labels.indexOf(a));
    const forward = new MarkingGraph(net),
      backward = new MarkingGraph(net);
    const a = traces.map((t) => alignTrace(forward, ids(forward, t)).moves);
    const b = [...traces]
      .reverse()
      .map((t) => alignTrace(backward, ids(backward, t)).moves)
      .reverse();
    expect(b).toEqual(a);
  });

  // Every variant's cost equals what the search finds with the structural heuristic alone (the
  // earlier one), on the fixture logs and on every shared reference log.
  const pairs = [
    ['running-example.xes', 'running-example.pnml'],
    ['roadtraffic100traces.xes', 'roadtraffic100traces.im.pnml'],
    ['roadtraffic100traces.xes', 'roadtraffic100traces.imf.pnml'],
  ].map(([l, m]) => [`${l} / ${m}`, fixture(l), fixture(m)] as const);
  const shared = sharedCases.map((c) => [`${c.log} / ${c.model}`, c.logPath, c.modelPath] as const);
  test.each([...pairs, ...shared])(
    'variant costs unchanged: %s',
    async (_n, logPath, modelPath) => {
      const log = await readXes(logPath);
      const net = await readPnml(modelPath);
      const full = new MarkingGraph(net);
      const structural = new MarkingGraph(net, 5_000_000, { exploreLimit: 0 });
      expect(full.distanceToFinal()).not.toBeNull();
      expect(structural.distanceToFinal()).toBeNull();
      let fewer = 0,
        more = 0;
      for (const trace of variantTraces(log)) {
        const ids = (g: MarkingGraph) => Int32Array.from(trace, (a) => g.labels.indexOf(a));
        const a = alignTrace(full, ids(full));
        const b = alignTrace(structural, ids(structural));
        expect(a.cost).toBe(b.cost);
        if (a.visitedStates < b.visitedStates) fewer++;
        if (a.visitedStates > b.visitedStates) more++;
      }
      expect(fewer).toBeGreaterThanOrEqual(more);
    },
    120_000,
  );
});

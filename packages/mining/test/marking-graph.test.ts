import { describe, expect, test } from 'vitest';
import { readPnml } from '../src/model/pnml-reader.js';
import { PetriNet } from '../src/model/petri-net.js';
import { DenseMarkings, SafeMarkings, type MarkingStore } from '../src/conformance/marking-store.js';
import { Aligner } from '../src/conformance/alignments.js';
import { fixture } from './helpers.js';

/** Every reachable marking with its (transition, successor) list, explored breadth-first. */
function explore(store: MarkingStore, net: PetriNet) {
  const ts = new Int32Array(net.transitions.length);
  const ms = new Int32Array(net.transitions.length);
  store.intern(net.initialMarking.slice());
  const out: { marking: number[]; transitions: number[]; successors: number[] }[] = [];
  for (let id = 0; id < store.size; id++) {
    const n = store.fireAll(id, ts, ms);
    out.push({ marking: [...store.marking(id)], transitions: [...ts.slice(0, n)], successors: [...ms.slice(0, n)] });
  }
  return out;
}

// Two parallel branches of `length` places each (2 * length + 2 places), so that markings span
// several 32-bit words and use bit 31.
function parallelChains(length: number): PetriNet {
  const net = new PetriNet('chains');
  const i = net.addPlace('i');
  const o = net.addPlace('o');
  const split = net.addTransition('split', null);
  const join = net.addTransition('join', null);
  net.addArc('pt', i, split);
  net.addArc('tp', o, join);
  for (const branch of ['a', 'b']) {
    let prev = net.addPlace(`${branch}0`);
    net.addArc('tp', prev, split);
    for (let k = 1; k < length; k++) {
      const next = net.addPlace(`${branch}${k}`);
      const t = net.addTransition(`${branch}t${k}`, `${branch}${k}`);
      net.addArc('pt', prev, t);
      net.addArc('tp', next, t);
      prev = next;
    }
    net.addArc('pt', prev, join);
  }
  net.setMarkings(new Map([[i, 1]]), new Map([[o, 1]]));
  return net;
}

describe('marking stores', () => {
  test.each(['running-example.pnml', 'roadtraffic100traces.im.pnml', 'roadtraffic100traces.imf.pnml', 'chains'])(
    'the bitset store of a safe net finds the same reachability graph as the dense one: %s',
    async (name) => {
      const net = name === 'chains' ? parallelChains(20) : await readPnml(fixture(name));
      expect(SafeMarkings.fits(net)).toBe(true);
      const safe = explore(new SafeMarkings(net, 100_000), net);
      expect(safe).toEqual(explore(new DenseMarkings(net, 100_000), net));
      expect(safe.length).toBeGreaterThan(net.places.length / 2);
    },
  );

  test('a net that puts a second token on a place moves to the dense store and aligns as before', () => {
    // a forks into p1 and p2; b and c each put a token on q, so q holds two; d and e take them.
    const net = new PetriNet('two tokens');
    const [i, p1, p2, q, x, o] = ['i', 'p1', 'p2', 'q', 'x', 'o'].map((p) => net.addPlace(p));
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((l) => net.addTransition(l, l));
    for (const [p, t] of [
      [i, a],
      [p1, b],
      [p2, c],
      [q, d],
      [q, e],
      [x, e],
    ])
      net.addArc('pt', p, t);
    for (const [p, t] of [
      [p1, a],
      [p2, a],
      [q, b],
      [q, c],
      [x, d],
      [o, e],
    ])
      net.addArc('tp', p, t);
    net.setMarkings(new Map([[i, 1]]), new Map([[o, 1]]));
    expect(SafeMarkings.fits(net)).toBe(true);

    const aligner = new Aligner(net);
    expect(aligner.modelCost).toBe(50_000);
    expect(aligner.align(['a', 'b', 'c', 'd', 'e']).cost).toBe(0);
    expect(aligner.align(['a', 'b', 'd', 'c', 'e']).cost).toBe(0);
    const skipped = aligner.align(['a', 'b', 'c', 'e']);
    expect(skipped.cost).toBe(10_000);
    expect(skipped.steps.filter((s) => s.log === '>>').map((s) => s.model)).toEqual(['d']);
    const graph = aligner.graph;
    const counts = Array.from({ length: graph.size }, (_, id) => Math.max(...graph.marking(id)));
    expect(Math.max(...counts)).toBe(2);
  });
});

import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readXes } from '../src/log/xes-reader.js';
import { readPnml } from '../src/model/pnml-reader.js';
import { alignerFor, alignLogSync, Aligner, variantTraces } from '../src/conformance/alignments.js';
import { alignLog } from '../src/conformance/parallel-align.js';
import { TokenReplayer } from '../src/conformance/token-replay.js';
import { playOut } from '../src/model/playout.js';
import { fixture } from './helpers.js';
import { fixtureCases, sharedCases, type RefCase } from './reference-cases.js';

async function check(c: RefCase) {
  const log = await readXes(c.logPath);
  const net = await readPnml(c.modelPath);
  const r = alignLogSync(log, net);
  expect(r.logFitness).toBeCloseTo(c.align.log_fitness, 9);
  expect(r.averageTraceFitness).toBeCloseTo(c.align.average_trace_fitness, 9);
  expect(r.percentageFittingTraces).toBeCloseTo(c.align.percentage_of_fitting_traces, 9);
}

describe('alignments equal the reference', () => {
  test.each(fixtureCases.map((c) => [c.model, c] as const))('fixture %s', async (_n, c) => check(c));
  test.skipIf(!sharedCases.length).each(sharedCases.map((c) => [`${c.log} / ${c.model}`, c] as const))(
    'shared %s',
    async (_n, c) => check(c),
    120_000,
  );
});

describe('alignment details', () => {
  test('a skipped step is one model move, an extra step one log move', async () => {
    const net = await readPnml(fixture('running-example.pnml'));
    const al = new Aligner(net);
    const fitting = al.align(['register request', 'check ticket', 'examine casually', 'decide', 'pay compensation']);
    expect(Math.floor(fitting.cost / 10_000)).toBe(0);
    const skipped = al.align(['register request', 'examine casually', 'decide', 'pay compensation']);
    expect(Math.floor(skipped.cost / 10_000)).toBe(1);
    expect(skipped.steps.filter((s) => s.log === '>>' && s.model === 'check ticket')).toHaveLength(1);
    const extra = al.align([
      'register request',
      'check ticket',
      'examine casually',
      'coffee',
      'decide',
      'pay compensation',
    ]);
    expect(extra.steps.filter((s) => s.model === '>>').map((s) => s.log)).toEqual(['coffee']);
    expect(extra.fitness).toBeCloseTo(1 - 1 / (6 + Math.floor(al.modelCost / 10_000)), 12);
  });

  test('worker threads compute the same alignments and log fitness off the main thread', async () => {
    const log = await readXes(fixture('roadtraffic100traces.xes'));
    const net = await readPnml(fixture('roadtraffic100traces.imf.pnml'));
    const r = await alignLog(log, net, { workers: 2, mainThreadHelps: false });
    expect(r.logFitness).toBeCloseTo(0.9876801420321205, 12);
    expect(r.threadIds.length).toBeGreaterThan(0);
    expect(r.threadIds.every((id) => id !== 0)).toBe(true);
    // Each worker builds its own graph; among equally cheap alignments it picks the same one.
    expect(r.variants.map((v) => v.steps)).toEqual(alignLogSync(log, net).variants.map((v) => v.steps));
  }, 60_000);

  test('with the main thread helping, the pool gives the same figures', async () => {
    const log = await readXes(fixture('roadtraffic100traces.xes'));
    const net = await readPnml(fixture('roadtraffic100traces.imf.pnml'));
    const r = await alignLog(log, net, { workers: 2 });
    expect(r.logFitness).toBeCloseTo(0.9876801420321205, 12);
    expect(r.variants.every((v) => v !== undefined)).toBe(true);
  }, 60_000);
});

describe('one aligner per net', () => {
  test('later calls on the same net reuse its aligner, and a changed net gets a new one', async () => {
    const net = await readPnml(fixture('running-example.pnml'));
    const first = alignerFor(net);
    expect(alignerFor(net)).toBe(first);
    net.finalMarking = net.finalMarking.slice();
    expect(alignerFor(net)).toBe(first);
    net.finalMarking = net.initialMarking.slice();
    const afterMarkingChange = alignerFor(net);
    expect(afterMarkingChange).not.toBe(first);
    expect(afterMarkingChange.modelCost).toBe(0);
    net.addTransition('extra', null);
    expect(alignerFor(net)).not.toBe(afterMarkingChange);
  });

  test('an alignment does not depend on what the aligner explored before', async () => {
    const log = await readXes(fixture('roadtraffic100traces.xes'));
    const net = await readPnml(fixture('roadtraffic100traces.imf.pnml'));
    const traces = variantTraces(log);
    const fresh = traces.map((t) => new Aligner(net).align(t));
    const shared = new Aligner(net);
    const reversed = [...traces]
      .reverse()
      .map((t) => shared.align(t))
      .reverse();
    expect(reversed).toEqual(fresh);
    expect(traces.map((t) => shared.align(t))).toEqual(fresh);
  });
});

describe('alignment properties', () => {
  const models = ['running-example.pnml', 'roadtraffic100traces.im.pnml', 'roadtraffic100traces.imf.pnml'];

  test.each(models)('played-out traces of %s align without deviations and fit by token replay', async (m) => {
    const net = await readPnml(fixture(m));
    const al = new Aligner(net);
    const replayer = new TokenReplayer(net);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const trace = playOut(net, mulberry(seed));
        fc.pre(trace !== null);
        const a = al.align(trace!);
        expect(Math.floor(a.cost / 10_000)).toBe(0);
        expect(a.fitness).toBe(1);
        expect(replayer.replay(trace!).fit).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  test.each(models)('alignment cost never exceeds the trivial alignment on %s', async (m) => {
    const net = await readPnml(fixture(m));
    const al = new Aligner(net);
    const labels = [...new Set(net.transitions.map((t) => t.label).filter((l): l is string => l !== null)), 'unknown'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...labels), { maxLength: 12 }), (trace) => {
        const a = al.align(trace);
        expect(a.cost).toBeLessThanOrEqual(a.bwc);
        expect(a.fitness).toBeGreaterThanOrEqual(0);
        expect(a.steps.filter((s) => s.log !== '>>').map((s) => s.log)).toEqual(trace);
      }),
      { numRuns: 80 },
    );
  });
});

/** Small seeded generator so a failing case can be replayed from its seed. */
function mulberry(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

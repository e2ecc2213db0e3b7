import { describe, expect, test } from 'vitest';
import { readXes } from '../src/log/xes-reader.js';
import { readPnml } from '../src/model/pnml-reader.js';
import { tokenReplay, TokenReplayer } from '../src/conformance/token-replay.js';
import { fixture } from './helpers.js';
import { fixtureCases, sharedCases, type RefCase } from './reference-cases.js';

async function check(c: RefCase) {
  const log = await readXes(c.logPath);
  const net = await readPnml(c.modelPath);
  const r = tokenReplay(log, net);
  expect(r.logFitness).toBeCloseTo(c.tbr.log_fitness, 9);
  expect(r.percentageFittingTraces).toBeCloseTo(c.tbr.perc_fit_traces, 9);
  expect(r.averageTraceFitness).toBeCloseTo(c.tbr.average_trace_fitness, 9);
}

describe('token replay equals the reference', () => {
  test.each(fixtureCases.map((c) => [c.model, c] as const))('fixture %s', async (_n, c) => check(c));
  test.skipIf(!sharedCases.length).each(sharedCases.map((c) => [`${c.log} / ${c.model}`, c] as const))(
    'shared %s',
    async (_n, c) => check(c),
    60_000,
  );
});

describe('token replay details', () => {
  test('a trace missing a step has missing and remaining tokens', async () => {
    const net = await readPnml(fixture('running-example.pnml'));
    const r = new TokenReplayer(net).replay(['register request', 'check ticket', 'decide', 'pay compensation']);
    expect(r.fit).toBe(false);
    expect(r.missing).toBeGreaterThan(0);
    expect(r.remaining).toBeGreaterThan(0);
    expect(r.fitness).toBeLessThan(1);
    expect(r.fitness).toBeCloseTo(0.5 * (1 - r.missing / r.consumed) + 0.5 * (1 - r.remaining / r.produced), 12);
  });

  test('activities unknown to the model are reported, not fatal', async () => {
    const net = await readPnml(fixture('running-example.pnml'));
    const r = new TokenReplayer(net).replay(['register request', 'coffee break']);
    expect(r.unknownActivities).toEqual(['coffee break']);
  });
});

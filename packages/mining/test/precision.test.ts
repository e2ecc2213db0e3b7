import { describe, expect, test } from 'vitest';
import { readXes } from '../src/log/xes-reader.js';
import { readPnml } from '../src/model/pnml-reader.js';
import { alignEtcPrecision, etcPrecision } from '../src/conformance/precision.js';
import { fixture } from './helpers.js';
import { fixtureCases, sharedCases, type RefCase } from './reference-cases.js';

async function check(c: RefCase) {
  const log = await readXes(c.logPath);
  const net = await readPnml(c.modelPath);
  expect(etcPrecision(log, net).precision).toBeCloseTo(c.precision, 9);
}

describe('ETC precision equals the reference', () => {
  test.each(fixtureCases.map((c) => [c.model, c] as const))('fixture %s', async (_n, c) => check(c));
  test.skipIf(!sharedCases.length).each(sharedCases.map((c) => [`${c.log} / ${c.model}`, c] as const))(
    'shared %s',
    async (_n, c) => check(c),
    60_000,
  );
});

describe('alignment-based precision', () => {
  test('is a share between 0 and 1 and at least token-based precision on a fitting log', async () => {
    const log = await readXes(fixture('running-example.xes'));
    const net = await readPnml(fixture('running-example.pnml'));
    const a = alignEtcPrecision(log, net);
    expect(a.precision).toBeGreaterThan(0);
    expect(a.precision).toBeLessThanOrEqual(1);
    expect(a.escapingEdges).toBeLessThanOrEqual(a.allowedTasks);
    expect(a.precision).toBeGreaterThanOrEqual(etcPrecision(log, net).precision);
  });
});

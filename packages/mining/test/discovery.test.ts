import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readCsv } from '../src/log/csv-reader.js';
import { readXes } from '../src/log/xes-reader.js';
import { inductiveMiner } from '../src/discovery/inductive-miner.js';
import { treeToPetri, treeToString } from '../src/discovery/process-tree.js';
import { treeToBpmn } from '../src/discovery/tree-to-bpmn.js';
import { readBpmnAsPetri } from '../src/model/bpmn-to-petri.js';
import { alignLogSync } from '../src/conformance/alignments.js';
import { tokenReplay } from '../src/conformance/token-replay.js';
import { etcPrecision } from '../src/conformance/precision.js';
import { checkSoundness } from '../src/model/soundness.js';
import { fixture, hasShared, shared } from './helpers.js';

describe('inductive miner', () => {
  test('running example: the textbook tree, with the reference precision', async () => {
    const log = await readXes(fixture('running-example.xes'));
    const tree = inductiveMiner(log);
    expect(treeToString(tree)).toBe(
      "->('register request', *(->(+(X('examine casually', 'examine thoroughly'), 'check ticket'), 'decide'), 'reinitiate request'), X('pay compensation', 'reject request'))",
    );
    const net = treeToPetri(tree);
    expect([net.places.length, net.transitions.length, net.silentCount]).toEqual([9, 10, 2]);
    expect(etcPrecision(log, net).precision).toBeCloseTo(0.7530864197530864, 9);
  });

  test('IM models fit their log perfectly', async () => {
    for (const f of ['running-example.xes', 'roadtraffic100traces.xes']) {
      const log = await readXes(fixture(f));
      const net = treeToPetri(inductiveMiner(log));
      expect(alignLogSync(log, net).percentageFittingTraces).toBe(100);
      expect(tokenReplay(log, net).logFitness).toBe(1);
    }
  });

  test('IMf drops infrequent behaviour and stays close to the log', async () => {
    const log = await readXes(fixture('roadtraffic100traces.xes'));
    const imf = treeToPetri(inductiveMiner(log, { noiseThreshold: 0.2 }));
    const labels = imf.transitions.map((t) => t.label).filter((l): l is string => l !== null);
    expect(labels.every((l) => log.activityNames.includes(l))).toBe(true);
    expect(new Set(labels).size).toBeGreaterThanOrEqual(log.activityNames.length - 2);
    expect(alignLogSync(log, imf).percentageFittingTraces).toBeGreaterThan(80);
  });

  test('discovered BPMN has a diagram and describes the same behaviour', async () => {
    const log = await readXes(fixture('running-example.xes'));
    const xml = await treeToBpmn(inductiveMiner(log));
    expect(xml).toContain('bpmndi:BPMNShape');
    expect(xml).toContain('name="register request"');
    const net = await readBpmnAsPetri(xml);
    expect(alignLogSync(log, net).percentageFittingTraces).toBe(100);
  });

  test.skipIf(!hasShared)(
    'BPIC15_1 (398 activities) is mined into a fitting model',
    async () => {
      const log = await readXes(shared('BPIC15_1.xes.gz'));
      const net = treeToPetri(inductiveMiner(log));
      expect(new Set(net.transitions.map((t) => t.label).filter(Boolean)).size).toBe(398);
      expect(tokenReplay(log, net).logFitness).toBe(1);
    },
    60_000,
  );

  test('on any log, the IM model is a sound workflow net that every trace fits', async () => {
    const trace = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(fc.array(trace, { minLength: 1, maxLength: 10 }), async (traces) => {
        const rows = traces.flatMap((t, c) =>
          t.map((a, i) => `c${c},${a},2026-01-01T00:${String(i).padStart(2, '0')}:00Z`),
        );
        const log = await readCsv(Buffer.from(`case,activity,timestamp\n${rows.join('\n')}\n`));
        const net = treeToPetri(inductiveMiner(log));
        expect(checkSoundness(net).sound).toBe(true);
        expect(alignLogSync(log, net).percentageFittingTraces).toBe(100);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});

import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readPnml, readPnmlText } from '../src/model/pnml-reader.js';
import { writePnml } from '../src/model/pnml-writer.js';
import { assertSound, checkSoundness } from '../src/model/soundness.js';
import { PetriNet } from '../src/model/petri-net.js';
import { treeToPetri } from '../src/discovery/process-tree.js';
import { MiningError } from '../src/errors.js';
import { fixture } from './helpers.js';
import { processTree } from './tree-arbitrary.js';

function net(build: (n: PetriNet) => void): PetriNet {
  const n = new PetriNet('t');
  build(n);
  return n;
}

describe('soundness', () => {
  test.each(['running-example.pnml', 'running-example.im.pnml', 'roadtraffic100traces.im.pnml'])(
    '%s is a sound workflow net',
    async (f) => {
      const r = checkSoundness(await readPnml(fixture(f)));
      expect(r.problems).toEqual([]);
      expect(r.sound).toBe(true);
      expect(r.safe).toBe(true);
    },
  );

  test('a deadlocking AND-join of an XOR-split is reported in words', () => {
    const n = net((n) => {
      const [i, a, b, o] = ['i', 'a', 'b', 'o'].map((p) => n.addPlace(p));
      const x = n.addTransition('x', 'X'),
        y = n.addTransition('y', 'Y'),
        j = n.addTransition('j', 'J');
      n.addArc('pt', i, x);
      n.addArc('tp', a, x);
      n.addArc('pt', i, y);
      n.addArc('tp', b, y);
      n.addArc('pt', a, j);
      n.addArc('pt', b, j);
      n.addArc('tp', o, j);
      n.setMarkings(new Map([[i, 1]]), new Map([[o, 1]]));
    });
    const r = checkSoundness(n);
    expect(r.sound).toBe(false);
    expect(r.optionToComplete).toBe(false);
    expect(r.deadTransitions).toEqual(['J']);
    expect(() => assertSound(n)).toThrow(MiningError);
  });

  test('an unbounded net is found without exploring forever', () => {
    const n = net((n) => {
      const [i, p, o] = ['i', 'p', 'o'].map((x) => n.addPlace(x));
      const gen = n.addTransition('gen', 'Gen'),
        end = n.addTransition('end', 'End');
      n.addArc('pt', i, gen);
      n.addArc('tp', i, gen);
      n.addArc('tp', p, gen);
      n.addArc('pt', i, end);
      n.addArc('tp', o, end);
      n.addArc('pt', p, end);
      n.setMarkings(new Map([[i, 1]]), new Map([[o, 1]]));
    });
    const r = checkSoundness(n);
    expect(r.bounded).toBe(false);
    expect(r.problems.join(' ')).toContain('unbounded');
  });

  test('process trees always translate into sound nets (property)', () => {
    fc.assert(
      fc.property(processTree, (t) => {
        const r = checkSoundness(treeToPetri(t), 50_000);
        fc.pre(!r.truncated);
        expect(r.problems).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  test('PNML write then read keeps the net', async () => {
    const n = await readPnml(fixture('roadtraffic100traces.imf.pnml'));
    const back = await readPnmlText(writePnml(n));
    expect(back.toJSON()).toEqual({ ...n.toJSON(), name: back.name });
  });
});

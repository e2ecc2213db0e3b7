import { describe, expect, test } from 'vitest';
import { ReplayEngine, type ReplayGeometry } from './replay-engine.js';

// start -> A -> gateway -> B -> end, drawn left to right on y = 0; A at x 100, B at x 300.
const geometry: ReplayGeometry = {
  centre: (id) =>
    (
      ({ start: { x: 0, y: 0 }, A: { x: 100, y: 0 }, B: { x: 300, y: 0 }, end: { x: 400, y: 0 } }) as Record<
        string,
        { x: number; y: number }
      >
    )[id],
  connections: [
    {
      source: 'start',
      target: 'A',
      waypoints: [
        { x: 0, y: 0 },
        { x: 90, y: 0 },
      ],
    },
    {
      source: 'A',
      target: 'g',
      waypoints: [
        { x: 110, y: 0 },
        { x: 200, y: 0 },
      ],
    },
    {
      source: 'g',
      target: 'B',
      waypoints: [
        { x: 200, y: 0 },
        { x: 290, y: 0 },
      ],
    },
    {
      source: 'B',
      target: 'end',
      waypoints: [
        { x: 310, y: 0 },
        { x: 400, y: 0 },
      ],
    },
  ],
  isTask: (id) => id === 'A' || id === 'B',
  ends: ['end'],
};

function at(engine: ReplayEngine, t: number) {
  const xy = new Float64Array(engine.count * 2);
  const visible = new Uint32Array(engine.count);
  const n = engine.positions(t, xy, visible, 0);
  return { n, xy: Array.from(xy.subarray(0, n * 2)), visible: Array.from(visible.subarray(0, n)) };
}

describe('replay positions', () => {
  // Case 0: A at minute 0, B at minute 100. Case 1: A at minute 50, then an activity outside the model, no B.
  const engine = new ReplayEngine(
    {
      t0: 0,
      t1: 0,
      elements: ['A', 'B'],
      total: 2,
      cases: [
        { k: 'c0', s: 0, p: [0, 0, 1, 100] },
        { k: 'c1', s: 3, p: [0, 50, -1, 60] },
      ],
    },
    geometry,
  );

  test('a ball appears at its first step and moves along the flows in proportion to the time between its events', () => {
    expect(at(engine, -1).n).toBe(0);
    expect(at(engine, 0)).toEqual({ n: 1, xy: [100, 0], visible: [0] });
    const mid = at(engine, 50);
    expect(mid.visible).toEqual([0, 1]);
    expect(mid.xy[0]).toBeCloseTo(200, 5);
    expect(mid.xy[2]).toBe(100);
  });

  test('scrubbing back and forth gives the same positions, and finished cases leave the diagram', () => {
    const forward = at(engine, 75);
    at(engine, 10);
    expect(at(engine, 75)).toEqual(forward);
    expect(at(engine, 100 + 24 * 60 + 1).n).toBe(0);
    expect(engine.span).toEqual({ from: 0, to: 100 + 24 * 60 });
  });

  test('states are kept per ball', () => {
    expect(Array.from(engine.states)).toEqual([0, 3]);
  });
});

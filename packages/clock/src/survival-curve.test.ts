import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { beyond, conditionalQuantile, survivalCurve, type SurvivalObservation } from './survival-curve.js';

const decided = (exit: number, entry = 0): SurvivalObservation => ({ entry, exit, decided: true });
const open = (exit: number, entry = 0): SurvivalObservation => ({ entry, exit, decided: false });

/** The product-limit estimate straight from its definition: at risk at u when entry < u ≤ exit. */
function definitionQuantile(obs: SurvivalObservation[], t: number, q: number): { days: number; open: boolean } {
  const used = obs.filter((o) => o.exit > Math.max(0, o.entry));
  const times = [...new Set(used.filter((o) => o.decided && o.exit > t).map((o) => o.exit))].sort((a, b) => a - b);
  let s = 1;
  for (const u of times) {
    const n = used.filter((o) => Math.max(0, o.entry) < u && u <= o.exit).length;
    const d = used.filter((o) => o.decided && o.exit === u).length;
    s *= 1 - d / n;
    if (s <= 1 - q + 1e-9) return { days: u - t, open: false };
  }
  return { days: Math.max(0, Math.max(0, ...used.map((o) => o.exit)) - t), open: true };
}

const observation = fc.record({
  entry: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })),
  length: fc.integer({ min: 0, max: 60 }),
  decided: fc.boolean(),
});
const observations = fc
  .array(observation, { maxLength: 60 })
  .map((xs) => xs.map((x) => ({ entry: x.entry, exit: x.entry + x.length, decided: x.decided })));

describe('product-limit curve', () => {
  test('hand-computed: decisions at 2, 4, 6, 8 and open cases at 3 and 5', () => {
    const curve = survivalCurve([decided(2), open(3), decided(4), open(5), decided(6), decided(8)]);
    // S(2) = 5/6, S(4) = 5/6 · 3/4 = 0.625, S(6) = 0.625 · 1/2 = 0.3125, S(8) = 0
    expect(Array.from(curve.times)).toEqual([2, 4, 6, 8]);
    expect(Array.from(curve.atRisk)).toEqual([6, 4, 2, 1]);
    expect(conditionalQuantile(curve, 0, 0.5)).toEqual({ days: 6, open: false });
    expect(conditionalQuantile(curve, 0, 0.9)).toEqual({ days: 8, open: false });
    // waited 3 days: S(4)/S(3) = 3/4, S(6)/S(3) = 3/8 → median 6 − 3; the fall to zero at 8 → upper 5
    expect(conditionalQuantile(curve, 3, 0.5)).toEqual({ days: 3, open: false });
    expect(conditionalQuantile(curve, 3, 0.9)).toEqual({ days: 5, open: false });
    expect(beyond(curve, 3)).toEqual({ seen: 4, decided: 3 });
  });

  test('a case entering late counts only from its entry age; exactly 1 − q counts as reached', () => {
    // the same cases plus one seen from age 5 to 7, still open: at age 6 three are at risk, not two
    const curve = survivalCurve([decided(2), open(3), decided(4), open(5), decided(6), decided(8), open(7, 5)]);
    expect(Array.from(curve.atRisk)).toEqual([6, 4, 3, 1]);
    // waited 3 days: S(6)/S(3) = 3/4 · 2/3 = 1/2 exactly
    expect(conditionalQuantile(curve, 3, 0.5)).toEqual({ days: 3, open: false });
    // a decision at an age no earlier than its entry tells nothing and is left out
    expect(survivalCurve([decided(5, 5), decided(3, 4)]).observations).toBe(0);
  });

  test('where the curve does not fall far enough the answer is "more than N days"', () => {
    const curve = survivalCurve([decided(1), decided(2), open(10), open(10), open(10)]);
    // S(2) = 4/5 · 3/4 = 0.6: never ≤ 0.5 within the ages seen (up to 10)
    expect(conditionalQuantile(curve, 0, 0.5)).toEqual({ days: 10, open: true });
    expect(conditionalQuantile(curve, 4, 0.9)).toEqual({ days: 6, open: true });
    expect(conditionalQuantile(survivalCurve([]), 4, 0.9)).toEqual({ days: 0, open: true });
  });

  test('without censoring and late entry it is the empirical conditional quantile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 19 }),
        (durations, t, twentieths) => {
          const q = twentieths / 20;
          const curve = survivalCurve(durations.map((d) => decided(d)));
          const remaining = durations.filter((d) => d > t).map((d) => d - t);
          remaining.sort((a, b) => a - b);
          const got = conditionalQuantile(curve, t, q);
          if (remaining.length === 0) {
            expect(got.open).toBe(true);
          } else {
            // the smallest r with #(remaining > r) ≤ (1 − q)·m: the ⌈q·m⌉-th smallest remaining time
            const k = Math.ceil((twentieths * remaining.length) / 20);
            expect(got).toEqual({ days: remaining[k - 1], open: false });
          }
        },
      ),
    );
  });

  test('equals the product-limit estimate computed from its definition, with censoring and late entry', () => {
    fc.assert(
      fc.property(
        observations,
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom(0.25, 0.5, 0.75, 0.9),
        (obs, t, q) => {
          expect(conditionalQuantile(survivalCurve(obs), t, q)).toEqual(definitionQuantile(obs, t, q));
        },
      ),
    );
  });

  test('quantiles are monotone: in q, and the decision age t + r in t', () => {
    fc.assert(
      fc.property(observations, fc.integer({ min: 0, max: 99 }), (obs, t) => {
        const curve = survivalCurve(obs);
        const qs = [0.1, 0.5, 0.9, 0.95].map((q) => conditionalQuantile(curve, t, q));
        for (let i = 1; i < qs.length; i++) {
          expect(qs[i].days).toBeGreaterThanOrEqual(qs[i - 1].days);
          if (qs[i - 1].open) expect(qs[i].open).toBe(true);
        }
        for (const q of [0.5, 0.9]) {
          const now = conditionalQuantile(curve, t, q);
          const later = conditionalQuantile(curve, t + 1, q);
          if (!now.open && !later.open) expect(t + 1 + later.days).toBeGreaterThanOrEqual(t + now.days);
        }
      }),
    );
  });

  test('random histories never crash and give a remaining time ≥ 0', () => {
    const anyNumber = fc.oneof(
      fc.double({ noNaN: false }),
      fc.constantFrom(NaN, Infinity, -Infinity, -1, 0),
      fc.double({ min: 0, max: 1e4, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ entry: anyNumber, exit: anyNumber, decided: fc.boolean() }), { maxLength: 50 }),
        anyNumber,
        anyNumber,
        (obs, t, q) => {
          const r = conditionalQuantile(survivalCurve(obs), t, q);
          expect(r.days).toBeGreaterThanOrEqual(0);
          expect(Number.isNaN(r.days)).toBe(false);
        },
      ),
    );
  });
});

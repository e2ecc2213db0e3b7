import { describe, expect, test } from 'vitest';
import {
  allocateSample,
  binomialCdf,
  clopperPearsonInterval,
  compareEstimates,
  drawOrder,
  drawSample,
  nextReplacement,
  normalCdf,
  sampleSizeForMargin,
  seededRandom,
  simpleEstimate,
  stratifiedEstimate,
  twoProportionTest,
  wilsonFromCounts,
} from './index.js';

// Known values computed independently (SciPy 1.x: scipy.stats.beta.ppf, norm.ppf/sf, and the formulas by hand).
describe('intervals against known values', () => {
  test.each([
    [10, 50, 0.112438, 0.330371],
    [0, 20, 0, 0.161125],
    [20, 20, 0.838875, 1],
    [3, 40, 0.025836, 0.198642],
  ])('Wilson %i of %i', (x, n, lo, hi) => {
    const w = wilsonFromCounts(x, n);
    expect(w.lower).toBeCloseTo(lo, 5);
    expect(w.upper).toBeCloseTo(hi, 5);
  });

  test.each([
    [10, 50, 0.100302, 0.337183],
    [0, 20, 0, 0.168433],
    [20, 20, 0.831567, 1],
    [3, 40, 0.015742, 0.203865],
  ])('Clopper–Pearson %i of %i', (x, n, lo, hi) => {
    const c = clopperPearsonInterval(x, n);
    expect(c.lower).toBeCloseTo(lo, 5);
    expect(c.upper).toBeCloseTo(hi, 5);
  });

  test('the normal and binomial distribution functions', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-2.54)).toBeCloseTo(0.005543, 5);
    // P(X ≤ 2), X ~ Bin(10, 0.3) = 0.3827827…
    expect(binomialCdf(2, 10, 0.3)).toBeCloseTo(0.3827828, 6);
  });

  test('bad counts are refused', () => {
    expect(() => wilsonFromCounts(6, 5)).toThrow(RangeError);
    expect(() => clopperPearsonInterval(-1, 5)).toThrow(RangeError);
  });
});

describe('design', () => {
  test('sample size from the margin of error, with and without a small population', () => {
    // n₀ = 1.95996² · 0.25 / 0.05² = 384.146 → 385 (N = 10⁹; N = 10⁶ already gives 384); with N = 1000: 384.146 / (1 + 383.146/1000) = 277.73 → 278.
    expect(sampleSizeForMargin({ margin: 0.05, populationSize: 1_000_000_000 })).toBe(385);
    expect(sampleSizeForMargin({ margin: 0.05, populationSize: 1000 })).toBe(278);
    // p = 0.1, e = 0.03: n₀ = 384.146 · 0.09/0.25 · (0.05/0.03)² = 384.15 → 385 on a large population.
    expect(sampleSizeForMargin({ margin: 0.03, populationSize: 10_000_000, expectedRate: 0.1 })).toBe(385);
    expect(sampleSizeForMargin({ margin: 0.05, populationSize: 40 })).toBeLessThanOrEqual(40);
    expect(() => sampleSizeForMargin({ margin: 0, populationSize: 10 })).toThrow(RangeError);
  });

  test('proportional and equal allocation sum to n, respect stratum sizes and give each stratum two', () => {
    const strata = [
      { key: 'a', size: 600 },
      { key: 'b', size: 300 },
      { key: 'c', size: 100 },
    ];
    expect(Object.fromEntries(allocateSample(strata, 50, 'proportional'))).toEqual({ a: 30, b: 15, c: 5 });
    expect(Object.fromEntries(allocateSample(strata, 60, 'equal'))).toEqual({ a: 20, b: 20, c: 20 });
    const small = [
      { key: 'a', size: 1000 },
      { key: 'b', size: 3 },
    ];
    expect(Object.fromEntries(allocateSample(small, 20, 'proportional'))).toEqual({ a: 18, b: 2 });
    expect(Object.fromEntries(allocateSample(small, 20, 'equal'))).toEqual({ a: 17, b: 3 });
    expect(() => allocateSample(small, 1004, 'equal')).toThrow(/exceeds the population/);
  });
});

describe('estimates against known values', () => {
  test('stratified: weighted rate, standard error with the finite-population correction', () => {
    // W = .6/.3/.1, p_h = .2/.4/.2 → p = .26; V = Σ W² (1−f) p(1−p)/(n−1) = 0.0037326108, SE = 0.0610951.
    const e = stratifiedEstimate([
      { populationSize: 600, reviewed: 30, errors: 6 },
      { populationSize: 300, reviewed: 15, errors: 6 },
      { populationSize: 100, reviewed: 5, errors: 1 },
    ])!;
    expect(e.estimate).toBeCloseTo(0.26, 10);
    expect(e.standardError).toBeCloseTo(0.0610951, 6);
    expect(e.effectiveSize).toBeCloseTo((0.26 * 0.74) / 0.0037326108, 4);
    expect(e.lower).toBeLessThan(0.26);
    expect(e.upper).toBeGreaterThan(0.26);
  });

  test('a census has no sampling error; nothing reviewed has no estimate', () => {
    const e = simpleEstimate(3, 10, 10)!;
    expect([e.lower, e.estimate, e.upper]).toEqual([0.3, 0.3, 0.3]);
    expect(stratifiedEstimate([{ populationSize: 10, reviewed: 0, errors: 0 }])).toBeNull();
  });

  test('a simple sample from a large population matches Wilson on the same counts, nearly', () => {
    const e = simpleEstimate(10, 50)!;
    // The n − 1 in the variance makes the effective size 49: the interval is a hair wider than Wilson's on 50.
    expect(e.effectiveSize).toBeCloseTo(49, 6);
    expect(e.lower).toBeLessThan(0.112438);
    expect(e.lower).toBeGreaterThan(0.11);
  });

  test('two-proportion test: 30/100 against 15/100', () => {
    const c = twoProportionTest(30, 100, 15, 100);
    expect(c.difference).toBeCloseTo(-0.15, 10);
    expect(c.z).toBeCloseTo(-2.5400025, 5);
    expect(c.pValue).toBeCloseTo(0.0110852, 5);
    expect(c.significant).toBe(true);
    expect(twoProportionTest(20, 100, 18, 100).significant).toBe(false);
  });

  test('comparing two estimates by their standard errors', () => {
    const c = compareEstimates({ estimate: 0.3, standardError: 0.03 }, { estimate: 0.2, standardError: 0.04 });
    expect(c.z).toBeCloseTo(-2, 10);
    expect(c.pValue).toBeCloseTo(0.0455003, 5);
  });
});

describe('the seeded draw', () => {
  const population = Array.from({ length: 500 }, (_, i) => ({
    id: `case-${String(i).padStart(4, '0')}`,
    stratum: i % 5 === 0 ? 'unit-b' : 'unit-a',
  }));

  test('the same population and seed always draw the same cases, whatever order the snapshot was read in', () => {
    const first = drawSample(population, { size: 40, seed: 'round-7' });
    const again = drawSample([...population].reverse(), { size: 40, seed: 'round-7' });
    expect(again.cases).toEqual(first.cases);
    expect(first.cases).toHaveLength(40);
    expect(new Set(first.cases.map((c) => c.id)).size).toBe(40);
    expect(Object.fromEntries(first.allocation)).toEqual({ 'unit-a': 32, 'unit-b': 8 });
    // A pinned draw: the generator and shuffle must never change, or stored samples could no longer be re-drawn.
    expect(drawOrder(['a', 'b', 'c', 'd', 'e'], 'pin')).toEqual(drawOrder(['e', 'd', 'c', 'b', 'a'], 'pin'));
    expect(first.cases.slice(0, 3).map((c) => c.id)).toMatchInlineSnapshot(`
      [
        "case-0288",
        "case-0231",
        "case-0167",
      ]
    `);
    const other = drawSample(population, { size: 40, seed: 'round-8' });
    expect(other.cases).not.toEqual(first.cases);
  });

  test('a replacement is the next case of its stratum in the drawn order', () => {
    const { cases } = drawSample(population, { size: 10, seed: 's' });
    const taken = new Set(cases.map((c) => c.id));
    const next = nextReplacement(population, { seed: 's', stratum: 'unit-b', taken });
    const order = drawOrder(
      population.filter((c) => c.stratum === 'unit-b').map((c) => c.id),
      's/unit-b',
    );
    expect(next).toBe(order[cases.filter((c) => c.stratum === 'unit-b').length]);
    expect(taken.has(next!)).toBe(false);
  });

  test('more cases than the population is refused', () => {
    expect(() => drawSample(population.slice(0, 5), { size: 6, seed: 'x' })).toThrow(/exceeds the population of 5/);
  });
});

/** A draw of n of N without replacement, K of them errors: the number of errors drawn (hypergeometric). */
function drawErrors(random: () => number, N: number, K: number, n: number): number {
  let k = K;
  let rest = N;
  let x = 0;
  for (let i = 0; i < n; i++) {
    if (random() < k / rest) {
      x += 1;
      k -= 1;
    }
    rest -= 1;
  }
  return x;
}

describe('simulation: the stated 95% intervals cover the true error rate', () => {
  const REPS = 3000;

  test('simple random samples from finite populations (Wilson with the FPC): 94–96% over the scenarios', () => {
    const random = seededRandom('coverage-simple');
    const scenarios = [
      [2000, 400, 150],
      [5000, 600, 200],
      [1000, 300, 100],
      [3000, 150, 300],
      [800, 200, 200],
    ] as const;
    let covered = 0;
    let coveredExact = 0;
    for (const [N, K, n] of scenarios) {
      let here = 0;
      for (let r = 0; r < REPS; r++) {
        const x = drawErrors(random, N, K, n);
        const e = simpleEstimate(x, n, N)!;
        if (e.lower <= K / N && K / N <= e.upper) here += 1;
        if (r < 500) {
          const c = clopperPearsonInterval(x, n);
          if (c.lower <= K / N && K / N <= c.upper) coveredExact += 1;
        }
      }
      expect(here / REPS).toBeGreaterThan(0.93);
      expect(here / REPS).toBeLessThan(0.975);
      covered += here;
    }
    const coverage = covered / (REPS * scenarios.length);
    console.info(
      `simple: Wilson+FPC covered ${(coverage * 100).toFixed(2)}% of ${REPS * scenarios.length}; Clopper–Pearson ${((coveredExact / (500 * scenarios.length)) * 100).toFixed(2)}% of ${500 * scenarios.length}`,
    );
    expect(coverage).toBeGreaterThanOrEqual(0.94);
    expect(coverage).toBeLessThanOrEqual(0.96);
    // Clopper–Pearson is exact: never below 95% (here with no FPC, so more).
    expect(coveredExact / (500 * scenarios.length)).toBeGreaterThanOrEqual(0.95);
  });

  test('stratified samples (proportional and equal allocation): 94–96% over the scenarios', () => {
    const random = seededRandom('coverage-stratified');
    const designs = [
      [
        { N: 1200, K: 300 },
        { N: 600, K: 60 },
        { N: 200, K: 70 },
      ],
      [
        { N: 500, K: 50 },
        { N: 500, K: 150 },
        { N: 500, K: 100 },
        { N: 300, K: 30 },
      ],
    ];
    let covered = 0;
    let runs = 0;
    for (const strata of designs) {
      const truth = strata.reduce((s, h) => s + h.K, 0) / strata.reduce((s, h) => s + h.N, 0);
      for (const [n, allocation] of [
        [200, 'proportional'],
        [200, 'equal'],
        [120, 'proportional'],
      ] as const) {
        const a = allocateSample(
          strata.map((h, i) => ({ key: String(i), size: h.N })),
          n,
          allocation,
        );
        let here = 0;
        for (let r = 0; r < REPS; r++) {
          const e = stratifiedEstimate(
            strata.map((h, i) => {
              const nh = a.get(String(i))!;
              return { populationSize: h.N, reviewed: nh, errors: drawErrors(random, h.N, h.K, nh) };
            }),
          )!;
          if (e.lower <= truth && truth <= e.upper) here += 1;
        }
        expect(here / REPS).toBeGreaterThan(0.93);
        expect(here / REPS).toBeLessThan(0.97);
        covered += here;
        runs += REPS;
      }
    }
    console.info(`stratified: covered ${((covered / runs) * 100).toFixed(2)}% of ${runs}`);
    expect(covered / runs).toBeGreaterThanOrEqual(0.94);
    expect(covered / runs).toBeLessThanOrEqual(0.96);
  });
});

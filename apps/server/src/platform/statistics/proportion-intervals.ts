/**
 * Confidence intervals for a proportion (an error rate in supervision, a share satisfied in surveys): Wilson's score
 * interval and the exact Clopper–Pearson interval. Pure: no I/O. One implementation for every module that states an
 * interval, so their figures agree.
 */

/** The standard normal quantile of 0.975: a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

/** Φ(x), the standard normal distribution function (W. J. Cody's erfc rational approximation, |error| < 1e-14). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

function erfc(x: number): number {
  // Numerical Recipes' erfc (Chebyshev fit), relative error below 1.2e-7 everywhere.
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

function checkCounts(x: number, n: number): void {
  if (!Number.isInteger(x) || !(n > 0) || x < 0 || x > n) throw new RangeError(`counts out of range: ${x} of ${n}`);
}

/**
 * Wilson's score interval for x errors in n reviewed cases. `n` may be an effective sample size (not an integer),
 * as for a finite-population or stratified design; then `x` is `estimate · n`.
 */
export function wilsonInterval(estimate: number, n: number, z = Z95): Interval {
  if (!(n > 0) || estimate < 0 || estimate > 1) throw new RangeError(`estimate ${estimate} on n=${n}`);
  if (!Number.isFinite(n)) return { estimate, lower: estimate, upper: estimate };
  const z2 = z * z;
  const d = 1 + z2 / n;
  const centre = (estimate + z2 / (2 * n)) / d;
  const half = (z * Math.sqrt((estimate * (1 - estimate)) / n + z2 / (4 * n * n))) / d;
  return { estimate, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/** Wilson's interval from counts: x errors in n reviewed cases. */
export function wilsonFromCounts(x: number, n: number, z = Z95): Interval {
  checkCounts(x, n);
  return wilsonInterval(x / n, n, z);
}

const logFactorials: number[] = [0];
function logFactorial(k: number): number {
  for (let i = logFactorials.length; i <= k; i++) logFactorials[i] = logFactorials[i - 1]! + Math.log(i);
  return logFactorials[k]!;
}

/** P(X ≤ x) for X ~ Binomial(n, p). */
export function binomialCdf(x: number, n: number, p: number): number {
  if (x < 0) return 0;
  if (x >= n) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let sum = 0;
  for (let k = 0; k <= x; k++) {
    sum += Math.exp(logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * lp + (n - k) * lq);
  }
  return Math.min(1, sum);
}

/** The p in (0, 1) where a decreasing function of p crosses `target`, by bisection. */
function solveDecreasing(f: (p: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The exact (Clopper–Pearson) interval for x errors in n: the p where P(X ≥ x) = α/2 and P(X ≤ x) = α/2. Never
 * covers less than 1 − α; usually more.
 */
export function clopperPearsonInterval(x: number, n: number, alpha = 0.05): Interval {
  checkCounts(x, n);
  const lower = x === 0 ? 0 : solveDecreasing((p) => binomialCdf(x - 1, n, p), 1 - alpha / 2);
  const upper = x === n ? 1 : solveDecreasing((p) => binomialCdf(x, n, p), alpha / 2);
  return { estimate: x / n, lower, upper };
}

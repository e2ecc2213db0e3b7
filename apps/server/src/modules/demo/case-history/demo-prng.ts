/** A small seeded PRNG (sfc32) and the distributions the demo history draws from: same seed, same history. */
export interface Rng {
  (): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** Log-normal with the given median and log-space sigma. */
  logNormal(median: number, sigma: number): number;
  uuid(): string;
}

function normal(rng: () => number): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function createRng(seed: number): Rng {
  let a = 0x9e3779b9 ^ seed,
    b = 0x243f6a88 ^ (seed * 31),
    c = 0xb7e15162,
    d = 1;
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  const rng = next as Rng;
  rng.int = (min, max) => min + Math.floor(next() * (max - min + 1));
  rng.pick = (items) => items[Math.floor(next() * items.length)];
  rng.chance = (p) => next() < p;
  rng.logNormal = (median, sigma) => median * Math.exp(sigma * normal(next));
  rng.uuid = () => {
    const hex = (n: number) =>
      Math.floor(next() * 16 ** n)
        .toString(16)
        .padStart(n, '0');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(next() * 4)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
  };
  return rng;
}

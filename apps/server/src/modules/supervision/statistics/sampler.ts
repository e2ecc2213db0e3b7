/**
 * The seeded, reproducible draw of a sample: the same population snapshot and seed always give the same cases, in
 * the same order, on every platform. Pure: no I/O.
 */
import { allocateSample, type Allocation } from './design.js';

/** cyrb128: a string to four 32-bit words, to seed the generator. */
function hashSeed(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32: a small fast generator with a 128-bit state; uniform in [0, 1). */
export function seededRandom(seed: string): () => number {
  let [a, b, c, d] = hashSeed(seed);
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/**
 * The population in the order the seed shuffles it (Fisher–Yates on the ids sorted, so the order the snapshot
 * was read in does not matter). The first k are the sample; the next ones are the replacements, in order.
 */
export function drawOrder(ids: readonly string[], seed: string): string[] {
  const order = [...ids].sort();
  const random = seededRandom(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export interface PopulationCase {
  id: string;
  /** The stratum the case belongs to (a unit or a case type); one stratum for a simple random sample. */
  stratum: string;
}

export interface DrawnCase {
  id: string;
  stratum: string;
}

/** A simple random sample (one stratum) or a stratified one: `size` cases, allocated over the strata. */
export function drawSample(
  population: readonly PopulationCase[],
  o: { size: number; seed: string; allocation?: Allocation },
): { cases: DrawnCase[]; allocation: Map<string, number> } {
  if (o.size > population.length)
    throw new RangeError(`sample size ${o.size} exceeds the population of ${population.length}`);
  const byStratum = groupByStratum(population);
  const strata = [...byStratum.keys()].sort().map((key) => ({ key, size: byStratum.get(key)!.length }));
  const allocation = allocateSample(strata, o.size, o.allocation ?? 'proportional');
  const cases: DrawnCase[] = [];
  for (const { key } of strata) {
    const take = allocation.get(key)!;
    for (const id of drawOrder(byStratum.get(key)!, `${o.seed}/${key}`).slice(0, take))
      cases.push({ id, stratum: key });
  }
  return { cases, allocation };
}

/** The next case of a stratum's order not yet in the sample (a replacement), or null when the stratum is spent. */
export function nextReplacement(
  population: readonly PopulationCase[],
  o: { seed: string; stratum: string; taken: ReadonlySet<string> },
): string | null {
  const ids = groupByStratum(population).get(o.stratum) ?? [];
  return drawOrder(ids, `${o.seed}/${o.stratum}`).find((id) => !o.taken.has(id)) ?? null;
}

function groupByStratum(population: readonly PopulationCase[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const c of population) {
    const list = m.get(c.stratum) ?? [];
    list.push(c.id);
    m.set(c.stratum, list);
  }
  return m;
}

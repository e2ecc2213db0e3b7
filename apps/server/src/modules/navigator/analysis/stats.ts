/** Median of the values, null for none. Sorts a copy. */
export function median(values: ArrayLike<number>): number | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** A growable list of numbers per key, for medians over many groups. */
export class Samples {
  private readonly byKey = new Map<string | number, number[]>();

  add(key: string | number, value: number): void {
    if (!Number.isFinite(value)) return;
    const list = this.byKey.get(key);
    if (list) list.push(value);
    else this.byKey.set(key, [value]);
  }

  median(key: string | number): number | null {
    return median(this.byKey.get(key) ?? []);
  }
}

/** Lets the event loop breathe during long computations (requests keep being served, cancellation is seen). */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

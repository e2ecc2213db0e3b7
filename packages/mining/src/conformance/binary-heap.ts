/**
 * A binary min-heap of integer handles ordered by two numeric keys (primary, then secondary),
 * stored in parallel typed arrays so the A* open list allocates nothing per push.
 */
export class MinHeap {
  private ids = new Int32Array(1024);
  private k1 = new Float64Array(1024);
  private k2 = new Float64Array(1024);
  size = 0;

  push(id: number, key1: number, key2: number): void {
    if (this.size === this.ids.length) this.grow();
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.k1[p] < key1 || (this.k1[p] === key1 && this.k2[p] <= key2)) break;
      this.ids[i] = this.ids[p];
      this.k1[i] = this.k1[p];
      this.k2[i] = this.k2[p];
      i = p;
    }
    this.ids[i] = id;
    this.k1[i] = key1;
    this.k2[i] = key2;
  }

  /** Removes and returns the handle with the smallest keys (-1 when empty). */
  pop(): number {
    if (this.size === 0) return -1;
    const top = this.ids[0];
    const n = --this.size;
    const id = this.ids[n],
      a = this.k1[n],
      b = this.k2[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (this.k1[c + 1] < this.k1[c] || (this.k1[c + 1] === this.k1[c] && this.k2[c + 1] < this.k2[c])))
        c++;
      if (a < this.k1[c] || (a === this.k1[c] && b <= this.k2[c])) break;
      this.ids[i] = this.ids[c];
      this.k1[i] = this.k1[c];
      this.k2[i] = this.k2[c];
      i = c;
    }
    this.ids[i] = id;
    this.k1[i] = a;
    this.k2[i] = b;
    return top;
  }

  clear(): void {
    this.size = 0;
  }

  private grow(): void {
    const n = this.ids.length * 2;
    const ids = new Int32Array(n),
      k1 = new Float64Array(n),
      k2 = new Float64Array(n);
    ids.set(this.ids);
    k1.set(this.k1);
    k2.set(this.k2);
    this.ids = ids;
    this.k1 = k1;
    this.k2 = k2;
  }
}

/**
 * Gives each distinct byte sequence a dense id and decodes it to a string once. An open-addressing
 * hash table over typed arrays: no object per entry, so millions of lookups make no garbage.
 */
export class ByteInterner {
  readonly strings: string[] = [];
  private slots = new Int32Array(1024); // id + 1; 0 = empty
  private hashes = new Int32Array(256);
  private successors = new Int32Array(256); // id + 1 of the entry last asked for after this one
  private starts = new Int32Array(257); // entry i is arena[starts[i] .. starts[i + 1])
  private arena = new Uint8Array(4096);

  get size(): number {
    return this.strings.length;
  }

  /** The id of b[s..e), adding it when new (or -1 when new and `add` is false). */
  id(b: Uint8Array, s: number, e: number, add = true): number {
    const h = hashBytes(b, s, e);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const v = this.slots[slot];
      if (v === 0) return add ? this.add(b, s, e, h, slot) : -1;
      if (this.hashes[v - 1] === h && this.matches(v - 1, b, s, e)) return v - 1;
    }
  }

  /**
   * Like id(), but first tries the entry that followed `prev` last time: XES repeats the same
   * sequences of element names and keys, so a byte comparison usually replaces the hash lookup.
   */
  idAfter(prev: number, b: Uint8Array, s: number, e: number): number {
    if (prev < 0) return this.id(b, s, e);
    const guess = this.successors[prev] - 1;
    if (guess >= 0 && this.matches(guess, b, s, e)) return guess;
    const id = this.id(b, s, e);
    this.successors[prev] = id + 1;
    return id;
  }

  /** Whether entry `id` holds exactly the bytes b[s..e). */
  matches(id: number, b: Uint8Array, s: number, e: number): boolean {
    const a = this.arena;
    const start = this.starts[id];
    if (this.starts[id + 1] - start !== e - s) return false;
    for (let i = s, j = start; i < e; i++, j++) if (a[j] !== b[i]) return false;
    return true;
  }

  private add(b: Uint8Array, s: number, e: number, h: number, slot: number): number {
    const id = this.strings.length;
    const start = this.starts[id];
    if (id + 2 > this.hashes.length) {
      this.hashes = grow(this.hashes, this.hashes.length * 2);
      this.successors = grow(this.successors, this.successors.length * 2);
      this.starts = grow(this.starts, this.starts.length * 2);
    }
    if (start + (e - s) > this.arena.length) this.arena = grow(this.arena, Math.max(this.arena.length * 2, start + (e - s)));
    this.arena.set(b.subarray(s, e), start);
    this.starts[id + 1] = start + (e - s);
    this.hashes[id] = h;
    this.strings.push(decode(b, s, e));
    this.slots[slot] = id + 1;
    if ((id + 1) * 2 > this.slots.length) this.rehash();
    return id;
  }

  // Keeps the table at most half full so probe runs stay short.
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.strings.length; id++) {
      let slot = this.hashes[id] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

/**
 * Turns byte ranges into strings, reusing the string for byte sequences seen before (keys,
 * activity names and resources repeat millions of times in a log). Long values, and all values
 * once they prove rarely repeated (ids), are decoded without caching.
 */
export class ByteStrings {
  private readonly table = new ByteInterner();
  private lookups = 0;
  private hits = 0;
  private off = false;

  constructor(private readonly maxLen = 64, private readonly maxEntries = 200_000) {}

  get(b: Uint8Array, s: number, e: number): string {
    if (this.off || e - s > this.maxLen) return decode(b, s, e);
    // Values that rarely repeat are cheaper to decode than to look up.
    if (++this.lookups === 20_000 && this.hits < 10_000) this.off = true;
    const before = this.table.size;
    const id = this.table.id(b, s, e, before < this.maxEntries);
    if (id < 0) return decode(b, s, e);
    if (id < before) this.hits++;
    return this.table.strings[id];
  }
}

/** Decodes bytes as UTF-8 (Latin-1 fast path for ASCII); the string never shares the buffer's memory. */
export function decode(b: Uint8Array, s: number, e: number): string {
  const buf = Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  for (let i = s; i < e; i++) if (b[i] >= 0x80) return buf.toString('utf8', s, e);
  return buf.toString('latin1', s, e);
}

function hashBytes(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 ^ (e - s);
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h;
}

function grow<T extends Int32Array | Uint8Array>(a: T, size: number): T {
  const next = new (a.constructor as { new (n: number): T })(size);
  next.set(a);
  return next;
}

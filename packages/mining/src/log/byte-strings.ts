/**
 * Gives each distinct byte sequence a dense id and decodes it to a string once. An open-addressing
 * hash table over typed arrays: no object per entry, so millions of lookups make no garbage.
 */
export class ByteInterner {
  readonly strings: string[] = [];
  private slots = new Int32Array(1024); // id + 1; 0 = empty
  private hashes = new Int32Array(256);
  private recent?: Int32Array; // id + 1 of the two entries last remembered, by their first two bytes
  private plain = new Uint8Array(256); // 1 when the entry has no quote, "<" or "&"
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
   * A remembered entry (see remember()) whose bytes are found at b[s..], followed by a byte marked
   * in `stops`; else -1. XES repeats the same few element names and keys, so a byte comparison
   * usually replaces scanning and hashing. Two entries are remembered per leading byte pair, and
   * only entries free of quotes, "<" and "&", so a match is what a full scan would have found.
   */
  predictAt(b: Uint8Array, s: number, stops: Uint8Array): number {
    if (!this.recent || s + 1 >= b.length) return -1;
    const way = pairSlot(b[s], b[s + 1]);
    for (let k = way; k < way + 2; k++) {
      const id = this.recent[k] - 1;
      if (id >= 0 && this.foundAt(id, b, s, stops)) return id;
    }
    return -1;
  }

  /** Makes `id` the first prediction for bytes starting like it. */
  remember(id: number): void {
    const start = this.starts[id];
    if (this.starts[id + 1] - start < 2 || this.plain[id] === 0) return;
    this.recent ??= new Int32Array(2 * PAIR_SLOTS);
    const way = pairSlot(this.arena[start], this.arena[start + 1]);
    if (this.recent[way] !== id + 1) {
      this.recent[way + 1] = this.recent[way];
      this.recent[way] = id + 1;
    }
  }

  private foundAt(id: number, b: Uint8Array, s: number, stops: Uint8Array): boolean {
    const a = this.arena;
    const start = this.starts[id];
    const len = this.starts[id + 1] - start;
    if (s + len >= b.length || stops[b[s + len]] === 0) return false;
    for (let i = 0; i < len; i++) if (a[start + i] !== b[s + i]) return false;
    return true;
  }

  /** The byte length of entry `id`. */
  length(id: number): number {
    return this.starts[id + 1] - this.starts[id];
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
      this.plain = grow(this.plain, this.plain.length * 2);
      this.starts = grow(this.starts, this.starts.length * 2);
    }
    if (start + (e - s) > this.arena.length)
      this.arena = grow(this.arena, Math.max(this.arena.length * 2, start + (e - s)));
    this.arena.set(b.subarray(s, e), start);
    this.starts[id + 1] = start + (e - s);
    this.hashes[id] = h;
    this.plain[id] = isPlain(b, s, e) ? 1 : 0;
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
  private last = -1;

  constructor(
    private readonly maxLen = 64,
    private readonly maxEntries = 200_000,
  ) {}

  get(b: Uint8Array, s: number, e: number): string {
    if (this.off || e - s > this.maxLen) return decode(b, s, e);
    // Values that rarely repeat are cheaper to decode than to look up.
    if (++this.lookups === 20_000 && this.hits < 10_000) this.off = true;
    // Many columns hold the same value row after row: try the last one before hashing.
    if (this.last >= 0 && this.table.matches(this.last, b, s, e)) {
      this.hits++;
      return this.table.strings[this.last];
    }
    const before = this.table.size;
    const id = this.table.id(b, s, e, before < this.maxEntries);
    if (id < 0) return decode(b, s, e);
    if (id < before) this.hits++;
    this.last = id;
    return this.table.strings[id];
  }
}

/** Decodes bytes as UTF-8 (Latin-1 fast path for ASCII); the string never shares the buffer's memory. */
export function decode(b: Uint8Array, s: number, e: number): string {
  const buf = Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  for (let i = s; i < e; i++) if (b[i] >= 0x80) return buf.toString('utf8', s, e);
  return buf.toString('latin1', s, e);
}

const PAIR_SLOTS = 4096;
const pairSlot = (b0: number, b1: number) => (((b0 << 5) ^ b1) & (PAIR_SLOTS - 1)) * 2;

function isPlain(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i] === 0x22 || b[i] === 0x27 || b[i] === 0x3c || b[i] === 0x26) return false;
  return true;
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

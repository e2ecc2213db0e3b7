/**
 * Turns byte ranges of a buffer into strings, reusing the string for byte sequences seen before
 * (keys, activity names, resources repeat millions of times in a log). Long or rare values are
 * decoded without caching.
 */
export class ByteStrings {
  private readonly table = new Map<number, { bytes: Uint8Array; str: string }[]>();
  private size = 0;
  private lookups = 0;
  private hits = 0;
  private off = false;

  constructor(private readonly maxLen = 64, private readonly maxEntries = 200_000) {}

  get(b: Buffer, s: number, e: number): string {
    const n = e - s;
    if (n > this.maxLen || this.off) return decode(b, s, e);
    // Values that rarely repeat (ids) are cheaper to decode than to look up.
    if (++this.lookups === 20_000 && this.hits < 10_000) this.off = true;
    let h = 0x811c9dc5 ^ n;
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
    const bucket = this.table.get(h);
    if (bucket) {
      outer: for (const x of bucket) {
        if (x.bytes.length !== n) continue;
        for (let i = 0; i < n; i++) if (x.bytes[i] !== b[s + i]) continue outer;
        this.hits++;
        return x.str;
      }
    }
    const str = decode(b, s, e);
    if (this.size < this.maxEntries) {
      const entry = { bytes: Uint8Array.prototype.slice.call(b, s, e), str };
      if (bucket) bucket.push(entry);
      else this.table.set(h, [entry]);
      this.size++;
    }
    return str;
  }
}

/** Decodes bytes as UTF-8 (Latin-1 fast path for ASCII), copying so the buffer is not retained. */
export function decode(b: Buffer, s: number, e: number): string {
  for (let i = s; i < e; i++) if (b[i] >= 0x80) return b.toString('utf8', s, e);
  return b.toString('latin1', s, e);
}

const D = (c: number) => c - 48;
const digit = (c: number) => c >= 48 && c <= 57;

/**
 * Parses an ISO-8601 timestamp straight from bytes (YYYY-MM-DD[T ]hh:mm[:ss[.fff]][Z|±hh[:mm]]);
 * NaN when the bytes are not of that shape. A time without zone is UTC.
 */
export function parseIsoBytes(b: Buffer, s: number, e: number): number {
  const n = e - s;
  if (n < 16 || b[s + 4] !== 45 || b[s + 7] !== 45 || (b[s + 10] !== 84 && b[s + 10] !== 32) || b[s + 13] !== 58) return NaN;
  for (const k of [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15]) if (!digit(b[s + k])) return NaN;
  const year = D(b[s]) * 1000 + D(b[s + 1]) * 100 + D(b[s + 2]) * 10 + D(b[s + 3]);
  const month = D(b[s + 5]) * 10 + D(b[s + 6]);
  const day = D(b[s + 8]) * 10 + D(b[s + 9]);
  const hour = D(b[s + 11]) * 10 + D(b[s + 12]);
  const min = D(b[s + 14]) * 10 + D(b[s + 15]);
  let i = s + 16, sec = 0, ms = 0;
  if (i < e && b[i] === 58) {
    if (i + 2 >= e) return NaN;
    if (!digit(b[i + 1]) || !digit(b[i + 2])) return NaN;
    sec = D(b[i + 1]) * 10 + D(b[i + 2]);
    i += 3;
    if (i < e && b[i] === 46) {
      let scale = 100;
      i++;
      const start = i;
      while (i < e && digit(b[i])) {
        ms += D(b[i]) * scale;
        scale /= 10;
        i++;
      }
      if (i === start) return NaN;
      ms = Math.floor(ms + 1e-9);
    }
  }
  let offset = 0;
  if (i < e) {
    const c = b[i];
    if (c === 90 && i + 1 === e) i++;
    else if ((c === 43 || c === 45) && e - i >= 3 && digit(b[i + 1]) && digit(b[i + 2])) {
      let oh = D(b[i + 1]) * 10 + D(b[i + 2]), om = 0;
      let j = i + 3;
      if (j < e && b[j] === 58) j++;
      if (j + 2 <= e && digit(b[j]) && digit(b[j + 1])) {
        om = D(b[j]) * 10 + D(b[j + 1]);
        j += 2;
      }
      if (j !== e) return NaN;
      if (oh > 23 || om > 59) return NaN;
      offset = (c === 43 ? 1 : -1) * (oh * 60 + om);
      oh = 0;
      i = e;
    } else return NaN;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || min > 59 || sec > 60) return NaN;
  return Date.UTC(year, month - 1, day, hour, min, sec, ms) - offset * 60_000;
}

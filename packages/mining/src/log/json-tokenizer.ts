import { MiningError } from '../errors.js';
import { ByteInterner, ByteStrings, decode } from './byte-strings.js';
import { parseDecimalBytes } from './byte-values.js';

/** Receives the tokens of a JSON text in order; `at` is the token's byte offset in the input. */
export interface JsonTokenSink {
  /** One of the structural bytes { } [ ] : , */
  punct(c: number, at: number): void;
  /** A string (`isString`), number, true, false or null. */
  scalar(value: string | number | boolean | null, isString: boolean, at: number): void;
}

const QUOTE = 0x22,
  BACKSLASH = 0x5c,
  NL = 0x0a;
const STRUCTURAL = new Uint8Array(256);
for (const c of [0x7b, 0x7d, 0x5b, 0x5d, 0x3a, 0x2c]) STRUCTURAL[c] = 1; // { } [ ] : ,
const ENDS_STRING = new Uint8Array(256);
ENDS_STRING[QUOTE] = 1;
const ws = (c: number) => c === 0x20 || c === NL || c === 0x0d || c === 0x09;
const numberByte = (c: number) =>
  (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;
const LITERALS: [string, boolean | null][] = [
  ['true', true],
  ['false', false],
  ['null', null],
];
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * A streaming JSON tokenizer over UTF-8 bytes (RFC 8259): feed chunks with write(), then end().
 * A token cut by a chunk boundary waits for the next chunk; a long string is not rescanned.
 * Anything that is not JSON is a MiningError('bad_json') naming the line and byte offset.
 */
export class JsonTokenizer {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private work: Buffer = Buffer.alloc(0);
  private bytesBefore = 0; // input bytes before buf[0]
  private linesBefore = 1;
  private started = false;
  // How far an unfinished string at `pos` was scanned already, and whether it had escapes.
  private stringScanned = 0;
  private stringEscaped = false;
  // Object keys repeat in every element (and are predicted from their first bytes); values often repeat too.
  private readonly keys = new ByteInterner();
  private readonly values = new ByteStrings(64, 50_000);

  constructor(
    private readonly sink: JsonTokenSink,
    private readonly file?: string,
  ) {}

  write(chunk: Buffer): void {
    this.linesBefore += countNl(this.buf, 0, this.pos);
    this.bytesBefore += this.pos;
    const rest = this.buf.length - this.pos;
    if (rest === 0) {
      this.buf = chunk;
    } else {
      // Keeps the unfinished token. A token already at the start of the work buffer stays put and
      // the buffer grows geometrically, so a huge string costs linear time.
      const inPlace =
        this.pos === 0 && this.buf.buffer === this.work.buffer && this.buf.byteOffset === this.work.byteOffset;
      if (this.work.length < rest + chunk.length) {
        const bigger = Buffer.allocUnsafe(Math.max(rest + chunk.length, this.work.length * 2));
        this.buf.copy(bigger, 0, this.pos);
        this.work = bigger;
      } else if (!inPlace) {
        this.buf.copy(this.work, 0, this.pos);
      }
      chunk.copy(this.work, rest);
      this.buf = this.work.subarray(0, rest + chunk.length);
    }
    this.pos = 0;
    this.scan(false);
  }

  end(): void {
    this.scan(true);
  }

  /** Byte offset in the input of the token being read (for messages). */
  get offset(): number {
    return this.bytesBefore + this.pos;
  }

  /** Throws MiningError('bad_json') at the given input offset (default: the current token). */
  fail(msg: string, at = this.offset): never {
    const inBuf = Math.min(Math.max(at - this.bytesBefore, 0), this.buf.length);
    const line = this.linesBefore + countNl(this.buf, 0, inBuf);
    throw new MiningError('bad_json', `JSON does not parse: ${msg}`, { file: this.file, line, byte: at });
  }

  private scan(final: boolean): void {
    const b = this.buf;
    const n = b.length;
    if (!this.started && !this.skipByteOrderMark(final)) return;
    for (;;) {
      while (this.pos < n && ws(b[this.pos])) this.pos++;
      if (this.pos >= n) return;
      const c = b[this.pos];
      if (STRUCTURAL[c] === 1) {
        this.sink.punct(c, this.offset);
        this.pos++;
      } else if (c === QUOTE) {
        if (!this.string(b, final)) return;
      } else if (numberByte(c)) {
        if (!this.number(b, final)) return;
      } else if (!this.literal(b, final)) return;
    }
  }

  private skipByteOrderMark(final: boolean): boolean {
    if (this.buf.length < 3 && !final) return false;
    if (this.buf[0] === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf) this.pos = 3;
    this.started = true;
    return true;
  }

  private string(b: Buffer, final: boolean): boolean {
    const n = b.length;
    const s = this.pos + 1;
    if (this.stringScanned === 0) {
      const key = this.keys.predictAt(b, s, ENDS_STRING);
      if (key >= 0) {
        this.sink.scalar(this.keys.strings[key], true, this.offset);
        this.pos = s + this.keys.length(key) + 1;
        return true;
      }
    }
    let i = s + this.stringScanned;
    let escaped = this.stringEscaped;
    let end = -1;
    for (; i < n; i++) {
      const c = b[i];
      if (c === QUOTE) {
        end = i;
        break;
      }
      if (c === BACKSLASH) {
        if (i + 1 >= n) break; // the escaped byte is in the next chunk: resume at the backslash
        escaped = true;
        i++;
      } else if (c < 0x20) this.fail('control character in a string', this.bytesBefore + i);
    }
    if (end < 0) {
      if (final) this.fail('input ends inside a string');
      this.stringScanned = Math.min(i, n) - s;
      this.stringEscaped = escaped;
      return false;
    }
    this.stringScanned = 0;
    this.stringEscaped = false;
    this.sink.scalar(escaped ? this.unescape(b, s, end) : this.cached(b, s, end), true, this.offset);
    this.pos = end + 1;
    return true;
  }

  // A string followed by ":" is a key (when the ":" is already in the buffer).
  private cached(b: Buffer, s: number, e: number): string {
    let i = e + 1;
    while (i < b.length && ws(b[i])) i++;
    if (b[i] !== 0x3a || e - s > 64) return this.values.get(b, s, e);
    const id = this.keys.id(b, s, e);
    this.keys.remember(id);
    return this.keys.strings[id];
  }

  private unescape(b: Buffer, s: number, e: number): string {
    let out = '';
    let run = s;
    for (let i = s; i < e; i++) {
      if (b[i] !== BACKSLASH) continue;
      out += decode(b, run, i);
      const x = String.fromCharCode(b[i + 1]);
      if (x === 'u') {
        const hex = b.toString('latin1', i + 2, Math.min(i + 6, e));
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail(`bad \\u escape "\\u${hex}"`, this.bytesBefore + i);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 5;
      } else {
        const v = ESCAPES[x];
        if (v === undefined) this.fail(`bad escape "\\${x}"`, this.bytesBefore + i);
        out += v;
        i += 1;
      }
      run = i + 1;
    }
    return out + decode(b, run, e);
  }

  private number(b: Buffer, final: boolean): boolean {
    let i = this.pos;
    while (i < b.length && numberByte(b[i])) i++;
    if (i >= b.length && !final) return false;
    const digits = b[this.pos] === 0x2d ? this.pos + 1 : this.pos;
    let value =
      b[digits] === 0x30 && digits + 1 < i && b[digits + 1] >= 0x30 && b[digits + 1] <= 0x39
        ? NaN
        : parseDecimalBytes(b, this.pos, i);
    if (Number.isNaN(value)) {
      const text = b.toString('latin1', this.pos, i);
      if (!NUMBER.test(text)) this.fail(`bad number "${text.slice(0, 40)}"`);
      value = Number(text);
    }
    this.sink.scalar(value, false, this.offset);
    this.pos = i;
    return true;
  }

  private literal(b: Buffer, final: boolean): boolean {
    for (const [word, value] of LITERALS) {
      if (b[this.pos] !== word.charCodeAt(0)) continue;
      if (this.pos + word.length > b.length) {
        if (!final) return false;
        this.fail('input ends inside a literal');
      }
      if (b.toString('latin1', this.pos, this.pos + word.length) !== word) break;
      this.sink.scalar(value, false, this.offset);
      this.pos += word.length;
      return true;
    }
    this.fail(`unexpected character "${decode(b, this.pos, Math.min(this.pos + 1, b.length))}"`);
  }
}

function countNl(b: Buffer, s: number, e: number): number {
  let n = 0;
  for (let i = b.indexOf(NL, s); i >= 0 && i < e; i = b.indexOf(NL, i + 1)) n++;
  return n;
}

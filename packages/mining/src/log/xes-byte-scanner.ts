import { DEFAULT_IMPORT_LIMITS, limitExceeded, MiningError } from '../errors.js';
import { ByteInterner, decode } from './byte-strings.js';
import { decodeXmlEntities } from './xml-entities.js';

/** The element kinds the XES reader tells apart; every other element is `other`. */
export const XesTag = {
  other: 0,
  log: 1,
  trace: 2,
  event: 3,
  string: 4,
  date: 5,
  int: 6,
  float: 7,
  boolean: 8,
  id: 9,
  list: 10,
  container: 11,
} as const;
const KIND_OF: Record<string, number> = XesTag;

/** Receives the XES-relevant parts of each element. */
export interface XesSink {
  /**
   * An element opens: its kind (XesTag), local name, the id of its `key` attribute in the scanner's
   * `keys` (-1 when absent) and its `value` attribute as the bytes b[vs..ve) (when hasValue).
   */
  open(tag: number, name: string, key: number, b: Buffer, vs: number, ve: number, hasValue: boolean): void;
  close(): void;
}

const LT = 0x3c,
  GT = 0x3e,
  SL = 0x2f,
  QM = 0x3f,
  EX = 0x21,
  EQ = 0x3d,
  DQ = 0x22,
  SQ = 0x27,
  AMP = 0x26,
  NL = 0x0a;
const ws = (c: number) => c <= 32 && (c === 32 || c === 10 || c === 13 || c === 9);

/**
 * A byte-level, streaming XML tokenizer specialised for XES. It checks well-formedness (nesting,
 * quoting, entities, one root) and hands over only what XES needs: the element kind, the `key`
 * attribute as an interned id and the `value` attribute as a byte range, so values are converted
 * without ever becoming strings first. Element names and keys are looked up by their bytes.
 */
export class XesByteScanner {
  /** Keys seen so far; the sink gets their ids. */
  readonly keys = new ByteInterner();
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private readonly names = new ByteInterner();
  private readonly localNames: string[] = [];
  private readonly kinds: number[] = [];
  private readonly stack: number[] = []; // name ids of the open elements
  private rootSeen = false;
  // The element name and key last read (ids) and whether that value had an "&".
  private lastName = -1;
  private lastKey = -1;
  private sawAmp = false;
  private linesBefore = 1;
  // The bytes of an unfinished long element, gathered until retryAt of them have come.
  private waiting: Buffer[] = [];
  private waitingBytes = 0;
  private retryAt = 0;

  constructor(
    private readonly sink: XesSink,
    private readonly file?: string,
    private readonly maxTokenBytes = DEFAULT_IMPORT_LIMITS.maxTokenBytes,
  ) {}

  write(chunk: Buffer): void {
    if (this.waiting.length > 0) {
      // An element longer than a chunk: its bytes are gathered and read again only once they have doubled.
      this.waiting.push(chunk);
      this.waitingBytes += chunk.length;
      if (this.waitingBytes < this.retryAt) return;
      this.buf = Buffer.concat(this.waiting, this.waitingBytes);
      this.pos = 0;
      this.waiting = [];
      this.waitingBytes = 0;
      this.scan(false);
      this.waitIfUnfinished();
      return;
    }
    this.linesBefore += countNl(this.buf, 0, this.pos);
    if (this.pos < this.buf.length) {
      if (!this.crossSeam(chunk)) return this.waitIfUnfinished();
    } else {
      this.buf = chunk;
      this.pos = 0;
    }
    this.scan(false);
  }

  /**
   * Finishes the element cut by the chunk boundary on a small joined "seam" (the unfinished bytes
   * plus the start of the new chunk), so the chunk itself is read in place and never copied.
   * Returns false while the element is still unfinished at the end of the new chunk.
   */
  private crossSeam(chunk: Buffer): boolean {
    const unfinished = this.buf.subarray(this.pos);
    const rest = unfinished.length;
    // A long unfinished element is joined with the whole chunk at once: each retry reads it all again.
    const first = rest > 1 << 16 ? chunk.length : Math.min(chunk.length, 1 << 12);
    for (let take = first; ; take = Math.min(chunk.length, take * 8)) {
      const seam = Buffer.concat([unfinished, chunk.subarray(0, take)]);
      this.buf = seam;
      this.pos = 0;
      this.scan(false, rest);
      if (this.pos >= rest) {
        this.linesBefore += countNl(seam, 0, rest);
        this.buf = chunk;
        this.pos -= rest;
        return true;
      }
      if (take === chunk.length) return false;
    }
  }

  // After a read that ended inside an element starting at pos: refuses it past the token limit, else keeps its
  // bytes aside until twice as many have come, so that one huge element costs linear time, not quadratic.
  private waitIfUnfinished(): void {
    if (this.pos >= this.buf.length) return;
    const unfinished = this.buf.subarray(this.pos);
    if (unfinished.length > this.maxTokenBytes)
      throw limitExceeded('maxTokenBytes', this.maxTokenBytes, 'an element', { file: this.file, line: this.line() });
    this.linesBefore += countNl(this.buf, 0, this.pos);
    this.buf = unfinished;
    this.pos = 0;
    this.waiting = [unfinished];
    this.waitingBytes = unfinished.length;
    this.retryAt = Math.min(2 * unfinished.length, this.maxTokenBytes + 1);
  }

  close(): void {
    if (this.waiting.length > 0) {
      this.buf = Buffer.concat(this.waiting, this.waitingBytes);
      this.pos = 0;
      this.waiting = [];
    }
    this.scan(true);
    if (this.stack.length) this.fail(`document ends inside <${this.names.strings[this.stack[this.stack.length - 1]]}>`);
    if (!this.rootSeen) this.fail('no root element');
  }

  /** Line of the current position (for messages). */
  line(): number {
    return this.linesBefore + countNl(this.buf, 0, Math.min(this.pos, this.buf.length));
  }

  fail(msg: string): never {
    throw new MiningError('malformed_xml', `malformed XML: ${msg}`, { file: this.file, line: this.line() });
  }

  // Reads elements until the buffer runs out, or until the position reaches `stop`.
  private scan(final: boolean, stop = Infinity): void {
    const b = this.buf;
    const n = b.length;
    while (this.pos < stop) {
      // Text between elements: ignored inside the root, only whitespace outside it.
      let lt = this.pos;
      if (this.stack.length > 0) {
        while (lt < n && b[lt] !== LT) lt++;
      } else {
        for (; lt < n && b[lt] !== LT; lt++) {
          if (!ws(b[lt])) {
            this.pos = lt;
            this.fail('text outside the root element');
          }
        }
      }
      this.pos = lt;
      if (lt === n || lt >= stop || !this.tag(b, lt, final)) return;
    }
  }

  private tag(b: Buffer, lt: number, final: boolean): boolean {
    if (lt + 1 >= b.length) return this.more(final, 'a tag');
    const c1 = b[lt + 1];
    if (c1 === QM) return this.skip(b, lt, '?>', final);
    if (c1 === EX) {
      if (lt + 9 > b.length) return this.more(final, 'markup');
      const head = b.toString('latin1', lt, lt + 9);
      if (head.startsWith('<!--')) return this.skip(b, lt, '-->', final);
      if (head === '<![CDATA[') {
        if (this.stack.length === 0) this.fail('CDATA outside the root element');
        return this.skip(b, lt, ']]>', final);
      }
      if (head === '<!DOCTYPE') {
        const gt = b.indexOf(GT, lt + 9);
        const bracket = b.indexOf(0x5b /* [ */, lt + 9);
        // Entity definitions are where expansion bombs and external entities live; no log needs them.
        if (bracket >= 0 && (gt < 0 || bracket < gt)) this.fail('a document type declaration with its own definitions');
        return this.skip(b, lt, '>', final);
      }
      this.fail('unexpected markup');
    }
    if (c1 === SL) return this.closeTag(b, lt, final);
    return this.openTag(b, lt, final);
  }

  private more(final: boolean, what: string): false {
    if (final) this.fail(`document ends inside ${what}`);
    return false;
  }

  private skip(b: Buffer, lt: number, end: string, final: boolean): boolean {
    const i = b.indexOf(end, lt + 2, 'latin1');
    if (i < 0) return this.more(final, 'markup');
    this.pos = i + end.length;
    return true;
  }

  private closeTag(b: Buffer, lt: number, final: boolean): boolean {
    const n = b.length;
    let gt = lt + 2;
    while (gt < n && b[gt] !== GT) gt++;
    if (gt === n) return this.more(final, 'a closing tag');
    let e = gt;
    while (e > lt + 2 && ws(b[e - 1])) e--;
    const open = this.stack.pop();
    if (open === undefined) this.fail(`unexpected </${decode(b, lt + 2, e)}>`);
    if (!this.names.matches(open, b, lt + 2, e))
      this.fail(`</${decode(b, lt + 2, e)}> closes <${this.names.strings[open]}>`);
    this.pos = gt + 1;
    this.sink.close();
    return true;
  }

  private openTag(b: Buffer, lt: number, final: boolean): boolean {
    const n = b.length;
    let i = this.readName(b, lt + 1);
    if (i < 0) return this.more(final, 'a tag');
    const nameId = this.lastName;
    let key = -1,
      vs = 0,
      ve = 0,
      hasValue = false,
      valueAmp = false;
    for (;;) {
      while (i < n && ws(b[i])) i++;
      if (i >= n) return this.more(final, this.label(nameId));
      const c = b[i];
      if (c === GT || c === SL) {
        if (c === SL && i + 1 >= n) return this.more(final, this.label(nameId));
        if (c === SL && b[i + 1] !== GT) this.fail(`bad "/" in ${this.label(nameId)}`);
        this.emit(nameId, key, vs, ve, hasValue && valueAmp, hasValue, c === SL, c === SL ? i + 2 : i + 1);
        return true;
      }
      const ns = i;
      if (i + 3 < n && isKey(b, i, i + 3) && b[i + 3] === EQ) i += 3;
      else if (i + 5 < n && isValue(b, i, i + 5) && b[i + 5] === EQ) i += 5;
      else while (i < n && !endsAttributeName(b[i])) i++;
      if (i >= n) return this.more(final, this.label(nameId));
      const ne = i;
      if (ne === ns) this.fail(`bad attribute in ${this.label(nameId)}`);
      while (i < n && ws(b[i])) i++;
      if (i >= n) return this.more(final, this.label(nameId));
      if (b[i] !== EQ) this.fail(`attribute without "=" in ${this.label(nameId)}`);
      i++;
      while (i < n && ws(b[i])) i++;
      if (i >= n) return this.more(final, this.label(nameId));
      const q = b[i];
      if (q !== DQ && q !== SQ) this.fail(`unquoted attribute value in ${this.label(nameId)}`);
      if (isKey(b, ns, ne)) {
        const end = this.readKey(b, i + 1, q);
        if (end < 0) return this.more(final, this.label(nameId));
        key = this.lastKey;
        i = end + 1;
      } else {
        const end = this.quoteEnd(b, i + 1, q, nameId);
        if (end < 0) return this.more(final, this.label(nameId));
        if (isValue(b, ns, ne)) {
          vs = i + 1;
          ve = end;
          hasValue = true;
          valueAmp = this.sawAmp;
        }
        i = end + 1;
      }
      if (i < n && AFTER_ATTRIBUTE[b[i]] === 0) this.fail(`missing space after an attribute in ${this.label(nameId)}`);
    }
  }

  // Reads an element name starting at s into lastName; returns where it ends, or -1 when the buffer does.
  private readName(b: Buffer, s: number): number {
    const n = b.length;
    const guess = this.names.predictAt(b, s, NAME_END);
    if (guess >= 0) {
      this.lastName = guess;
      return s + this.names.length(guess);
    }
    const first = b[s];
    if (!(first >= 65 && first <= 90) && !(first >= 97 && first <= 122) && first !== 95 && first !== 58 && first < 0x80)
      this.fail('invalid tag name after "<"');
    let e = s;
    while (e < n && NAME_END[b[e]] === 0) e++;
    if (e >= n) return -1;
    const id = this.names.id(b, s, e);
    if (id === this.localNames.length) {
      const name = this.names.strings[id];
      const local = name.slice(name.indexOf(':') + 1);
      this.localNames.push(local);
      this.kinds.push(Object.hasOwn(KIND_OF, local) ? KIND_OF[local] : XesTag.other);
    }
    this.names.remember(id);
    this.lastName = id;
    return e;
  }

  // Reads a key value starting at s into lastKey; returns the closing quote's position, or -1 when the buffer ends first.
  private readKey(b: Buffer, s: number, q: number): number {
    const guess = this.keys.predictAt(b, s, q === DQ ? ENDS_DQ : ENDS_SQ);
    if (guess >= 0) {
      this.lastKey = guess;
      return s + this.keys.length(guess);
    }
    const e = this.quoteEnd(b, s, q, this.lastName);
    if (e < 0) return -1;
    let id: number;
    if (this.sawAmp) {
      const text = Buffer.from(this.entities(b.toString('utf8', s, e)), 'utf8');
      id = this.keys.id(text, 0, text.length);
    } else {
      id = this.keys.id(b, s, e);
      this.keys.remember(id);
    }
    this.lastKey = id;
    return e;
  }

  // The position of the quote q closing a value that starts at s (-1 when the buffer ends first); notes "&" in sawAmp.
  private quoteEnd(b: Buffer, s: number, q: number, nameId: number): number {
    const n = b.length;
    let lessThan = false;
    this.sawAmp = false;
    for (let i = s; i < n; i++) {
      const c = b[i];
      if (VALUE_STOP[c] === 0) continue;
      if (c === q) {
        if (lessThan) this.fail(`"<" in an attribute value of ${this.label(nameId)}`);
        return i;
      }
      if (c === LT) lessThan = true;
      else if (c === AMP) this.sawAmp = true;
    }
    return -1;
  }

  private emit(
    nameId: number,
    key: number,
    vs: number,
    ve: number,
    entities: boolean,
    hasValue: boolean,
    selfClosing: boolean,
    next: number,
  ): void {
    if (this.stack.length === 0) {
      if (this.rootSeen) this.fail(`second root element ${this.label(nameId)}`);
      this.rootSeen = true;
    }
    let b = this.buf;
    if (entities) {
      // Decoded into a small side buffer so the sink still gets bytes.
      b = Buffer.from(this.entities(b.toString('utf8', vs, ve)), 'utf8');
      vs = 0;
      ve = b.length;
    }
    this.sink.open(this.kinds[nameId], this.localNames[nameId], key, b, vs, ve, hasValue);
    this.pos = next;
    if (selfClosing) this.sink.close();
    else this.stack.push(nameId);
  }

  private label(nameId: number): string {
    return `<${this.names.strings[nameId]}>`;
  }

  private entities(s: string): string {
    return decodeXmlEntities(s, (reason) => this.fail(reason));
  }
}

const byteClass = (...bytes: number[]) => {
  const table = new Uint8Array(256);
  for (const c of bytes) table[c] = 1;
  return table;
};
const NAME_END = byteClass(32, 10, 13, 9, GT, SL);
const ENDS_DQ = byteClass(DQ);
const ENDS_SQ = byteClass(SQ);
const VALUE_STOP = byteClass(DQ, SQ, LT, AMP);
const AFTER_ATTRIBUTE = byteClass(32, 10, 13, 9, GT, SL);
const endsAttributeName = (c: number) => c === EQ || ws(c) || c === GT || c === LT || c === DQ || c === SQ || c === SL;
const isKey = (b: Buffer, s: number, e: number) => e - s === 3 && b[s] === 107 && b[s + 1] === 101 && b[s + 2] === 121;
const isValue = (b: Buffer, s: number, e: number) =>
  e - s === 5 && b[s] === 118 && b[s + 1] === 97 && b[s + 2] === 108 && b[s + 3] === 117 && b[s + 4] === 101;

function countNl(b: Buffer, s: number, e: number): number {
  let n = 0;
  for (let i = b.indexOf(NL, s); i >= 0 && i < e; i = b.indexOf(NL, i + 1)) n++;
  return n;
}

import { MiningError } from '../errors.js';
import { ByteStrings, decode } from './byte-strings.js';

/** Receives the XES-relevant parts of each tag: its name and the key/value attributes. */
export interface XesSink {
  open(tag: string, key: string | undefined, b: Buffer, vs: number, ve: number, hasValue: boolean): void;
  close(tag: string): void;
}

const LT = 0x3c, GT = 0x3e, SL = 0x2f, QM = 0x3f, EX = 0x21, EQ = 0x3d, DQ = 0x22, SQ = 0x27, AMP = 0x26, NL = 0x0a;
const ws = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
const ENT: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * A byte-level, streaming XML tokenizer specialised for XES: it finds tags with native byte
 * search, checks well-formedness (nesting, quoting, entities, one root), and hands over only the
 * `key` attribute as a string and the `value` attribute as a byte range (so dates are parsed
 * without ever becoming strings).
 */
export class XesByteScanner {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private readonly stack: string[] = [];
  private rootSeen = false;
  private linesBefore = 1;
  readonly names = new ByteStrings(32, 10_000);
  private decoded?: Buffer;

  constructor(private readonly sink: XesSink, private readonly file?: string) {}

  write(chunk: Buffer): void {
    if (this.pos < this.buf.length) {
      this.linesBefore += countNl(this.buf, 0, this.pos);
      this.buf = Buffer.concat([this.buf.subarray(this.pos), chunk]);
    } else {
      this.linesBefore += countNl(this.buf, 0, this.buf.length);
      this.buf = chunk;
    }
    this.pos = 0;
    this.scan(false);
  }

  close(): void {
    this.scan(true);
    if (this.stack.length) this.fail(`document ends inside <${this.stack[this.stack.length - 1]}>`);
    if (!this.rootSeen) this.fail('no root element');
  }

  /** Line of the current position (for messages). */
  line(): number {
    return this.linesBefore + countNl(this.buf, 0, Math.min(this.pos, this.buf.length));
  }

  fail(msg: string): never {
    throw new MiningError('malformed_xml', `malformed XML: ${msg}`, { file: this.file, line: this.line() });
  }

  private scan(final: boolean): void {
    const b = this.buf;
    for (;;) {
      const lt = b.indexOf(LT, this.pos);
      const end = lt < 0 ? b.length : lt;
      if (this.stack.length === 0 && (lt >= 0 || final)) {
        for (let i = this.pos; i < end; i++) if (!ws(b[i])) this.fail('text outside the root element');
      }
      if (lt < 0) {
        if (final || this.stack.length > 0) this.pos = b.length;
        return;
      }
      this.pos = lt;
      if (!this.tag(b, lt, final)) return;
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
      if (head === '<!DOCTYPE') return this.skip(b, lt, '>', final);
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
    const gt = b.indexOf(GT, lt + 2);
    if (gt < 0) return this.more(final, 'a closing tag');
    let e = gt;
    while (e > lt + 2 && ws(b[e - 1])) e--;
    const name = this.names.get(b, lt + 2, e);
    const open = this.stack.pop();
    if (open !== name) this.fail(open === undefined ? `unexpected </${name}>` : `</${name}> closes <${open}>`);
    this.pos = gt + 1;
    this.sink.close(local(name));
    return true;
  }

  private openTag(b: Buffer, lt: number, final: boolean): boolean {
    let i = lt + 1;
    const first = b[i];
    if (!(first >= 65 && first <= 90) && !(first >= 97 && first <= 122) && first !== 95 && first !== 58 && first < 0x80) this.fail('invalid tag name after "<"');
    while (i < b.length && !ws(b[i]) && b[i] !== GT && b[i] !== SL) i++;
    if (i >= b.length) return this.more(final, 'a tag');
    const name = this.names.get(b, lt + 1, i);
    let key: string | undefined;
    let vs = 0, ve = 0, hasValue = false;
    for (;;) {
      while (i < b.length && ws(b[i])) i++;
      if (i >= b.length) return this.more(final, `<${name}>`);
      const c = b[i];
      if (c === GT || c === SL) {
        if (c === SL && i + 1 >= b.length) return this.more(final, `<${name}>`);
        if (c === SL && b[i + 1] !== GT) this.fail(`bad "/" in <${name}>`);
        this.emit(name, key, vs, ve, hasValue, c === SL, c === SL ? i + 2 : i + 1);
        return true;
      }
      const ns = i;
      while (i < b.length && b[i] !== EQ && !ws(b[i]) && b[i] !== GT && b[i] !== LT && b[i] !== DQ && b[i] !== SQ && b[i] !== SL) i++;
      if (i >= b.length) return this.more(final, `<${name}>`);
      const ne = i;
      if (ne === ns) this.fail(`bad attribute in <${name}>`);
      while (i < b.length && ws(b[i])) i++;
      if (i >= b.length) return this.more(final, `<${name}>`);
      if (b[i] !== EQ) this.fail(`attribute without "=" in <${name}>`);
      i++;
      while (i < b.length && ws(b[i])) i++;
      if (i >= b.length) return this.more(final, `<${name}>`);
      const q = b[i];
      if (q !== DQ && q !== SQ) this.fail(`unquoted attribute value in <${name}>`);
      const qe = b.indexOf(q, i + 1);
      if (qe < 0) return this.more(final, `<${name}>`);
      if (hasByte(b, i + 1, qe, LT)) this.fail(`"<" in an attribute value of <${name}>`);
      const an = ne - ns;
      if (an === 3 && b[ns] === 107 && b[ns + 1] === 101 && b[ns + 2] === 121) key = this.text(b, i + 1, qe, true);
      else if (an === 5 && b.toString('latin1', ns, ne) === 'value') {
        vs = i + 1;
        ve = qe;
        hasValue = true;
      }
      i = qe + 1;
      if (i < b.length && !ws(b[i]) && b[i] !== GT && b[i] !== SL) this.fail(`missing space after an attribute in <${name}>`);
    }
  }

  private emit(name: string, key: string | undefined, vs: number, ve: number, hasValue: boolean, selfClosing: boolean, next: number): void {
    if (this.stack.length === 0) {
      if (this.rootSeen) this.fail(`second root element <${name}>`);
      this.rootSeen = true;
    }
    const tag = local(name);
    let b = this.buf;
    if (hasValue && hasByte(b, vs, ve, AMP)) {
      // Entities: decode into a small side buffer so the sink still gets bytes.
      b = this.decoded = Buffer.from(this.entities(b.toString('utf8', vs, ve)), 'utf8');
      vs = 0;
      ve = b.length;
    }
    this.sink.open(tag, key, b, vs, ve, hasValue);
    this.pos = next;
    if (selfClosing) this.sink.close(tag);
    else this.stack.push(name);
  }

  /** Attribute text as a string (entities decoded); cached when short. */
  text(b: Buffer, s: number, e: number, cache: boolean): string {
    if (hasByte(b, s, e, AMP)) return this.entities(b.toString('utf8', s, e));
    return cache ? this.names.get(b, s, e) : decode(b, s, e);
  }

  private entities(s: string): string {
    return s.replace(/&([^;&\s]{0,10});?/g, (m, ent: string) => {
      if (!m.endsWith(';')) this.fail(`unterminated entity "${m}"`);
      if (ent[0] === '#') {
        const code = ent[1] === 'x' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
        if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) this.fail(`bad character reference "${m}"`);
        return String.fromCodePoint(code);
      }
      const v = ENT[ent];
      if (v === undefined) this.fail(`unknown entity "${m}"`);
      return v;
    });
  }
}

// Bounded byte search (Buffer.indexOf has no end and would scan the whole chunk).
function hasByte(b: Buffer, s: number, e: number, c: number): boolean {
  if (e - s > 256) {
    const i = b.indexOf(c, s);
    return i >= 0 && i < e;
  }
  for (let i = s; i < e; i++) if (b[i] === c) return true;
  return false;
}

function countNl(b: Buffer, s: number, e: number): number {
  let n = 0;
  for (let i = b.indexOf(NL, s); i >= 0 && i < e; i = b.indexOf(NL, i + 1)) n++;
  return n;
}

function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

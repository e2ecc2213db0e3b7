import { MiningError, throwIfAborted } from '../errors.js';
import type { AttributeType, AttributeValue } from './attributes.js';
import { ByteStrings, decode, parseIsoBytes } from './byte-strings.js';
import type { EventLog } from './event-log.js';
import { rawByteChunks, type LogSource, type ReadOptions } from './input-stream.js';
import { LogBuilder } from './log-builder.js';
import { tryParseTimestamp } from './timestamp.js';
import { XesByteScanner, type XesSink } from './xes-byte-scanner.js';

const SIMPLE: Record<string, AttributeType> = {
  string: 'string', date: 'date', int: 'int', float: 'float', boolean: 'boolean', id: 'id',
};
const NESTED = new Set(['list', 'container']);

/**
 * Streams an IEEE XES log (plain or gzipped, by content) into a columnar EventLog.
 * concept:name, time:timestamp, lifecycle:transition and org:resource become columns; other
 * trace and event attributes are kept; nested attributes keep their own value and skip children.
 */
export async function readXes(source: LogSource, opts: ReadOptions = {}): Promise<EventLog> {
  const fileName = opts.fileName ?? (typeof source === 'string' ? source : undefined);
  const state = new XesState(fileName);
  const scanner = new XesByteScanner(state, fileName);
  state.scanner = scanner;
  for await (const chunk of rawByteChunks(source, opts)) {
    throwIfAborted(opts.signal);
    scanner.write(chunk);
  }
  scanner.close();
  if (!state.sawLog) throw new MiningError('malformed_xml', 'not an XES document (no <log> element)', { file: fileName });
  return state.builder.build();
}

/** Reads XES from a string already in memory. */
export function readXesText(text: string, opts: ReadOptions = {}): Promise<EventLog> {
  return readXes(Buffer.from(text, 'utf8'), opts);
}

class XesState implements XesSink {
  readonly builder = new LogBuilder();
  scanner!: XesByteScanner;
  sawLog = false;
  private ctx: ('log' | 'trace' | 'event')[] = [];
  private caseIdx = -1;
  private skipDepth = 0;
  private readonly values = new Map<string, ByteStrings>();
  // The current event's attributes, in reusable parallel arrays.
  private n = 0;
  private keys: string[] = [];
  private types: AttributeType[] = [];
  private vals: AttributeValue[] = [];

  constructor(private readonly file?: string) {}

  open(tag: string, key: string | undefined, b: Buffer, vs: number, ve: number, hasValue: boolean): void {
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return;
    }
    const top = this.ctx[this.ctx.length - 1];
    if (tag === 'log' && top === undefined) {
      this.sawLog = true;
      this.ctx.push('log');
    } else if (tag === 'trace' && top === 'log') {
      this.caseIdx = this.builder.beginCase();
      this.ctx.push('trace');
    } else if (tag === 'event' && top === 'trace') {
      this.n = 0;
      this.ctx.push('event');
    } else if (top === 'trace' || top === 'event') {
      this.attribute(tag, key, b, vs, ve, hasValue, top);
      this.skipDepth = 1; // children of an attribute (nested values) are skipped
    } else {
      this.skipDepth = 1; // globals, extensions, classifiers, log attributes
    }
  }

  close(): void {
    if (this.skipDepth > 0) {
      this.skipDepth--;
      return;
    }
    const top = this.ctx.pop();
    if (top === 'event') this.flushEvent();
    else if (top === 'trace' && !this.builder.hasCaseId(this.caseIdx)) {
      throw new MiningError('missing_case_id', `trace ${this.caseIdx + 1} has no concept:name (case id)`, this.where());
    }
  }

  private attribute(tag: string, key: string | undefined, b: Buffer, vs: number, ve: number, hasValue: boolean, scope: 'trace' | 'event'): void {
    const type = SIMPLE[tag];
    if (!type) {
      if (NESTED.has(tag)) return; // lists and containers carry no value of their own
      throw new MiningError('malformed_xml', `unknown XES element <${tag}>`, this.where());
    }
    if (key === undefined) throw new MiningError('malformed_xml', `<${tag}> without a key`, this.where());
    const value = hasValue ? this.convert(type, b, vs, ve, key) : type === 'string' || type === 'id' ? '' : this.convert(type, Buffer.alloc(0), 0, 0, key);
    if (scope === 'event') {
      this.keys[this.n] = key;
      this.types[this.n] = type;
      this.vals[this.n++] = value;
    } else if (key === 'concept:name') this.builder.setCaseId(this.caseIdx, String(value));
    else this.builder.caseAttr(this.caseIdx, key, type, value, true);
  }

  private convert(type: AttributeType, b: Buffer, vs: number, ve: number, key: string): AttributeValue {
    switch (type) {
      case 'date': {
        let ms = parseIsoBytes(b, vs, ve);
        if (Number.isNaN(ms)) ms = tryParseTimestamp(decode(b, vs, ve));
        if (Number.isNaN(ms)) throw new MiningError('bad_timestamp', `not a valid timestamp: "${decode(b, vs, Math.min(ve, vs + 60))}"`, { ...this.where(), elementId: key });
        return ms;
      }
      case 'int':
      case 'float': {
        const raw = decode(b, vs, ve);
        const n = Number(raw);
        if (raw.trim() === '' || Number.isNaN(n)) throw new MiningError('malformed_xml', `attribute ${key}: "${raw}" is not a number`, this.where());
        return n;
      }
      case 'boolean':
        return decode(b, vs, ve).trim().toLowerCase() === 'true';
      default: {
        let cache = this.values.get(key);
        if (!cache) this.values.set(key, (cache = new ByteStrings(64, 50_000)));
        return cache.get(b, vs, ve);
      }
    }
  }

  private flushEvent(): void {
    let activity: string | undefined;
    let time = NaN;
    let resource: string | undefined;
    let lifecycle: string | undefined;
    for (let i = 0; i < this.n; i++) {
      const k = this.keys[i];
      if (k === 'concept:name') activity = String(this.vals[i]);
      else if (k === 'time:timestamp' && this.types[i] === 'date') time = this.vals[i] as number;
      else if (k === 'org:resource') resource = String(this.vals[i]);
      else if (k === 'lifecycle:transition') lifecycle = String(this.vals[i]);
    }
    if (activity === undefined) throw new MiningError('missing_activity', 'event has no concept:name (activity)', this.where());
    const row = this.builder.addEvent(this.caseIdx, activity, time, resource, lifecycle);
    for (let i = 0; i < this.n; i++) {
      const k = this.keys[i];
      if (k === 'concept:name' || k === 'org:resource' || k === 'lifecycle:transition') continue;
      if (k === 'time:timestamp' && this.types[i] === 'date') continue;
      this.builder.eventAttr(row, k, this.types[i], this.vals[i], true);
    }
  }

  private where() {
    return { file: this.file, line: this.scanner.line() };
  }
}

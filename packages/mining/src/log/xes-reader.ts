import { MiningError } from '../errors.js';
import type { AttributeType, AttributeValue } from './attributes.js';
import type { EventLog } from './event-log.js';
import { textChunks, type LogSource, type ReadOptions } from './input-stream.js';
import { LogBuilder } from './log-builder.js';
import { parseTimestamp } from './timestamp.js';
import { walkXml, type XmlCursor } from './xml-stream.js';

const SIMPLE: Record<string, AttributeType> = {
  string: 'string', date: 'date', int: 'int', float: 'float', boolean: 'boolean', id: 'id',
};
const NESTED = new Set(['list', 'container']);

type Pending = { key: string; type: AttributeType; value: AttributeValue };

/**
 * Streams an IEEE XES log (plain or gzipped, by content) into a columnar EventLog.
 * concept:name, time:timestamp, lifecycle:transition and org:resource become columns; other
 * trace and event attributes are kept; nested attributes keep their own value and skip children.
 */
export async function readXes(source: LogSource, opts: ReadOptions = {}): Promise<EventLog> {
  const fileName = opts.fileName ?? (typeof source === 'string' ? source : undefined);
  const state = new XesState(fileName);
  await walkXml(textChunks(source, opts), state, { fileName, signal: opts.signal, onCursor: (c) => (state.cursor = c) });
  if (!state.sawLog) throw new MiningError('malformed_xml', 'not an XES document (no <log> element)', { file: fileName });
  return state.builder.build();
}

/** Reads XES from a string already in memory. */
export function readXesText(text: string, opts: ReadOptions = {}): Promise<EventLog> {
  return readXes((async function* () { yield new TextEncoder().encode(text); })(), opts);
}

class XesState {
  readonly builder = new LogBuilder();
  sawLog = false;
  private ctx: ('log' | 'trace' | 'event' | 'skip')[] = [];
  private caseIdx = -1;
  cursor: XmlCursor = { line: 0, column: 0 };
  private event: Pending[] = [];
  private skipDepth = 0;

  constructor(private readonly file?: string) {}

  open(name: string, attrs: Record<string, string>): void {
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return;
    }
    const top = this.ctx[this.ctx.length - 1];
    if (name === 'log' && top === undefined) {
      this.sawLog = true;
      this.ctx.push('log');
    } else if (name === 'trace' && top === 'log') {
      this.caseIdx = this.builder.beginCase();
      this.ctx.push('trace');
    } else if (name === 'event' && top === 'trace') {
      this.event = [];
      this.ctx.push('event');
    } else if (top === 'trace' || top === 'event') {
      this.attribute(name, attrs, top);
      this.skipDepth = 1; // children of an attribute (nested values) are skipped
    } else {
      this.skipDepth = 1; // globals, extensions, classifiers, log attributes
    }
  }

  close(name: string): void {
    if (this.skipDepth > 0) {
      this.skipDepth--;
      return;
    }
    const top = this.ctx.pop();
    if (top === 'event') this.flushEvent();
    else if (top === 'trace' && !this.builder.hasCaseId(this.caseIdx)) {
      throw new MiningError('missing_case_id', `trace ${this.caseIdx + 1} has no concept:name (case id)`, this.where());
    }
    void name;
  }

  private attribute(tag: string, attrs: Record<string, string>, scope: 'trace' | 'event'): void {
    const type = SIMPLE[tag];
    if (!type) {
      if (NESTED.has(tag)) return; // lists and containers carry no value of their own
      throw new MiningError('malformed_xml', `unknown XES element <${tag}>`, this.where());
    }
    const key = attrs.key;
    if (key === undefined) throw new MiningError('malformed_xml', `<${tag}> without a key`, this.where());
    const value = this.convert(type, attrs.value ?? '', key);
    if (scope === 'event') this.event.push({ key, type, value });
    else if (key === 'concept:name') this.builder.setCaseId(this.caseIdx, String(value));
    else this.builder.caseAttr(this.caseIdx, key, type, value);
  }

  private convert(type: AttributeType, raw: string, key: string): AttributeValue {
    switch (type) {
      case 'date':
        return parseTimestamp(raw, () => ({ ...this.where(), elementId: key }));
      case 'int':
      case 'float': {
        const n = Number(raw);
        if (raw.trim() === '' || Number.isNaN(n)) throw new MiningError('malformed_xml', `attribute ${key}: "${raw}" is not a number`, this.where());
        return n;
      }
      case 'boolean':
        return raw.trim().toLowerCase() === 'true';
      default:
        return raw;
    }
  }

  private flushEvent(): void {
    let activity: string | undefined;
    let time = NaN;
    let resource: string | undefined;
    let lifecycle: string | undefined;
    for (const p of this.event) {
      if (p.key === 'concept:name') activity = String(p.value);
      else if (p.key === 'time:timestamp' && p.type === 'date') time = p.value as number;
      else if (p.key === 'org:resource') resource = String(p.value);
      else if (p.key === 'lifecycle:transition') lifecycle = String(p.value);
    }
    if (activity === undefined) throw new MiningError('missing_activity', 'event has no concept:name (activity)', this.where());
    const row = this.builder.addEvent(this.caseIdx, activity, time, resource, lifecycle);
    for (const p of this.event) {
      if (p.key === 'concept:name' || p.key === 'org:resource' || p.key === 'lifecycle:transition') continue;
      if (p.key === 'time:timestamp' && p.type === 'date') continue;
      this.builder.eventAttr(row, p.key, p.type, p.value);
    }
  }

  private where() {
    return { file: this.file, line: this.cursor.line };
  }
}

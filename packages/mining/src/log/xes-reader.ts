import { MiningError, throwIfAborted } from '../errors.js';
import type { AttributeType, AttributeValue, ColumnBuilder } from './attributes.js';
import { ByteStrings, decode } from './byte-strings.js';
import { parseDecimalBytes, parseIsoBytes } from './byte-values.js';
import type { EventLog } from './event-log.js';
import { importLimits, rawByteChunks, type LogSource, type ReadOptions } from './input-stream.js';
import { LogBuilder } from './log-builder.js';
import { tryParseTimestamp } from './timestamp.js';
import { XesByteScanner, XesTag, type XesSink } from './xes-byte-scanner.js';

/** The attribute type of each XES value element, by XesTag. */
const TYPE_OF: (AttributeType | undefined)[] = [];
TYPE_OF[XesTag.string] = 'string';
TYPE_OF[XesTag.date] = 'date';
TYPE_OF[XesTag.int] = 'int';
TYPE_OF[XesTag.float] = 'float';
TYPE_OF[XesTag.boolean] = 'boolean';
TYPE_OF[XesTag.id] = 'id';

/**
 * Streams an IEEE XES log (plain or gzipped, by content) into a columnar EventLog.
 * concept:name, time:timestamp, lifecycle:transition and org:resource become columns; other
 * trace and event attributes are kept; nested attributes keep their own value and skip children.
 */
export async function readXes(source: LogSource, opts: ReadOptions = {}): Promise<EventLog> {
  const fileName = opts.fileName ?? (typeof source === 'string' ? source : undefined);
  const limits = importLimits(opts);
  const state = new XesState(fileName, limits.maxEvents);
  const scanner = new XesByteScanner(state, fileName, limits.maxTokenBytes);
  state.scanner = scanner;
  for await (const chunk of rawByteChunks(source, opts)) {
    throwIfAborted(opts.signal);
    scanner.write(chunk);
  }
  scanner.close();
  if (!state.sawLog)
    throw new MiningError('malformed_xml', 'not an XES document (no <log> element)', { file: fileName });
  return state.builder.build();
}

/** Reads XES from a string already in memory. */
export function readXesText(text: string, opts: ReadOptions = {}): Promise<EventLog> {
  return readXes(Buffer.from(text, 'utf8'), opts);
}

const Depth = { none: 0, log: 1, trace: 2, event: 3 } as const;
const Role = { none: 0, name: 1, time: 2, resource: 3, lifecycle: 4 } as const;
const ROLE_OF: Record<string, number> = {
  'concept:name': Role.name,
  'time:timestamp': Role.time,
  'org:resource': Role.resource,
  'lifecycle:transition': Role.lifecycle,
};

/** What the reader keeps per attribute key, found by the key's id: no string lookups per value. */
class KeyState {
  readonly role: number;
  eventColumn?: ColumnBuilder;
  caseColumn?: ColumnBuilder;
  private eventStrings?: ByteStrings;
  private caseStrings?: ByteStrings;

  constructor(readonly name: string) {
    this.role = Object.hasOwn(ROLE_OF, name) ? ROLE_OF[name] : Role.none;
  }

  /** Repeated string values share one string per key and scope (trace or event). */
  strings(inEvent: boolean): ByteStrings {
    if (inEvent) return (this.eventStrings ??= new ByteStrings(64, 50_000));
    return (this.caseStrings ??= new ByteStrings(64, 50_000));
  }
}

class XesState implements XesSink {
  readonly builder: LogBuilder;
  scanner!: XesByteScanner;
  sawLog = false;
  private depth: number = Depth.none;
  private skipDepth = 0;
  private caseIdx = -1;
  private readonly keys: KeyState[] = [];
  // The event being read: its row, and the values that become the log's own columns.
  private row = -1;
  private activity: string | undefined;
  private time = NaN;
  private resource: string | undefined;
  private lifecycle: string | undefined;

  constructor(
    private readonly file: string | undefined,
    maxEvents: number,
  ) {
    this.builder = new LogBuilder(maxEvents);
  }

  open(tag: number, name: string, key: number, b: Buffer, vs: number, ve: number, hasValue: boolean): void {
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return;
    }
    const d = this.depth;
    if (tag === XesTag.log && d === Depth.none) {
      this.sawLog = true;
      this.depth = Depth.log;
    } else if (tag === XesTag.trace && d === Depth.log) {
      this.caseIdx = this.builder.beginCase();
      this.depth = Depth.trace;
    } else if (tag === XesTag.event && d === Depth.trace) {
      this.row = this.builder.eventCount;
      this.activity = this.resource = this.lifecycle = undefined;
      this.time = NaN;
      this.depth = Depth.event;
    } else if (d >= Depth.trace) {
      this.attribute(tag, name, key, b, vs, ve, hasValue);
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
    const d = this.depth--;
    if (d === Depth.event) this.finishEvent();
    else if (d === Depth.trace && !this.builder.hasCaseId(this.caseIdx)) {
      throw new MiningError('missing_case_id', `trace ${this.caseIdx + 1} has no concept:name (case id)`, this.where());
    }
  }

  private attribute(
    tag: number,
    name: string,
    keyId: number,
    b: Buffer,
    vs: number,
    ve: number,
    hasValue: boolean,
  ): void {
    const type = TYPE_OF[tag];
    if (!type) {
      if (tag === XesTag.list || tag === XesTag.container) return; // they carry no value of their own
      throw new MiningError('malformed_xml', `unknown XES element <${name}>`, this.where());
    }
    if (keyId < 0) throw new MiningError('malformed_xml', `<${name}> without a key`, this.where());
    const key = (this.keys[keyId] ??= new KeyState(this.scanner.keys.strings[keyId]));
    const inEvent = this.depth === Depth.event;
    const value = hasValue
      ? this.convert(type, key, inEvent, b, vs, ve)
      : type === 'string' || type === 'id'
        ? ''
        : this.convert(type, key, inEvent, b, 0, 0);
    if (inEvent) this.eventAttribute(key, type, value);
    else if (key.role === Role.name) this.builder.setCaseId(this.caseIdx, String(value), true);
    else
      this.builder.caseAttrs.put(
        (key.caseColumn ??= this.builder.caseAttrs.column(key.name, type)),
        this.caseIdx,
        type,
        value,
      );
  }

  private eventAttribute(key: KeyState, type: AttributeType, value: AttributeValue): void {
    switch (key.role) {
      case Role.name:
        this.activity = String(value);
        return;
      case Role.resource:
        this.resource = String(value);
        return;
      case Role.lifecycle:
        this.lifecycle = String(value);
        return;
      case Role.time:
        if (type === 'date') {
          this.time = value as number;
          return;
        }
    }
    this.builder.eventAttrs.put(
      (key.eventColumn ??= this.builder.eventAttrs.column(key.name, type)),
      this.row,
      type,
      value,
    );
  }

  private convert(
    type: AttributeType,
    key: KeyState,
    inEvent: boolean,
    b: Buffer,
    vs: number,
    ve: number,
  ): AttributeValue {
    switch (type) {
      case 'date': {
        let ms = parseIsoBytes(b, vs, ve);
        if (Number.isNaN(ms)) ms = tryParseTimestamp(decode(b, vs, ve));
        if (Number.isNaN(ms))
          throw new MiningError('bad_timestamp', `not a valid timestamp: "${decode(b, vs, Math.min(ve, vs + 60))}"`, {
            ...this.where(),
            elementId: key.name,
          });
        return ms;
      }
      case 'int':
      case 'float': {
        const n = parseDecimalBytes(b, vs, ve);
        return Number.isNaN(n) ? this.slowNumber(b, vs, ve, key) : n;
      }
      case 'boolean':
        return ve - vs === 4 && b[vs] === 116 && b[vs + 1] === 114 && b[vs + 2] === 117 && b[vs + 3] === 101
          ? true
          : decode(b, vs, ve).trim().toLowerCase() === 'true';
      default:
        return key.strings(inEvent).get(b, vs, ve);
    }
  }

  private slowNumber(b: Buffer, vs: number, ve: number, key: KeyState): number {
    const raw = decode(b, vs, ve);
    const n = Number(raw);
    if (raw.trim() === '' || Number.isNaN(n))
      throw new MiningError('malformed_xml', `attribute ${key.name}: "${raw}" is not a number`, this.where());
    return n;
  }

  private finishEvent(): void {
    if (this.activity === undefined)
      throw new MiningError('missing_activity', 'event has no concept:name (activity)', this.where());
    this.builder.addEvent(this.caseIdx, this.activity, this.time, this.resource, this.lifecycle);
  }

  private where() {
    return { file: this.file, line: this.scanner.line() };
  }
}

import { MiningError, type MiningErrorPosition } from '../errors.js';
import type { AttributeValue } from './attributes.js';
import type { EventLog } from './event-log.js';
import { importLimits, rawByteChunks, utf8Chunks, type LogSource, type ReadOptions } from './input-stream.js';
import { setOwn, streamJsonArrays } from './json-stream.js';
import { LogBuilder } from './log-builder.js';
import { tryParseTimestamp } from './timestamp.js';
import { walkXml, type XmlCursor } from './xml-stream.js';

export interface OcelRelationship {
  objectId: string;
  qualifier: string;
}

export interface OcelEvent {
  id: string;
  type: string;
  time: number;
  attributes: Record<string, AttributeValue>;
  relationships: OcelRelationship[];
}

export interface OcelObject {
  id: string;
  type: string;
  attributes: { name: string; time: number; value: AttributeValue }[];
  relationships: OcelRelationship[];
}

/** An OCEL 2.0 object-centric log (type declarations are derived on writing). */
export interface OcelLog {
  objects: OcelObject[];
  events: OcelEvent[];
}

/** Reads OCEL 2.0 as JSON or XML (decided by the first character); JSON is read as a stream. */
export async function readOcel(source: LogSource, opts: ReadOptions = {}): Promise<OcelLog> {
  const file = opts.fileName ?? (typeof source === 'string' ? source : undefined);
  const it = rawByteChunks(source, opts)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let first = -1;
  while (first < 0) {
    const r = await it.next();
    if (r.done) throw new MiningError('bad_ocel', 'empty OCEL file', { file });
    head.push(r.value);
    first = firstNonSpace(r.value);
  }
  async function* replay() {
    yield* head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return first === 0x7b ? ocelFromJson(replay(), opts, file) : ocelFromXml(utf8Chunks(replay()), opts, file);
}

// The first byte that is not whitespace or a byte order mark; -1 when there is none.
function firstNonSpace(b: Buffer): number {
  for (const c of b)
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xef && c !== 0xbb && c !== 0xbf) return c;
  return -1;
}

function time(v: unknown, where: string, at: MiningErrorPosition): number {
  const ms = typeof v === 'string' ? tryParseTimestamp(v) : NaN;
  if (Number.isNaN(ms))
    throw new MiningError('bad_timestamp', `${where}: not a valid time "${String(v)}"`, { ...at, elementId: where });
  return ms;
}

type JsonItem = {
  id?: unknown;
  type?: unknown;
  time?: unknown;
  attributes?: unknown;
  relationships?: unknown;
};

async function ocelFromJson(chunks: AsyncIterable<Buffer>, opts: ReadOptions, file?: string): Promise<OcelLog> {
  const out: OcelLog = { objects: [], events: [] };
  const kinds = await streamJsonArrays(
    chunks,
    {
      arrays: ['objectTypes', 'eventTypes', 'objects', 'events'],
      onArray(key) {
        if (key === 'objects') out.objects = [];
        else if (key === 'events') out.events = [];
      },
      onElement(key, element, index, at) {
        if (key === 'objects') out.objects.push(jsonObject(element as JsonItem, index, { file, byte: at }));
        else if (key === 'events') out.events.push(jsonEvent(element as JsonItem, index, { file, byte: at }));
      },
    },
    { file, signal: opts.signal },
  );
  if (kinds.get('objects') !== 'array' || kinds.get('events') !== 'array')
    throw new MiningError('bad_ocel', 'OCEL JSON needs "objects" and "events" arrays', { file });
  return out;
}

function jsonObject(o: JsonItem, i: number, at: MiningErrorPosition): OcelObject {
  if (!o?.id || !o?.type) throw new MiningError('bad_ocel', `object ${i} lacks id or type`, at);
  const attributes = list<{ name?: unknown; time?: unknown; value: AttributeValue }>(
    o.attributes,
    `object ${o.id} attributes`,
    at,
  ).map((a) => ({
    name: String(a.name),
    time: time(a.time ?? '1970-01-01T00:00:00Z', `${o.id}.${a.name}`, at),
    value: a.value,
  }));
  return {
    id: String(o.id),
    type: String(o.type),
    attributes,
    relationships: relationships(o.relationships, `object ${o.id}`, at),
  };
}

function jsonEvent(e: JsonItem, i: number, at: MiningErrorPosition): OcelEvent {
  if (!e?.id || !e?.type) throw new MiningError('bad_ocel', `event ${i} lacks id or type`, at);
  const attributes: Record<string, AttributeValue> = {};
  for (const a of list<{ name?: unknown; value: AttributeValue }>(e.attributes, `event ${e.id} attributes`, at))
    setOwn(attributes, String(a.name), a.value);
  return {
    id: String(e.id),
    type: String(e.type),
    time: time(e.time, String(e.id), at),
    attributes,
    relationships: relationships(e.relationships, `event ${e.id}`, at),
  };
}

function relationships(r: unknown, owner: string, at: MiningErrorPosition): OcelRelationship[] {
  if (!Array.isArray(r)) return [];
  return list<{ objectId?: unknown; qualifier?: unknown }>(r, `${owner} relationships`, at).map((x) => ({
    objectId: String(x.objectId),
    qualifier: String(x.qualifier ?? ''),
  }));
}

// An optional JSON array of objects; anything else is a typed error rather than a crash.
function list<T>(v: unknown, what: string, at: MiningErrorPosition): T[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => x === null || typeof x !== 'object'))
    throw new MiningError('bad_ocel', `${what} must be an array of objects`, at);
  return v as T[];
}

async function ocelFromXml(chunks: AsyncIterable<string>, opts: ReadOptions, file?: string): Promise<OcelLog> {
  const out: OcelLog = { objects: [], events: [] };
  let cursor: XmlCursor | undefined;
  let obj: OcelObject | undefined;
  let ev: OcelEvent | undefined;
  let attr: { name: string; time?: string } | undefined;
  let text = '';
  const at = () => ({ file, line: cursor?.line });
  await walkXml(
    chunks,
    {
      open(tag, a) {
        if (tag === 'object' && a.id !== undefined)
          obj = { id: a.id, type: a.type ?? '', attributes: [], relationships: [] };
        else if (tag === 'event' && a.id !== undefined) {
          const ms = tryParseTimestamp(a.time ?? '');
          if (Number.isNaN(ms))
            throw new MiningError('bad_timestamp', `event ${a.id}: not a valid time "${a.time}"`, at());
          ev = { id: a.id, type: a.type ?? '', time: ms, attributes: {}, relationships: [] };
        } else if (tag === 'attribute' && (obj || ev)) {
          attr = { name: a.name, time: a.time };
          text = '';
        } else if (tag === 'relationship')
          (ev ?? obj)?.relationships.push({ objectId: a['object-id'], qualifier: a.qualifier ?? '' });
      },
      text(t) {
        if (attr) text += t;
      },
      close(tag) {
        if (tag === 'attribute' && attr) {
          if (ev) setOwn(ev.attributes, attr.name, text);
          else
            obj?.attributes.push({
              name: attr.name,
              time: tryParseTimestamp(attr.time ?? '1970-01-01T00:00:00Z'),
              value: text,
            });
          attr = undefined;
        } else if (tag === 'object' && obj && !ev) {
          out.objects.push(obj);
          obj = undefined;
        } else if (tag === 'event' && ev) {
          out.events.push(ev);
          ev = undefined;
        }
      },
    },
    {
      fileName: file,
      signal: opts.signal,
      onCursor: (c) => (cursor = c),
      maxTokenChars: importLimits(opts).maxTokenBytes,
    },
  );
  return out;
}

/** Object types present in the log, in first-seen order. */
export function ocelObjectTypes(ocel: OcelLog): string[] {
  return [...new Set(ocel.objects.map((o) => o.type))];
}

/**
 * Flattens an object-centric log on one object type: each object of that type becomes a case
 * holding the events related to it, in time order (activity = event type).
 */
export function flattenOcel(ocel: OcelLog, objectType: string): EventLog {
  const types = new Map(ocel.objects.map((o) => [o.id, o.type]));
  if (!ocel.objects.some((o) => o.type === objectType)) {
    throw new MiningError(
      'invalid_argument',
      `no objects of type "${objectType}" (types: ${ocelObjectTypes(ocel).join(', ')})`,
    );
  }
  const b = new LogBuilder();
  for (const o of ocel.objects) if (o.type === objectType) b.caseFor(o.id);
  for (const e of ocel.events) {
    for (const r of e.relationships) {
      if (types.get(r.objectId) !== objectType) continue;
      const row = b.addEvent(b.caseFor(r.objectId), e.type, e.time);
      b.eventAttr(row, 'ocel:eid', 'id', e.id);
      for (const [k, v] of Object.entries(e.attributes))
        b.eventAttr(row, k, typeof v === 'number' ? 'float' : typeof v === 'boolean' ? 'boolean' : 'string', v);
    }
  }
  return b.build({ sortByTimestamp: true });
}

/** A case-centric log as OCEL: one object per case (type "case"), one event per event. */
export function logToOcel(log: EventLog, objectType = 'case'): OcelLog {
  const objects: OcelObject[] = log.caseIds.map((id) => ({ id, type: objectType, attributes: [], relationships: [] }));
  const events: OcelEvent[] = [];
  for (let c = 0; c < log.caseCount; c++) {
    for (let e = log.caseOffsets[c]; e < log.caseOffsets[c + 1]; e++) {
      const attributes: Record<string, AttributeValue> = {};
      if (log.resources[e] >= 0) attributes['org:resource'] = log.resourceNames[log.resources[e]];
      for (const [k, col] of log.eventAttributes)
        if (col.values[e] !== undefined && k !== 'ocel:eid') setOwn(attributes, k, col.values[e]!);
      const id = log.eventAttributes.get('ocel:eid')?.values[e];
      events.push({
        id: id !== undefined ? String(id) : `e${e}`,
        type: log.activityNames[log.activities[e]],
        time: log.timestamps[e],
        attributes,
        relationships: [{ objectId: log.caseIds[c], qualifier: '' }],
      });
    }
  }
  return { objects, events };
}

/** Writes OCEL 2.0 JSON (type declarations derived from the data). */
export function writeOcelJson(ocel: OcelLog): string {
  const attrType = (v: AttributeValue) =>
    typeof v === 'number' ? 'float' : typeof v === 'boolean' ? 'boolean' : 'string';
  const decl = <T>(items: T[], type: (x: T) => string, attrs: (x: T) => [string, AttributeValue][]) => {
    const m = new Map<string, Map<string, string>>();
    for (const x of items) {
      const t = type(x);
      if (!m.has(t)) m.set(t, new Map());
      for (const [n, v] of attrs(x)) m.get(t)!.set(n, attrType(v));
    }
    return [...m].map(([name, a]) => ({ name, attributes: [...a].map(([n, t]) => ({ name: n, type: t })) }));
  };
  const iso = (ms: number) => (Number.isNaN(ms) ? '1970-01-01T00:00:00.000Z' : new Date(ms).toISOString());
  return JSON.stringify(
    {
      objectTypes: decl(
        ocel.objects,
        (o) => o.type,
        (o) => o.attributes.map((a) => [a.name, a.value]),
      ),
      eventTypes: decl(
        ocel.events,
        (e) => e.type,
        (e) => Object.entries(e.attributes),
      ),
      objects: ocel.objects.map((o) => ({
        id: o.id,
        type: o.type,
        attributes: o.attributes.map((a) => ({ name: a.name, time: iso(a.time), value: a.value })),
        relationships: o.relationships,
      })),
      events: ocel.events.map((e) => ({
        id: e.id,
        type: e.type,
        time: iso(e.time),
        attributes: Object.entries(e.attributes).map(([name, value]) => ({ name, value })),
        relationships: e.relationships,
      })),
    },
    null,
    1,
  );
}

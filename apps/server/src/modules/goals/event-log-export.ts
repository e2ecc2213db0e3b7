import { Readable } from 'node:stream';
import type { Executor } from '../../platform/db/transaction.js';
import { eventLogActivities, streamEventLog, type EventExportFilter, type ExportedCase } from '../cases/index.js';

export type EventLogFormat = 'xes' | 'ocel' | 'csv';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
const iso = (d: Date) => d.toISOString();

/** IEEE 1849-2016 XES: a trace per case, an event per log entry (concept, time and org extensions). */
async function* xes(pages: AsyncGenerator<ExportedCase[]>): AsyncGenerator<string> {
  yield (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<log xes.version="1849-2016" xes.features="" xmlns="http://www.xes-standard.org/">\n' +
    '<extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>\n' +
    '<extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>\n' +
    '<extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>\n' +
    '<global scope="trace"><string key="concept:name" value="__INVALID__"/></global>\n' +
    '<global scope="event"><string key="concept:name" value="__INVALID__"/>' +
    '<date key="time:timestamp" value="1970-01-01T00:00:00.000Z"/></global>\n' +
    '<classifier name="Activity" keys="concept:name"/>\n' +
    '<string key="concept:name" value="Sagsgang event log"/>\n'
  );
  for await (const cases of pages) {
    let chunk = '';
    for (const c of cases) {
      chunk +=
        `<trace><string key="concept:name" value="${xml(c.reference)}"/>` +
        `<string key="case:type" value="${xml(c.caseType)}"/><string key="org:group" value="${xml(c.unit)}"/>` +
        `<date key="case:received" value="${iso(c.receivedAt)}"/>\n`;
      for (const e of c.events)
        chunk +=
          `<event><string key="concept:name" value="${xml(e.activity)}"/>` +
          `<date key="time:timestamp" value="${iso(e.time)}"/><string key="org:group" value="${xml(e.unit)}"/></event>\n`;
      chunk += '</trace>\n';
    }
    yield chunk;
  }
  yield '</log>\n';
}

/** pm4py's column names: case:concept:name, concept:name, time:timestamp, org:group. */
async function* csv(pages: AsyncGenerator<ExportedCase[]>): AsyncGenerator<string> {
  const field = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  yield 'case:concept:name,concept:name,time:timestamp,org:group,case:type\n';
  for await (const cases of pages) {
    let chunk = '';
    for (const c of cases)
      for (const e of c.events)
        chunk += `${field(c.reference)},${field(e.activity)},${iso(e.time)},${field(e.unit)},${field(c.caseType)}\n`;
    yield chunk;
  }
}

/**
 * OCEL 2.0 (JSON): the cases as objects, the log entries as events related to their case. Written in two streamed
 * passes (objects, then events), as the format puts every object before the events.
 */
async function* ocel(db: Executor, filter: EventExportFilter): AsyncGenerator<string> {
  const activities = await eventLogActivities(db, filter);
  const objectTypes = [
    {
      name: 'case',
      attributes: [
        { name: 'caseType', type: 'string' },
        { name: 'unit', type: 'string' },
        { name: 'received', type: 'time' },
      ],
    },
  ];
  const eventTypes = activities.map((name) => ({ name, attributes: [{ name: 'unit', type: 'string' }] }));
  yield `{"objectTypes":${JSON.stringify(objectTypes)},"eventTypes":${JSON.stringify(eventTypes)},"objects":[`;
  let first = true;
  for await (const cases of streamEventLog(db, filter)) {
    const items = cases.map((c) =>
      JSON.stringify({
        id: `case:${c.reference}`,
        type: 'case',
        attributes: [
          { name: 'caseType', time: '1970-01-01T00:00:00Z', value: c.caseType },
          { name: 'unit', time: '1970-01-01T00:00:00Z', value: c.unit },
          { name: 'received', time: '1970-01-01T00:00:00Z', value: iso(c.receivedAt) },
        ],
      }),
    );
    if (items.length) yield (first ? '' : ',') + items.join(',');
    if (items.length) first = false;
  }
  yield '],"events":[';
  first = true;
  for await (const cases of streamEventLog(db, filter)) {
    const items: string[] = [];
    for (const c of cases)
      for (const e of c.events)
        items.push(
          JSON.stringify({
            id: `event:${e.id}`,
            type: e.activity,
            time: iso(e.time),
            attributes: [{ name: 'unit', value: e.unit }],
            relationships: [{ objectId: `case:${c.reference}`, qualifier: 'case' }],
          }),
        );
    if (items.length) yield (first ? '' : ',') + items.join(',');
    if (items.length) first = false;
  }
  yield ']}\n';
}

export const EVENT_LOG_MEDIA: Record<EventLogFormat, { type: string; extension: string }> = {
  xes: { type: 'application/xml', extension: 'xes' },
  ocel: { type: 'application/json', extension: 'jsonocel' },
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
};

/** The filtered event log in an open format, as a stream of text (bounded memory: one page of cases at a time). */
export function eventLogStream(db: Executor, format: EventLogFormat, filter: EventExportFilter): Readable {
  const source =
    format === 'ocel'
      ? ocel(db, filter)
      : format === 'xes'
        ? xes(streamEventLog(db, filter))
        : csv(streamEventLog(db, filter));
  return Readable.from(source, { objectMode: false });
}

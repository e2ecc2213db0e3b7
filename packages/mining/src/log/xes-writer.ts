import { formatValue, type AttributeColumn, type AttributeType, type AttributeValue } from './attributes.js';
import type { EventLog } from './event-log.js';

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
const TAG: Record<AttributeType, string> = {
  string: 'string',
  id: 'id',
  int: 'int',
  float: 'float',
  date: 'date',
  boolean: 'boolean',
};

function attr(key: string, type: AttributeType, v: AttributeValue): string {
  const text = type === 'float' && typeof v === 'number' ? String(v) : formatValue(type, v);
  return `<${TAG[type]} key="${esc(key)}" value="${esc(text)}"/>`;
}

function columnAttrs(cols: Map<string, AttributeColumn>, row: number): string {
  let s = '';
  for (const [k, c] of cols) {
    const v = c.values[row];
    if (v !== undefined) s += attr(k, c.type, v);
  }
  return s;
}

/** Serialises a log as IEEE XES, in chunks of about `tracesPerChunk` traces (stream them to a file). */
export function* writeXes(log: EventLog, tracesPerChunk = 500): Generator<string> {
  yield (
    '<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">\n' +
    '  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>\n' +
    '  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>\n' +
    '  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>\n' +
    '  <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>\n'
  );
  let buf = '';
  for (let c = 0; c < log.caseCount; c++) {
    buf += `  <trace>${attr('concept:name', 'string', log.caseIds[c])}${columnAttrs(log.caseAttributes, c)}\n`;
    for (let e = log.caseOffsets[c]; e < log.caseOffsets[c + 1]; e++)
      buf += `    <event>${eventAttrs(log, e)}</event>\n`;
    buf += '  </trace>\n';
    if ((c + 1) % tracesPerChunk === 0) {
      yield buf;
      buf = '';
    }
  }
  yield buf + '</log>\n';
}

function eventAttrs(log: EventLog, e: number): string {
  let s = attr('concept:name', 'string', log.activityNames[log.activities[e]]);
  if (log.lifecycles[e] >= 0) s += attr('lifecycle:transition', 'string', log.lifecycleNames[log.lifecycles[e]]);
  if (log.resources[e] >= 0) s += attr('org:resource', 'string', log.resourceNames[log.resources[e]]);
  if (!Number.isNaN(log.timestamps[e])) s += attr('time:timestamp', 'date', log.timestamps[e]);
  return s + columnAttrs(log.eventAttributes, e);
}

/** The whole XES document as one string (small logs, tests). */
export function xesToString(log: EventLog): string {
  return [...writeXes(log)].join('');
}

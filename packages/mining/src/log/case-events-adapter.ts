import { MiningError } from '../errors.js';
import type { AttributeValue } from './attributes.js';
import type { EventLog } from './event-log.js';
import { LogBuilder } from './log-builder.js';
import { parseTimestamp } from './timestamp.js';

/** One event of the platform's own case log. */
export interface CaseEventRow {
  caseId: string;
  activity: string;
  timestamp: Date | string | number;
  actor?: string | null;
  unit?: string | null;
  attributes?: Record<string, string | number | boolean | Date | null | undefined>;
}

/** Turns case-event rows (in any order) into an event log: actor is the resource, unit the org:group. */
export function caseEventsToLog(rows: Iterable<CaseEventRow>): EventLog {
  const b = new LogBuilder();
  let i = 0;
  for (const r of rows) {
    i++;
    if (!r.caseId) throw new MiningError('missing_case_id', 'case event without caseId', { row: i });
    if (!r.activity) throw new MiningError('missing_activity', 'case event without activity', { row: i });
    const ts = toMs(r.timestamp, i);
    const row = b.addEvent(b.caseFor(String(r.caseId)), r.activity, ts, r.actor ?? undefined);
    if (r.unit) b.eventAttr(row, 'org:group', 'string', r.unit);
    for (const [k, v] of Object.entries(r.attributes ?? {})) {
      if (v === null || v === undefined) continue;
      const [type, value] = typed(v);
      b.eventAttr(row, k, type, value);
    }
  }
  return b.build({ sortByTimestamp: true });
}

function toMs(t: Date | string | number, row: number): number {
  const ms = t instanceof Date ? t.getTime() : typeof t === 'number' ? t : parseTimestamp(t, { row });
  if (!Number.isFinite(ms)) throw new MiningError('bad_timestamp', `invalid timestamp ${String(t)}`, { row });
  return ms;
}

function typed(v: string | number | boolean | Date): ['string' | 'int' | 'float' | 'boolean' | 'date', AttributeValue] {
  if (v instanceof Date) return ['date', v.getTime()];
  if (typeof v === 'number') return [Number.isInteger(v) ? 'int' : 'float', v];
  if (typeof v === 'boolean') return ['boolean', v];
  return ['string', v];
}

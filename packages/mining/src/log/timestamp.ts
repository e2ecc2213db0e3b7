import { MiningError, type MiningErrorPosition } from '../errors.js';

const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/**
 * Parses an ISO-8601 timestamp (XES, OCEL, CSV "2010-12-30 14:32:00+01:00") to epoch ms.
 * Anything else is a MiningError('bad_timestamp') naming the value and where it was found.
 */
export function parseTimestamp(value: string, where: MiningErrorPosition | (() => MiningErrorPosition) = {}): number {
  const ms = tryParseTimestamp(value);
  if (!Number.isNaN(ms)) return ms;
  const at = typeof where === 'function' ? where() : where;
  throw new MiningError('bad_timestamp', `not a valid timestamp: "${value.slice(0, 60)}"`, at);
}

/** Like parseTimestamp, but NaN instead of an error. */
export function tryParseTimestamp(value: string): number {
  const v =
    value.length > 0 && value.charCodeAt(0) > 32 && value.charCodeAt(value.length - 1) > 32 ? value : value.trim();
  const m = ISO.exec(v);
  if (!m) return NaN;
  // A time without zone is read as UTC, so results do not depend on the machine's time zone.
  if (m[1] && !m[4]) return Date.parse(normalise(v) + 'Z');
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? Date.parse(normalise(v)) : ms;
}

// Date.parse wants 'T' between date and time and '+hh:mm' offsets; CSV exports often differ.
function normalise(v: string): string {
  if (v.length === 10) return v + 'T00:00:00Z';
  const t = v[10] === ' ' ? v.slice(0, 10) + 'T' + v.slice(11) : v;
  const time = t.slice(11);
  const fixed = time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2').replace(/([+-]\d{2})$/, '$1:00');
  return t.slice(0, 11) + fixed;
}

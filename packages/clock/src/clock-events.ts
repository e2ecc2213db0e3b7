/**
 * The case events the service-goal clock reads, and their normalisation (timestamps parsed, order checked).
 *
 * The clock takes any case event (rows straight from the event log); it reads only the types below and ignores
 * the rest. Payload fields sit beside `type` and `at`.
 */
import type { Duration } from './duration.js';
import { dayFromCivil, daysInMonth } from './local-date.js';

/** An instant: an ISO 8601 string with a zone offset ('2026-03-02T09:15:00Z', '…+01:00'), epoch ms, or a Date. */
export type Instant = string | number | Date;

export type ClockEventType =
  | 'received'
  | 'screened'
  | 'information_requested'
  | 'information_received'
  | 'extended'
  | 'decided'
  | 'closed'
  | 'withdrawn'
  | 'reopened';

/** The events the clock understands, with their payloads. */
export type KnownClockEvent =
  | { type: 'received'; at: Instant }
  /** The screening verdict; the first screening decides "fully informed on receipt". */
  | { type: 'screened'; at: Instant; fullyInformed: boolean }
  | { type: 'information_requested'; at: Instant }
  /** The applicant's answer; fullyInformed defaults to true (set false for a partial answer). */
  | { type: 'information_received'; at: Instant; fullyInformed?: boolean }
  | { type: 'extended'; at: Instant; by: Duration; reason?: string }
  | { type: 'decided'; at: Instant }
  | { type: 'closed'; at: Instant }
  | { type: 'withdrawn'; at: Instant }
  | { type: 'reopened'; at: Instant };

/** Any event from the log; unknown types are skipped. */
export interface ClockEventInput {
  type: string;
  at: Instant;
  [payload: string]: unknown;
}

export type AnomalyCode =
  | 'invalid_timestamp'
  | 'events_out_of_order'
  | 'event_before_received'
  | 'duplicate_received'
  | 'information_received_without_request'
  | 'duplicate_information_request'
  | 'duplicate_screening'
  | 'invalid_extension'
  | 'extension_before_start'
  | 'extension_after_deadline'
  | 'extension_capped'
  | 'pause_after_deadline'
  | 'event_after_end'
  | 'duplicate_decision'
  | 'reopened_while_open'
  | 'decided_before_start'
  | 'invalid_goal';

/** Something in the event sequence the clock could not use as given; the event's index is in the input array. */
export interface ClockAnomaly {
  code: AnomalyCode;
  index: number;
  type: string;
}

export interface NormalisedEvent {
  index: number;
  type: ClockEventType;
  ms: number;
  event: ClockEventInput;
}

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};
const num2 = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/**
 * Reads the common shape 'YYYY-MM-DDTHH:mm:ss[.fff]Z' or '…±HH:MM' without Date.parse, which costs about a
 * microsecond per call and dominated the clock. NaN for that shape with impossible values (Date.parse would roll
 * 30 February over into March); null for any other shape, which goes to Date.parse.
 */
function parseIsoInstant(s: string): number | null {
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58)
    return null;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 116 && sep !== 32) return null; // 'T', 't' or a space
  const year = num2(s, 0) * 100 + num2(s, 2);
  const month = num2(s, 5);
  const day = num2(s, 8);
  const hour = num2(s, 11);
  const minute = num2(s, 14);
  const second = num2(s, 17);
  if (!(
    year >= 0 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  ))
    return NaN;
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    let scale = 100;
    for (i++; i < n && digit(s, i) === digit(s, i); i++, scale /= 10) ms += digit(s, i) * scale;
  }
  let offset: number;
  const c = s.charCodeAt(i);
  if ((c === 90 || c === 122) && i + 1 === n) offset = 0;
  else if ((c === 43 || c === 45) && i + 6 === n && s.charCodeAt(i + 3) === 58) {
    offset = (c === 45 ? -1 : 1) * (num2(s, i + 1) * 60 + num2(s, i + 4)) * 60_000;
  } else return null;
  return (
    (dayFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second) * 1000 + Math.floor(ms) - offset
  );
}

const KNOWN: ReadonlySet<string> = new Set([
  'received',
  'screened',
  'information_requested',
  'information_received',
  'extended',
  'decided',
  'closed',
  'withdrawn',
  'reopened',
]);

// A string instant must name its offset: without one, Date.parse would read it in the server's own zone.
const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Epoch ms of an instant, or NaN when it is not a usable instant. */
export function instantMs(at: unknown): number {
  if (typeof at === 'number') return Number.isFinite(at) ? at : NaN;
  if (typeof at === 'string') {
    const fast = parseIsoInstant(at);
    if (fast !== null) return fast;
    return HAS_OFFSET.test(at) ? Date.parse(at) : NaN;
  }
  if (at instanceof Date) return at.getTime();
  return NaN;
}

/**
 * Keeps the known events at or before `nowMs` (later ones have not happened as of now), parses their instants and
 * sorts them stably by time if the input was not already in order.
 */
export function normaliseEvents(
  events: readonly ClockEventInput[],
  nowMs: number,
  anomalies: ClockAnomaly[],
): NormalisedEvent[] {
  const out: NormalisedEvent[] = [];
  let ordered = true;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (!event || !KNOWN.has(event.type)) continue;
    const ms = instantMs(event.at);
    if (Number.isNaN(ms)) {
      anomalies.push({ code: 'invalid_timestamp', index: i, type: event.type });
      continue;
    }
    if (ms > nowMs) continue;
    if (out.length > 0 && ms < out[out.length - 1].ms) ordered = false;
    out.push({ index: i, type: event.type as ClockEventType, ms, event });
  }
  if (!ordered) {
    anomalies.push({ code: 'events_out_of_order', index: -1, type: '' });
    out.sort((a, b) => a.ms - b.ms || a.index - b.index);
  }
  return out;
}

/**
 * What the authority asks of the applicant, read from the event log: what is missing now (the caseworker's verdict or
 * open request overrides the automatic screening), and the open information request. Pure functions.
 */
import type { EventRow } from './cases.repository.js';

/** What these rules read of an event. */
type LoggedStep = Pick<EventRow, 'seq' | 'activity' | 'attributes'>;

export interface MissingItem {
  requirementCode?: string;
  text: string;
}

export interface OpenRequest {
  seq: number;
  items: MissingItem[];
  message: string;
  dueDate: string | null;
  pausesClock: boolean;
}

/** The information request still waiting for an answer, if any. */
export function openRequest(events: readonly LoggedStep[], state: string): OpenRequest | null {
  if (state !== 'awaiting_applicant') return null;
  const e = [...events].reverse().find((x) => x.activity === 'information_requested');
  if (!e) return null;
  const a = e.attributes;
  return {
    seq: e.seq,
    items: Array.isArray(a.items) ? (a.items as MissingItem[]) : [],
    message: String(a.message ?? ''),
    dueDate: typeof a.dueDate === 'string' ? a.dueDate : null,
    pausesClock: a.pausesClock === true,
  };
}

/**
 * What the authority is waiting for: the open request's items; otherwise the latest screening's missing list
 * (the caseworker's verdict if there is one, else the automatic checks), minus what arrived since.
 */
export function currentlyMissing(
  events: readonly LoggedStep[],
  state: string,
  receivedCodes: ReadonlySet<string>,
): MissingItem[] {
  if (state === 'decided' || state === 'closed') return [];
  const request = openRequest(events, state);
  if (request) return request.items;
  const lastAnswer = [...events].reverse().find((e) => e.activity === 'information_received');
  const screening = [...events]
    .reverse()
    .find((e) => e.activity === 'screened' || e.activity === 'screened_automatically');
  if (!screening || (lastAnswer && lastAnswer.seq > screening.seq)) return [];
  const missing = Array.isArray(screening.attributes.missing) ? (screening.attributes.missing as MissingItem[]) : [];
  return missing.filter((m) => !m.requirementCode || !receivedCodes.has(m.requirementCode));
}

/** An answer covers a request when every requested document has arrived and, for the rest, something was written. */
export function answerCovers(
  items: readonly MissingItem[],
  receivedCodes: ReadonlySet<string>,
  documentCodes: ReadonlySet<string>,
  textGiven: boolean,
): boolean {
  return items.every((i) =>
    i.requirementCode && documentCodes.has(i.requirementCode)
      ? receivedCodes.has(i.requirementCode)
      : textGiven || (!!i.requirementCode && receivedCodes.has(i.requirementCode)),
  );
}

import type { EventRow } from './cases.repository.js';

/** Events the applicant sees on their case (the rest is internal casework: reassignment, notes). */
export const APPLICANT_EVENTS: ReadonlySet<string> = new Set([
  'received',
  'screened_automatically',
  'screened',
  'information_requested',
  'information_received',
  'phase_changed',
  'extended',
  'decided',
  'hearing_started',
  'hearing_replied',
  'document_added',
  'closed',
]);

/** Whether the applicant sees this event on their case's timeline: a document kept internal is not shown. */
export function applicantSees(e: Pick<EventRow, 'activity' | 'attributes'>): boolean {
  return (
    APPLICANT_EVENTS.has(e.activity) && !(e.activity === 'document_added' && e.attributes.direction === 'internal')
  );
}

import type { TCaseTypeDefinition, TClockView, TLocalizedText } from '@sagsgang/contracts';
import {
  addDurationToDay,
  fromDayNumber,
  localDateOf,
  toDayNumber,
  type BusinessCalendar,
  type Duration,
} from '@sagsgang/clock';
import type { Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { loadAuthorityCalendar } from '../../calendar/index.js';
import { currentlyMissing, openRequest, type MissingItem, type OpenRequest } from '../applicant-requests.js';
import { applicantSees } from '../applicant-visibility.js';
import { visibleToApplicant } from '../case-document-list.js';
import { casesRepository as repo, type EventRow } from '../cases.repository.js';
import { clockView } from '../case-views.js';
import type { ExpectedDecision } from '../expected-decision.js';
import { expectedDecision } from './get-expected-decision.js';
import { findOwnCase, factsOf, type ApplicantCaseFacts } from './get-applicant-case-file.js';
import { toApplicantDocument, type ApplicantDocument } from './open-document.js';

/** An event as the applicant sees it on their timeline. */
export type ApplicantEvent = Pick<EventRow, 'seq' | 'activity' | 'occurredAt' | 'attributes'>;

/** The decision as the applicant reads it, with the last day to appeal when there is guidance on appeal. */
export interface ApplicantDecision {
  outcome: string;
  reasons: string;
  legalRules: string[];
  appealGuidance?: string;
  appealBody?: TLocalizedText;
  /** A local date. */
  appealBy?: string;
  decidedAt: Date;
}

/** Everything the applicant's case page shows of the case, read in a few indexed statements. */
export interface ApplicantCaseView {
  case: ApplicantCaseFacts;
  caseTypeCode: string;
  definition: TCaseTypeDefinition;
  clock: TClockView | null;
  /** The events the applicant may see, oldest first. */
  events: ApplicantEvent[];
  /** The documents with content the applicant sees: their own and those sent to them, oldest first. */
  documents: ApplicantDocument[];
  expected: ExpectedDecision;
  /** The information request waiting for the applicant's answer, if any. */
  request: OpenRequest | null;
  /** What the authority still waits for. */
  missing: MissingItem[];
  decision: ApplicantDecision | null;
}

function decisionOf(events: readonly EventRow[], calendar: BusinessCalendar | null): ApplicantDecision | null {
  const e = [...events].reverse().find((x) => x.activity === 'decided');
  if (!e) return null;
  const a = e.attributes;
  const deadline = a.appealDeadline as Duration | undefined;
  const decidedDate = localDateOf(new Date(e.occurredAt));
  return {
    outcome: String(a.outcome),
    reasons: String(a.reasons ?? ''),
    legalRules: Array.isArray(a.legalRules) ? a.legalRules.map(String) : [],
    appealGuidance: typeof a.appealGuidance === 'string' ? a.appealGuidance : undefined,
    appealBody: a.appealBody as TLocalizedText | undefined,
    appealBy:
      a.appealGuidance && deadline && calendar
        ? fromDayNumber(addDurationToDay(calendar, toDayNumber(decidedDate), deadline))
        : undefined,
    decidedAt: new Date(e.occurredAt),
  };
}

/**
 * The applicant's own case, as their case page shows it: the case, its clock, the events and documents they see,
 * what is asked of them and the expected decision. Anyone else's case is not_found (and audited).
 */
export async function getApplicantCaseView(
  db: Executor,
  principal: Principal,
  reference: string,
  now = new Date(),
): Promise<ApplicantCaseView> {
  const c = await findOwnCase(db, principal, reference);
  const today = localDateOf(now);
  const clock = c.has_clock ? clockView(c, today) : null;
  const decided = c.state === 'decided' || c.state === 'closed';
  const [{ events, documents: rows }, expected, calendar] = await Promise.all([
    repo.eventsAndDocumentsOf(db, c.id),
    expectedDecision(db, {
      caseTypeId: c.case_type_id,
      phaseCode: c.phase_code,
      receivedDate: localDateOf(new Date(c.received_at)),
      today,
      goalDate: clock?.deadlineDate ?? null,
      paused: clock?.state === 'paused',
      decided,
      forecastVersion: c.forecast_version ?? 0,
    }),
    // The appeal deadline counts in the calendar as the database has it now, whichever node added a closure day.
    decided ? loadAuthorityCalendar(db) : null,
  ]);
  const received = new Set(rows.map((r) => r.requirement_code).filter((x): x is string => !!x));
  return {
    case: factsOf(c),
    caseTypeCode: c.case_type_code,
    definition: c.definition,
    clock,
    events: events.filter(applicantSees).map((e) => ({
      seq: e.seq,
      activity: e.activity,
      occurredAt: e.occurredAt,
      attributes: e.attributes,
    })),
    documents: rows.filter(visibleToApplicant).map(toApplicantDocument),
    expected,
    request: openRequest(events, c.state),
    missing: currentlyMissing(events, c.state, received),
    decision: decisionOf(events, calendar),
  };
}

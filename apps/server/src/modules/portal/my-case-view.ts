import { addDurationToDay, fromDayNumber, localDateOf, toDayNumber, type Duration } from '@sagsgang/clock';
import type { AppContext } from '../../platform/context.js';
import {
  APPLICANT_EVENTS,
  applicationsRepository,
  currentlyMissing,
  describeEvent,
  openRequest,
} from '../applications/index.js';
import { applicantDocuments, expectedDecision, type ApplicantCaseFile } from '../cases/index.js';
import { authorityCalendar } from '../calendar/index.js';
import { lettersOfCase } from '../notifications/index.js';
import { lt } from './apply-components.js';
import { expectedBlock } from './expected-block.js';
import type { PageContext } from './portal-page.js';
import type { CaseDocumentRow, MyCaseInput } from './pages/my-case-page.js';

const dateOf = (d: Date) => localDateOf(new Date(d));

/** Everything the case page shows, read from the case file, the applicant's documents and the sent letters. */
export async function buildMyCaseInput(
  ctx: AppContext,
  page: PageContext,
  file: ApplicantCaseFile,
  today: string,
): Promise<MyCaseInput> {
  const db = ctx.database.db;
  const { locale } = page;
  const c = file.case;
  const d = file.definition;
  const docs = await applicationsRepository.documentsOfCase(db, c.id);
  const received = new Set(docs.map((x) => x.requirement_code).filter((x): x is string => !!x));
  const request = openRequest(file.events, c.state);
  const decided = c.state === 'decided' || c.state === 'closed';
  const expected = await expectedDecision(db, {
    caseTypeId: c.case_type_id,
    phaseCode: c.phase_code,
    receivedDate: dateOf(c.received_at),
    today,
    goalDate: file.clock?.deadlineDate ?? null,
    paused: file.clock?.state === 'paused',
    decided,
  });
  const decidedEvent = [...file.events].reverse().find((e) => e.activity === 'decided');
  const base = `/mine-sager/${encodeURIComponent(c.reference)}`;
  const documents: CaseDocumentRow[] = [
    ...(await applicantDocuments(db, file)).map((x) => ({
      title: x.source === 'casework' ? x.title : x.fileName,
      date: dateOf(x.addedAt),
      from: x.source === 'casework' ? ('us' as const) : ('you' as const),
      href: `${base}/dokumenter/${x.id}`,
      sizeBytes: x.sizeBytes,
    })),
    // Letters recorded without a file (before files were kept) are still listed, without a link.
    ...file.events
      .filter(
        (e) =>
          e.activity === 'document_added' &&
          e.attributes.direction === 'outgoing' &&
          e.attributes.documentId === undefined,
      )
      .map((e) => ({ title: String(e.attributes.title ?? ''), date: dateOf(e.occurredAt), from: 'us' as const })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return {
    reference: c.reference,
    definition: d,
    state: c.state,
    phaseCode: c.phase_code,
    expected: expectedBlock(page.t, locale, expected, lt(d.name, locale)),
    request: request && {
      message: request.message,
      items: request.items.map((i) => i.text),
      dueDate: request.dueDate,
      pausesClock: request.pausesClock,
    },
    missing: currentlyMissing(file.events, c.state, received).map((m) => ({
      text: m.text,
      requirement: d.requirements.find((r) => r.code === m.requirementCode),
    })),
    timeline: file.events
      .filter(
        (e) =>
          APPLICANT_EVENTS.has(e.activity) &&
          !(e.activity === 'document_added' && e.attributes.direction === 'internal'),
      )
      .map((e) => ({ date: dateOf(e.occurredAt), text: describeEvent(locale, d, e) })),
    decision: decidedEvent ? decisionOf(decidedEvent.attributes, locale, dateOf(decidedEvent.occurredAt)) : null,
    documents,
    letters: await lettersOfCase(db, c.id, c.reference, locale),
    notices: [],
    errors: [],
  };
}

function decisionOf(
  a: Record<string, unknown>,
  locale: PageContext['locale'],
  decidedDate: string,
): MyCaseInput['decision'] {
  const deadline = a.appealDeadline as Duration | undefined;
  const body = a.appealBody as { da: string; en: string; sv?: string } | undefined;
  return {
    outcome: String(a.outcome),
    reasons: String(a.reasons ?? ''),
    legalRules: Array.isArray(a.legalRules) ? a.legalRules.map(String) : [],
    appealGuidance: typeof a.appealGuidance === 'string' ? a.appealGuidance : undefined,
    appealBody: body ? lt(body, locale) : undefined,
    appealBy:
      a.appealGuidance && deadline
        ? fromDayNumber(addDurationToDay(authorityCalendar(), toDayNumber(decidedDate), deadline))
        : undefined,
  };
}

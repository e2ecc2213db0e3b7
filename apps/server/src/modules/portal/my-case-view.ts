import { localDateOf } from '@sagsgang/clock';
import { describeEvent } from '../applications/index.js';
import type { ApplicantCaseView, ApplicantDecision } from '../cases/index.js';
import { lt } from './apply-components.js';
import { expectedBlock } from './expected-block.js';
import type { PageContext } from './portal-page.js';
import type { CaseDocumentRow, MyCaseInput } from './pages/my-case-page.js';

const dateOf = (d: Date) => localDateOf(new Date(d));

/** Everything the case page shows, from the applicant's view of the case and the letters sent on it. */
export function buildMyCaseInput(
  page: PageContext,
  view: ApplicantCaseView,
  letters: MyCaseInput['letters'],
): MyCaseInput {
  const { locale } = page;
  const c = view.case;
  const d = view.definition;
  const base = `/mine-sager/${encodeURIComponent(c.reference)}`;
  const documents: CaseDocumentRow[] = [
    ...view.documents.map((x) => ({
      title: x.source === 'casework' ? x.title : x.fileName,
      date: dateOf(x.addedAt),
      from: x.source === 'casework' ? ('us' as const) : ('you' as const),
      href: `${base}/dokumenter/${x.id}`,
      sizeBytes: x.sizeBytes,
    })),
    // Letters recorded without a file (before files were kept) are still listed, without a link.
    ...view.events
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
    phaseCode: c.phaseCode,
    expected: expectedBlock(page.t, locale, view.expected, lt(d.name, locale), view.caseTypeCode),
    request: view.request && {
      message: view.request.message,
      items: view.request.items.map((i) => i.text),
      dueDate: view.request.dueDate,
      pausesClock: view.request.pausesClock,
    },
    missing: view.missing.map((m) => ({
      text: m.text,
      requirement: d.requirements.find((r) => r.code === m.requirementCode),
    })),
    timeline: view.events.map((e) => ({ date: dateOf(e.occurredAt), text: describeEvent(locale, d, e) })),
    decision: view.decision ? decisionOf(view.decision, page) : null,
    documents,
    letters,
    notices: [],
    errors: [],
  };
}

function decisionOf(d: ApplicantDecision, page: PageContext): MyCaseInput['decision'] {
  return {
    outcome: d.outcome,
    reasons: d.reasons,
    legalRules: d.legalRules,
    appealGuidance: d.appealGuidance,
    appealBody: d.appealBody ? lt(d.appealBody, page.locale) : undefined,
    appealBy: d.appealBy,
  };
}

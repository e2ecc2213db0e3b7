import type { TCaseDocument } from '@sagsgang/contracts';
import type { CaseDocumentRow } from './case-documents.repository.js';
import type { EventRow } from './cases.repository.js';

const iso = (d: Date) => new Date(d).toISOString();

/** Where staff download a document of a case. */
export const documentHref = (caseId: string, documentId: string) => `/api/cases/${caseId}/documents/${documentId}`;

/**
 * The case file's documents, oldest first: every document with content (its row), and the document_added events
 * that have none (entries recorded without a file). An event that a row names is shown once, as the row. Pure.
 */
export function caseDocumentList(o: {
  caseId: string;
  applicantId: string | null;
  rows: CaseDocumentRow[];
  events: EventRow[];
}): TCaseDocument[] {
  const named = new Set(o.rows.map((r) => r.event_id).filter((id) => id !== null));
  const withContent: TCaseDocument[] = o.rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    source: r.source,
    title: r.title,
    documentType: r.document_type,
    direction: r.direction,
    addedAt: iso(r.added_at),
    addedBy: r.added_by_name,
    fileName: r.file_name,
    mediaType: r.media_type,
    sizeBytes: r.size_bytes,
    href: documentHref(o.caseId, r.id),
  }));
  const described: TCaseDocument[] = o.events
    .filter((e) => e.activity === 'document_added' && !named.has(e.id) && e.attributes.documentId === undefined)
    .map((e) => ({
      id: null,
      eventId: e.id,
      source: e.actorId !== null && e.actorId === o.applicantId ? 'answer' : 'casework',
      title: String(e.attributes.title ?? ''),
      documentType: String(e.attributes.documentType ?? 'other'),
      direction: String(e.attributes.direction ?? 'internal'),
      addedAt: iso(e.occurredAt),
      addedBy: e.actorName,
      fileName: null,
      mediaType: null,
      sizeBytes: null,
      href: null,
    }));
  return [...withContent, ...described].sort(
    (a, b) => a.addedAt.localeCompare(b.addedAt) || (a.eventId ?? 0) - (b.eventId ?? 0),
  );
}

/** What the applicant sees of the case's documents: their own uploads, and what was sent to them. */
export function visibleToApplicant(row: Pick<CaseDocumentRow, 'source' | 'direction'>): boolean {
  return row.source !== 'casework' || row.direction === 'outgoing';
}

import { describe, expect, test } from 'vitest';
import { caseDocumentList, visibleToApplicant } from './case-document-list.js';
import type { CaseDocumentRow } from './case-documents.repository.js';
import type { EventRow } from './cases.repository.js';
import { uploadRefusal } from './document-rules.js';

const CASE = '00000000-0000-4000-8000-000000000001';
const APPLICANT = '00000000-0000-4000-8000-0000000000aa';
const sha = 'a'.repeat(64);

function row(o: Partial<CaseDocumentRow> & Pick<CaseDocumentRow, 'id' | 'source' | 'added_at'>): CaseDocumentRow {
  return {
    case_id: CASE,
    event_id: null,
    title: 'T',
    document_type: 'evidence',
    direction: 'incoming',
    file_name: 'f.pdf',
    media_type: 'application/pdf',
    size_bytes: 10,
    sha256: sha,
    added_by: APPLICANT,
    added_by_name: 'Amal',
    requirement_code: null,
    ...o,
  };
}

function event(
  id: number,
  at: string,
  attributes: Record<string, unknown>,
  actorId: string | null = 'staff',
): EventRow {
  return {
    id,
    seq: id,
    activity: 'document_added',
    occurredAt: new Date(at),
    actorId,
    actorName: actorId ? 'Name' : null,
    unitId: 'u',
    attributes,
  };
}

describe("the case file's document list", () => {
  test('rows with content and events without, oldest first; an event a row names is listed once, as the row', () => {
    const list = caseDocumentList({
      caseId: CASE,
      applicantId: APPLICANT,
      rows: [
        row({ id: 'd-answer', source: 'answer', event_id: 3, added_at: new Date('2026-03-03T10:00:00Z') }),
        row({ id: 'd-app', source: 'application', added_at: new Date('2026-03-01T09:00:00Z') }),
      ],
      events: [
        event(2, '2026-03-02T08:00:00Z', {
          title: 'Ansøgning (papir)',
          documentType: 'application',
          direction: 'incoming',
        }),
        event(3, '2026-03-03T10:00:00Z', { title: 'Bankgaranti', fileName: 'f.pdf' }, APPLICANT),
        event(4, '2026-03-04T08:00:00Z', { title: 'Svar', documentType: 'letter', direction: 'incoming' }, APPLICANT),
        event(5, '2026-03-05T08:00:00Z', { title: 'Named elsewhere', documentId: 'd-x' }),
        { ...event(6, '2026-03-06T08:00:00Z', {}), activity: 'note_recorded' },
      ],
    });
    expect(list.map((d) => [d.id, d.eventId, d.source, d.title, d.href])).toEqual([
      ['d-app', null, 'application', 'T', `/api/cases/${CASE}/documents/d-app`],
      [null, 2, 'casework', 'Ansøgning (papir)', null],
      ['d-answer', 3, 'answer', 'T', `/api/cases/${CASE}/documents/d-answer`],
      [null, 4, 'answer', 'Svar', null],
    ]);
  });

  test("the applicant sees their own uploads and what was sent to them, not the caseworker's other papers", () => {
    expect(visibleToApplicant({ source: 'application', direction: 'incoming' })).toBe(true);
    expect(visibleToApplicant({ source: 'answer', direction: 'incoming' })).toBe(true);
    expect(visibleToApplicant({ source: 'casework', direction: 'outgoing' })).toBe(true);
    expect(visibleToApplicant({ source: 'casework', direction: 'incoming' })).toBe(false);
    expect(visibleToApplicant({ source: 'casework', direction: 'internal' })).toBe(false);
  });
});

describe('upload refusals', () => {
  const ok = { sha256: sha, sizeBytes: 100, detectedType: 'application/pdf' as const, truncated: false };
  test("the portal's rules: accepted type by content, not empty, within the limit", () => {
    expect(uploadRefusal(ok)).toBeNull();
    expect(uploadRefusal({ ...ok, truncated: true })).toBe('too_large');
    expect(uploadRefusal({ ...ok, sizeBytes: 11 }, 10)).toBe('too_large');
    expect(uploadRefusal({ ...ok, sizeBytes: 0, detectedType: null })).toBe('empty');
    expect(uploadRefusal({ ...ok, detectedType: null })).toBe('type');
  });
});

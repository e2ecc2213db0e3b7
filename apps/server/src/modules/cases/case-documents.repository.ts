import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import type { CaseDocumentTable, DocumentSource } from './cases.tables.js';
import './cases.tables.js';

export type CaseDocumentRow = Selectable<CaseDocumentTable> & { added_by_name: string | null };

export interface NewCaseDocument {
  id?: string;
  caseId: string;
  eventId: number | null;
  source: DocumentSource;
  title: string;
  documentType: string;
  direction: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  addedBy: string | null;
  addedAt: Date;
  requirementCode?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Documents with the name of whoever added them. */
const withAdder = (db: Executor) =>
  db
    .selectFrom('case_document as d')
    .leftJoin('app_user as u', 'u.id', 'd.added_by')
    .selectAll('d')
    .select('u.display_name as added_by_name');

/** A case's documents in the order they came, as a query (the case page reads it within a larger one). */
export const documentsOfCase = (db: Executor, caseId: string) =>
  withAdder(db).where('d.case_id', '=', caseId).orderBy('d.added_at').orderBy('d.id');

export const caseDocumentsRepository = {
  async insert(db: Executor, d: NewCaseDocument): Promise<string> {
    const r = await db
      .insertInto('case_document')
      .values({
        ...(d.id ? { id: d.id } : {}),
        case_id: d.caseId,
        event_id: d.eventId,
        source: d.source,
        title: d.title,
        document_type: d.documentType,
        direction: d.direction,
        file_name: d.fileName,
        media_type: d.mediaType,
        size_bytes: d.sizeBytes,
        sha256: d.sha256,
        added_by: d.addedBy,
        added_at: d.addedAt,
        requirement_code: d.requirementCode ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  },

  async ofCase(db: Executor, caseId: string): Promise<CaseDocumentRow[]> {
    return documentsOfCase(db, caseId).execute();
  },

  /** Any case's document by its id; an id that is not a uuid finds nothing (it comes from an address). */
  async find(db: Executor, id: string): Promise<CaseDocumentRow | undefined> {
    if (!UUID.test(id)) return undefined;
    return withAdder(db).where('d.id', '=', id).executeTakeFirst();
  },
};

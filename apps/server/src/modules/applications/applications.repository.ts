import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import type { ApplicantDocumentTable, ApplicationTable } from './applications.tables.js';
import './applications.tables.js';

export type ApplicationRow = Selectable<ApplicationTable>;
export type DocumentRow = Selectable<ApplicantDocumentTable>;

export interface NewDocument {
  applicationId: string | null;
  caseId: string | null;
  requirementCode: string | null;
  answersEventSeq?: number | null;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
}

export const applicationsRepository = {
  async insertDraft(
    db: Executor,
    d: { applicantId: string; caseTypeId: string; caseTypeVersionId: string },
  ): Promise<ApplicationRow> {
    return db
      .insertInto('application')
      .values({
        applicant_id: d.applicantId,
        case_type_id: d.caseTypeId,
        case_type_version_id: d.caseTypeVersionId,
        idempotency_key: crypto.randomUUID(),
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async find(db: Executor, id: string): Promise<ApplicationRow | undefined> {
    return db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Locks the draft for the rest of the transaction: two submissions of one application queue here. */
  async findForUpdate(db: Executor, id: string): Promise<ApplicationRow | undefined> {
    return db.selectFrom('application').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  async findByIdempotencyKey(db: Executor, key: string): Promise<ApplicationRow | undefined> {
    return db.selectFrom('application').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  },

  async draftsOf(db: Executor, applicantId: string): Promise<ApplicationRow[]> {
    return db
      .selectFrom('application')
      .selectAll()
      .where('applicant_id', '=', applicantId)
      .where('status', '=', 'draft')
      .orderBy('updated_at', 'desc')
      .execute();
  },

  async saveAnswers(db: Executor, id: string, answers: Record<string, string>): Promise<void> {
    await db
      .updateTable('application')
      .set({ answers: JSON.stringify(answers), updated_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .execute();
  },

  async markSubmitted(db: Executor, id: string, c: { id: string; reference: string }, at: Date): Promise<void> {
    await db
      .updateTable('application')
      .set({ status: 'submitted', case_id: c.id, case_reference: c.reference, submitted_at: at, updated_at: at })
      .where('id', '=', id)
      .execute();
  },

  async insertDocument(db: Executor, d: NewDocument): Promise<DocumentRow> {
    return db
      .insertInto('applicant_document')
      .values({
        application_id: d.applicationId,
        case_id: d.caseId,
        requirement_code: d.requirementCode,
        answers_event_seq: d.answersEventSeq ?? null,
        file_name: d.fileName,
        media_type: d.mediaType,
        size_bytes: d.sizeBytes,
        sha256: d.sha256,
        uploaded_by: d.uploadedBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async documentsOfApplication(db: Executor, applicationId: string): Promise<DocumentRow[]> {
    return db
      .selectFrom('applicant_document')
      .selectAll()
      .where('application_id', '=', applicationId)
      .where('removed_at', 'is', null)
      .orderBy('uploaded_at')
      .execute();
  },

  async documentsOfCase(db: Executor, caseId: string): Promise<DocumentRow[]> {
    return db
      .selectFrom('applicant_document')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('removed_at', 'is', null)
      .orderBy('uploaded_at')
      .execute();
  },

  async removeDraftDocument(db: Executor, applicationId: string, documentId: string): Promise<boolean> {
    const r = await db
      .updateTable('applicant_document')
      .set({ removed_at: new Date() })
      .where('id', '=', documentId)
      .where('application_id', '=', applicationId)
      .where('case_id', 'is', null)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** On submission the application's documents become the case's. */
  async attachDocumentsToCase(db: Executor, applicationId: string, caseId: string): Promise<void> {
    await db
      .updateTable('applicant_document')
      .set({ case_id: caseId })
      .where('application_id', '=', applicationId)
      .where('removed_at', 'is', null)
      .execute();
  },

  /** The applicant as cases and receipts name them; businesses act through a named contact person. */
  async applicantProfile(db: Executor, userId: string) {
    const r = await db
      .selectFrom('app_user')
      .select(['display_name', 'email', 'organisation_name', 'organisation_cvr'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    return {
      displayName: r.display_name,
      email: r.email,
      organisationName: r.organisation_name,
      organisationCvr: r.organisation_cvr,
    };
  },
};

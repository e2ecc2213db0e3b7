import type { Executor } from '../../../platform/db/transaction.js';
import { caseDocumentsRepository as documents } from '../case-documents.repository.js';

/** A document the applicant sent with the application, as it joins the case file on submission. */
export interface ApplicationDocument {
  title: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
  /** The requirement it was sent for; null for a free attachment. */
  requirementCode: string | null;
}

/**
 * On submission the application's documents join the case file, in the submission's transaction. They get no
 * event of their own: the received event is when they arrived, and the process log stays one event per step.
 */
export async function addApplicationDocuments(
  db: Executor,
  caseId: string,
  docs: ApplicationDocument[],
): Promise<void> {
  for (const d of docs) {
    await documents.insert(db, {
      caseId,
      eventId: null,
      source: 'application',
      title: d.title,
      documentType: 'evidence',
      direction: 'incoming',
      fileName: d.fileName,
      mediaType: d.mediaType,
      sizeBytes: d.sizeBytes,
      sha256: d.sha256,
      addedBy: d.uploadedBy,
      addedAt: d.uploadedAt,
      requirementCode: d.requirementCode,
    });
  }
}

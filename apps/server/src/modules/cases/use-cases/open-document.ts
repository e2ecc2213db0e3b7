import { AppError } from '../../../platform/errors.js';
import { auditDenied, recordAudit } from '../../../platform/audit/record-audit.js';
import type { Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import type { FileStorage } from '../../../platform/files/file-storage.js';
import { caseFileAccess, type CaseFileAccess } from '../case-file-access.js';
import { visibleToApplicant } from '../case-document-list.js';
import { caseDocumentsRepository as documents, type CaseDocumentRow } from '../case-documents.repository.js';
import { casesRepository as repo, type CaseRow } from '../cases.repository.js';
import { getApplicantCaseFile, type ApplicantCaseFile } from './get-applicant-case-file.js';
import { AUDIT_PURPOSES } from '@sagsgang/contracts';

/** A document's bytes as they were stored (checked against the hash), with what the download needs to say. */
export interface DocumentDownload {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
}

async function download(files: FileStorage, doc: CaseDocumentRow): Promise<DocumentDownload> {
  // A stored file that no longer matches its hash is an error, never handed out as the document.
  return { fileName: doc.file_name, mediaType: doc.media_type, bytes: await files.read(doc.sha256) };
}

/** The case file's access for a download; a refusal other than "break the glass" answers as a missing document. */
async function documentAccess(
  db: Executor,
  principal: Principal,
  c: CaseRow,
  documentId: string,
): Promise<CaseFileAccess> {
  try {
    return await caseFileAccess(db, principal, c);
  } catch (err) {
    if (err instanceof AppError && (err.details as { reason?: unknown } | undefined)?.reason === 'work_need_required')
      throw err;
    throw new AppError(
      'not_found',
      'No such document.',
      auditDenied({ entityType: 'case_document', entityId: documentId, subjectUserId: c.applicant_id ?? undefined }),
    );
  }
}

/**
 * Staff download a document of a case. Only staff who may read the case file get it (a working need on its unit, or
 * a running grant on the case); staff of the unit without either are told they may break the glass, anyone else
 * gets the same answer as for a missing document, and the attempt is audited. Every download is audited as a read.
 */
export async function openCaseDocument(
  db: Executor,
  principal: Principal,
  o: { caseId: string; documentId: string; files: FileStorage; requestId?: string },
): Promise<DocumentDownload> {
  const c = await repo.findCase(db, o.caseId);
  const access = c ? await documentAccess(db, principal, c, o.documentId) : undefined;
  const doc = c ? await documents.find(db, o.documentId) : undefined;
  if (!c || !access || !doc || doc.case_id !== c.id) throw new AppError('not_found', 'No such document.');
  const file = await download(o.files, doc);
  await recordAudit(db, {
    actorUserId: principal.userId,
    action: 'read',
    subjectUserId: c.applicant_id,
    entityType: 'case_document',
    entityId: doc.id,
    purpose: access.purpose,
    requestId: o.requestId ?? null,
    details: { caseId: c.id, ...access.details },
  });
  return file;
}

/** A document as the applicant sees it on their own case. */
export interface ApplicantDocument {
  id: string;
  title: string;
  fileName: string;
  source: CaseDocumentRow['source'];
  direction: string;
  addedAt: Date;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export const toApplicantDocument = (r: CaseDocumentRow): ApplicantDocument => ({
  id: r.id,
  title: r.title,
  fileName: r.file_name,
  source: r.source,
  direction: r.direction,
  addedAt: new Date(r.added_at),
  mediaType: r.media_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
});

/** The documents of an applicant's own case that they see: their uploads and what was sent to them. */
export async function applicantDocuments(db: Executor, file: ApplicantCaseFile): Promise<ApplicantDocument[]> {
  return (await documents.ofCase(db, file.case.id)).filter(visibleToApplicant).map(toApplicantDocument);
}

/**
 * An applicant downloads a document of their own case. Another applicant's case, a document of another case, or
 * one the applicant does not see answers like a missing document, and the attempt is audited. A download is
 * audited as a read too, as staff downloads are: the log shows every time the document left the system.
 */
export async function openApplicantDocument(
  db: Executor,
  principal: Principal,
  o: { reference: string; documentId: string; files: FileStorage; requestId?: string },
): Promise<DocumentDownload> {
  const file = await getApplicantCaseFile(db, principal, o.reference);
  const doc = await documents.find(db, o.documentId);
  if (!doc || doc.case_id !== file.case.id || !visibleToApplicant(doc)) {
    const ownerId =
      doc && doc.case_id !== file.case.id
        ? (await repo.findCase(db, doc.case_id))?.applicant_id
        : file.case.applicantId;
    throw new AppError(
      'not_found',
      'No such document in this case.',
      doc
        ? auditDenied({
            entityType: 'case_document',
            entityId: doc.id,
            subjectUserId: ownerId ?? undefined,
          })
        : undefined,
    );
  }
  const bytes = await download(o.files, doc);
  await recordAudit(db, {
    actorUserId: principal.userId,
    action: 'read',
    subjectUserId: file.case.applicantId,
    entityType: 'case_document',
    entityId: doc.id,
    purpose: AUDIT_PURPOSES.ownCaseDocument,
    requestId: o.requestId ?? null,
    details: { caseId: file.case.id },
  });
  return bytes;
}

import type { Readable } from 'node:stream';
import type { TAttachDocumentFields } from '@sagsgang/contracts';
import { safeFileName } from '../../../platform/files/file-names.js';
import { discardUpload } from '../../../platform/files/file-discard.js';
import type { FileStore } from '../../../platform/files/file-references.js';
import { assertCaseAccess, conflict, loadCaseOr404, requireState, type CaseContext } from '../case-command.js';
import { refusalError, uploadRefusal } from '../document-rules.js';
import { addDocument, DOCUMENT_STATES, type AddDocumentResult } from './add-document.js';

/** The file part of an upload, not yet read. */
export interface UploadedFile {
  fileName: string;
  content: Readable;
  /** Asked once the content has ended: true when it was cut at the size limit. */
  isTruncated: () => boolean;
}

/**
 * A caseworker attaches a file to the case. Access, version and state are checked before a byte is stored; the
 * file is then streamed into the file store (kept only when complete, non-empty and of an accepted type by its
 * content) and added to the case file with its document_added event in one transaction. A refused file is a
 * 4xx, and neither the file nor an event is kept; a file the transaction failed to record is discarded too.
 */
export async function attachDocument(
  ctx: CaseContext & { files: FileStore },
  caseId: string,
  input: TAttachDocumentFields & { file: UploadedFile },
): Promise<AddDocumentResult> {
  const current = await loadCaseOr404(ctx.db, caseId);
  assertCaseAccess(ctx.actor, current.unit_id);
  if (current.version !== input.expectedVersion) throw conflict(current.version);
  requireState(current, DOCUMENT_STATES, 'add_document');
  const fileName = safeFileName(input.file.fileName);
  const stored = await ctx.files.storage.store(input.file.content, input.file.isTruncated);
  try {
    const refusal = uploadRefusal(stored);
    if (refusal) throw refusalError(refusal, fileName);
    return await addDocument(ctx, caseId, {
      expectedVersion: input.expectedVersion,
      title: input.title,
      documentType: input.documentType,
      direction: input.direction,
      content: {
        source: 'casework',
        fileName,
        sha256: stored.sha256,
        sizeBytes: stored.sizeBytes,
        mediaType: stored.detectedType!,
      },
    });
  } catch (err) {
    // The case changed while the file streamed in (a conflict), or it was refused: nothing will name the file.
    await discardUpload(ctx.db, ctx.files, stored);
    throw err;
  }
}

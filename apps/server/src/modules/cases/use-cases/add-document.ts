import crypto from 'node:crypto';
import type { TAddDocumentRequest } from '@sagsgang/contracts';
import { inTransaction } from '../../../platform/db/transaction.js';
import { actorId, requireState, runCommand, type CaseContext, type CommandResult } from '../case-command.js';
import { caseDocumentsRepository as documents } from '../case-documents.repository.js';
import type { DocumentSource } from '../cases.tables.js';

/** A document can join the case file until the case is closed (a decision letter is sent after deciding). */
export const DOCUMENT_STATES = [
  'received',
  'in_progress',
  'awaiting_applicant',
  'awaiting_hearing',
  'decided',
] as const;

/** The stored file behind a document: already in the file store, of an accepted type (sniffed), not empty. */
export interface DocumentContent {
  source: Exclude<DocumentSource, 'application'>;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  /** The requirement of the case type the applicant sent it for, if any. */
  requirementCode?: string | null;
}

export type AddDocumentInput = TAddDocumentRequest & { content?: DocumentContent };

export interface AddDocumentResult extends CommandResult {
  /** Set when the document has content: the id it is downloaded by. */
  documentId: string | null;
}

/**
 * Adds a document to the case file as a document_added event. With content, the document row and the event
 * (naming the document, its sha256, size and type) are written in one transaction.
 */
export function addDocument(ctx: CaseContext, caseId: string, input: AddDocumentInput): Promise<AddDocumentResult> {
  const { expectedVersion, content, ...described } = input;
  const now = ctx.now ?? new Date();
  const documentId = content ? crypto.randomUUID() : null;
  const file = content
    ? {
        fileName: content.fileName,
        documentId,
        sha256: content.sha256,
        sizeBytes: content.sizeBytes,
        mediaType: content.mediaType,
      }
    : {};
  return inTransaction(ctx.db, async (trx) => {
    const result = await runCommand(
      { ...ctx, db: trx, now },
      {
        caseId,
        expectedVersion,
        decide: (c) => {
          requireState(c, DOCUMENT_STATES, 'add_document');
          return { activity: 'document_added', attributes: { ...described, ...file } };
        },
      },
    );
    if (content && documentId) {
      await documents.insert(trx, {
        id: documentId,
        caseId,
        eventId: result.eventId,
        source: content.source,
        title: described.title,
        documentType: described.documentType,
        direction: described.direction,
        fileName: content.fileName,
        mediaType: content.mediaType,
        sizeBytes: content.sizeBytes,
        sha256: content.sha256,
        addedBy: actorId(ctx.actor),
        addedAt: now,
        requirementCode: content.requirementCode ?? null,
      });
    }
    return { ...result, documentId };
  });
}

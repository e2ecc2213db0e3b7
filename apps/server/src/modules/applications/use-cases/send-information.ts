import type { TCaseTypeDefinition, TRequirement } from '@sagsgang/contracts';
import type { Principal } from '../../../platform/auth/principal.js';
import { AppError } from '../../../platform/errors.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import {
  addDocument,
  answerCovers,
  getApplicantCaseFile,
  openRequest,
  receiveInformation,
  type CaseEventListener,
} from '../../cases/index.js';
import { fileSpec } from '../application-form.js';
import { applicationsRepository as repo } from '../applications.repository.js';
import type { StoredFile } from '../../../platform/files/file-store.js';
import { checkFile } from '../screening/screening-rules.js';
import type { Finding } from '../screening/screening-types.js';
import { safeFileName } from '../../../platform/files/file-names.js';

/** A file sent with an answer: for a requirement of the case type, or `other`. */
export interface SentFile {
  requirementCode: string;
  fileName: string;
  stored: StoredFile;
}

export interface SendInformationResult {
  /** Files refused (type by content, size): the answer is not sent until they are fixed or left out. */
  rejected: Finding[];
  accepted: string[];
  /** True when an open information request was answered (the clock resumes). */
  answered: boolean;
}

/**
 * The requirement a file sent on a case is for: a document requirement of the case type, or null for `other` (a
 * free attachment). Any other name is a tampered form: a 400 before anything is stored.
 */
export function answerRequirement(definition: TCaseTypeDefinition, code: string): TRequirement | null {
  if (code === 'other') return null;
  const r = definition.requirements.find((x) => x.code === code && x.kind === 'document');
  if (!r)
    throw new AppError('validation', `The form names a document that is not part of this case: ${code}.`, {
      fields: [code],
    });
  return r;
}

const ANY_DOCUMENT = {
  acceptedTypes: ['application/pdf', 'image/png', 'image/jpeg'] as ('application/pdf' | 'image/png' | 'image/jpeg')[],
  maxBytes: 10 * 1024 * 1024,
};

/**
 * The applicant sends information on their own case: text and documents. Accepted files are kept on the case at
 * once (each as a document_added event). With nothing refused, an open information request is answered, which
 * resumes the clock; fully informed when every requested document has now arrived and the rest was answered.
 */
export async function sendInformation(
  db: Executor,
  principal: Principal,
  input: {
    reference: string;
    text: string;
    files: SentFile[];
    now?: Date;
    /** Told of the case's events, as every case command tells them (`caseEventListeners(ctx)`). */
    listeners?: readonly CaseEventListener[];
  },
): Promise<SendInformationResult> {
  const now = input.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const file = await getApplicantCaseFile(trx, principal, input.reference, now);
    const c = file.case;
    if (c.state === 'closed') throw new AppError('invalid_state', 'This case is closed.', { state: c.state });
    const text = input.text.trim().slice(0, 20_000);
    const actor = { system: true as const, userId: principal.userId };
    const result: SendInformationResult = { rejected: [], accepted: [], answered: false };
    let version = c.version;
    for (const f of input.files) {
      const r = answerRequirement(file.definition, f.requirementCode);
      const spec = r ? fileSpec(r) : ANY_DOCUMENT;
      const findings = f.stored.truncated
        ? [
            {
              requirementKey: f.requirementCode,
              code: 'document_size' as const,
              fileName: f.fileName,
              params: { maxBytes: spec.maxBytes, sizeBytes: f.stored.sizeBytes },
            },
          ]
        : checkFile(
            { key: f.requirementCode, kind: 'document', necessity: 'mandatory', ...spec },
            { ...f.stored, fileName: f.fileName },
          );
      if (findings.length > 0) {
        result.rejected.push(...findings);
        continue;
      }
      const name = safeFileName(f.fileName);
      const request = openRequest(file.events, c.state);
      await repo.insertDocument(trx, {
        applicationId: null,
        caseId: c.id,
        requirementCode: r ? r.code : null,
        answersEventSeq: request?.seq ?? null,
        fileName: name,
        mediaType: f.stored.detectedType!,
        sizeBytes: f.stored.sizeBytes,
        sha256: f.stored.sha256,
        uploadedBy: principal.userId,
      });
      const added = await addDocument({ db: trx, actor, now, listeners: input.listeners }, c.id, {
        expectedVersion: version,
        title: r ? r.label.da : name,
        documentType: 'evidence',
        direction: 'incoming',
        content: {
          source: 'answer',
          fileName: name,
          sha256: f.stored.sha256,
          sizeBytes: f.stored.sizeBytes,
          mediaType: f.stored.detectedType!,
          requirementCode: r ? r.code : null,
        },
      });
      version = added.case.version;
      result.accepted.push(name);
    }
    if (result.rejected.length > 0) return result;
    if (!text && result.accepted.length === 0)
      throw new AppError('validation', 'Write an answer or attach a document.', [
        { path: 'answer', message: 'empty', keyword: 'custom', params: { rule: 'answer_or_document_required' } },
      ]);
    const request = openRequest(file.events, c.state);
    if (request) {
      const received = new Set(
        (await repo.documentsOfCase(trx, c.id)).map((d) => d.requirement_code).filter((x): x is string => !!x),
      );
      const documentCodes = new Set(
        file.definition.requirements.filter((r) => r.kind === 'document').map((r) => r.code),
      );
      const summary = [text, result.accepted.length ? `Dokumenter: ${result.accepted.join(', ')}` : '']
        .filter(Boolean)
        .join('\n\n');
      await receiveInformation({ db: trx, actor, now, listeners: input.listeners }, c.id, {
        expectedVersion: version,
        fullyInformed: answerCovers(request.items, received, documentCodes, text.length > 0),
        summary,
      });
      result.answered = true;
    } else if (text) {
      await addDocument({ db: trx, actor, now, listeners: input.listeners }, c.id, {
        expectedVersion: version,
        title: text.slice(0, 300),
        documentType: 'letter',
        direction: 'incoming',
      });
    }
    return result;
  });
}

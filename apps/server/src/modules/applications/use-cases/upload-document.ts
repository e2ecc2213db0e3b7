import type { TRequirement } from '@sagsgang/contracts';
import type { Principal } from '../../../platform/auth/principal.js';
import { AppError } from '../../../platform/errors.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { fileSpec, type ApplicationForm } from '../application-form.js';
import { applicationsRepository as repo } from '../applications.repository.js';
import type { StoredFile } from '../../../platform/files/file-store.js';
import { safeFileName } from '../../../platform/files/file-names.js';
import { checkFile } from '../screening/screening-rules.js';
import type { Finding } from '../screening/screening-types.js';
import { loadOwnApplication, toApplicationDocument, type ApplicationDocument } from './load-own-application.js';

/** The document requirement a file field names; any other name is a tampered form (400). */
export function documentRequirement(form: ApplicationForm, code: string): TRequirement {
  const r = form.requirements.find((x) => x.code === code);
  if (!r || r.kind !== 'document') {
    throw new AppError('validation', `The form names a document that is not part of this application: ${code}.`, {
      fields: [code],
    });
  }
  return r;
}

/** Judges a stored upload against its requirement: accepted type by content, within the size limit. */
export function judgeUpload(requirement: TRequirement, fileName: string, stored: StoredFile): Finding[] {
  const spec = {
    key: requirement.code,
    kind: 'document' as const,
    necessity: requirement.necessity,
    ...fileSpec(requirement),
  };
  if (stored.truncated) {
    return [
      {
        requirementKey: requirement.code,
        code: 'document_size',
        fileName,
        params: { maxBytes: spec.maxBytes, sizeBytes: stored.sizeBytes },
      },
    ];
  }
  return checkFile(spec, { detectedType: stored.detectedType, sizeBytes: stored.sizeBytes, fileName });
}

export interface RecordUploadInput {
  applicationId: string;
  requirementCode: string;
  fileName: string;
  stored: StoredFile;
}

/** Records an upload on a draft if it passes; a rejected file is not recorded, and the findings say why. */
export async function recordDraftUpload(
  db: Executor,
  principal: Principal,
  input: RecordUploadInput,
): Promise<{ document?: ApplicationDocument; findings: Finding[] }> {
  return inTransaction(db, async (trx) => {
    const own = await loadOwnApplication(trx, principal, input.applicationId, true);
    if (own.application.status !== 'draft')
      throw new AppError('invalid_state', 'This application has already been sent.', { state: 'submitted' });
    const requirement = documentRequirement(own.form, input.requirementCode);
    const findings = judgeUpload(requirement, input.fileName, input.stored);
    if (findings.length > 0) return { findings };
    const document = await repo.insertDocument(trx, {
      applicationId: own.application.id,
      caseId: null,
      requirementCode: requirement.code,
      fileName: safeFileName(input.fileName),
      mediaType: input.stored.detectedType!,
      sizeBytes: input.stored.sizeBytes,
      sha256: input.stored.sha256,
      uploadedBy: principal.userId,
    });
    return { document: toApplicationDocument(document), findings: [] };
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function removeDraftDocument(
  db: Executor,
  principal: Principal,
  applicationId: string,
  documentId: string,
): Promise<void> {
  // The id comes from a form field; the database would refuse anything but a uuid with an error of its own.
  if (!UUID.test(documentId))
    throw new AppError('validation', 'documentId: choose a document of this application to remove.', [
      { path: 'documentId', message: 'invalid' },
    ]);
  await inTransaction(db, async (trx) => {
    const own = await loadOwnApplication(trx, principal, applicationId, true);
    if (own.application.status !== 'draft')
      throw new AppError('invalid_state', 'This application has already been sent.', { state: 'submitted' });
    if (!(await repo.removeDraftDocument(trx, applicationId, documentId)))
      throw new AppError('not_found', 'No such document on this application.');
  });
}

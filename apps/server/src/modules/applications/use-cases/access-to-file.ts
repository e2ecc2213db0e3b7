import { zipSync, type Zippable } from 'fflate';
import { AUDIT_PURPOSES, type Locale } from '@sagsgang/contracts';
import type { Principal } from '../../../platform/auth/principal.js';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { applicantDocuments, getApplicantCaseFile } from '../../cases/index.js';
import { renderJournal } from '../case-journal.js';
import type { FileStorage } from '../../../platform/files/file-storage.js';

export interface CaseFileExport {
  fileName: string;
  zip: Uint8Array;
}

function zipName(index: number, fileName: string): string {
  const clean = fileName.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 120) || 'document';
  return `${String(index + 1).padStart(2, '0')}-${clean}`;
}

/**
 * Access to the file at once: a zip with the case journal (HTML), every document the applicant sent and every one
 * sent to them, made from the stored files (each checked against its hash). The export is recorded in the audit log.
 */
export async function exportCaseFile(
  db: Executor,
  principal: Principal,
  o: { reference: string; locale: Locale; files: FileStorage; authorityName: string; requestId?: string; now?: Date },
): Promise<CaseFileExport> {
  const now = o.now ?? new Date();
  const file = await getApplicantCaseFile(db, principal, o.reference, now);
  const docs = await applicantDocuments(db, file);
  const entries: Zippable = {};
  const listed: { path: string; fileName: string; uploadedAt: Date }[] = [];
  for (const [i, d] of docs.entries()) {
    const path = `dokumenter/${zipName(i, d.fileName)}`;
    entries[path] = [await o.files.read(d.sha256), { level: 0 }]; // PDFs and images are compressed already
    listed.push({ path, fileName: d.fileName, uploadedAt: d.addedAt });
  }
  const journal = renderJournal({
    locale: o.locale,
    reference: file.case.reference,
    caseTypeName: file.definition.name,
    definition: file.definition,
    events: file.events,
    applicantName: file.case.applicantName,
    authorityName: o.authorityName,
    documents: listed,
    now,
  });
  entries['journal.html'] = new TextEncoder().encode(journal);
  await recordAudit(db, {
    actorUserId: principal.userId,
    action: 'export',
    subjectUserId: principal.userId,
    entityType: 'case',
    entityId: file.case.id,
    purpose: AUDIT_PURPOSES.ownCaseFile,
    requestId: o.requestId ?? null,
    details: { documents: docs.length },
  });
  const mtime = now;
  return { fileName: `sag-${file.case.reference}.zip`, zip: zipSync(entries, { mtime }) };
}

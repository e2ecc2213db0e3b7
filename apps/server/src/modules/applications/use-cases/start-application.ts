import type { Principal } from '../../../platform/auth/principal.js';
import { AppError } from '../../../platform/errors.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { getCurrentCaseTypeVersion } from '../../case-types/index.js';
import { applicationsRepository as repo, type ApplicationRow } from '../applications.repository.js';

/** A case type the applicant may apply for now: it exists and is active. Anything else is a tampered form (400). */
export async function openForApplications(db: Executor, caseTypeCode: string) {
  const version = await getCurrentCaseTypeVersion(db, caseTypeCode);
  if (!version.active) {
    throw new AppError('validation', `caseTypeCode: "${caseTypeCode}" is not open for applications.`, [
      { path: 'caseTypeCode', message: 'not open for applications' },
    ]);
  }
  return version;
}

/**
 * Starts (or resumes) an application. An applicant with a draft for the same case type continues that draft, so
 * a second "Start" never scatters their answers over two drafts.
 */
export async function startApplication(
  db: Executor,
  principal: Principal,
  caseTypeCode: string,
): Promise<ApplicationRow> {
  const version = await openForApplications(db, caseTypeCode);
  const existing = (await repo.draftsOf(db, principal.userId)).find((d) => d.case_type_id === version.caseTypeId);
  if (existing) return existing;
  return repo.insertDraft(db, {
    applicantId: principal.userId,
    caseTypeId: version.caseTypeId,
    caseTypeVersionId: version.versionId,
  });
}

import type { TLocalizedText } from '@sagsgang/contracts';
import type { Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { getCaseTypeVersions } from '../../case-types/index.js';
import { applicationsRepository as repo } from '../applications.repository.js';

/** A draft application as "Mine sager" and the apply start page show it. */
export interface OwnDraft {
  id: string;
  caseTypeId: string;
  caseTypeCode: string;
  caseTypeName: TLocalizedText;
  updatedAt: Date;
}

/** The applicant's drafts, the most recently changed first: two reads, however many drafts. */
export async function listOwnDrafts(db: Executor, principal: Principal): Promise<OwnDraft[]> {
  const drafts = await repo.draftsOf(db, principal.userId);
  const versions = await getCaseTypeVersions(
    db,
    drafts.map((d) => d.case_type_version_id),
  );
  return drafts.map((d) => {
    const v = versions.get(d.case_type_version_id)!;
    return {
      id: d.id,
      caseTypeId: d.case_type_id,
      caseTypeCode: v.code,
      caseTypeName: v.definition.name,
      updatedAt: new Date(d.updated_at),
    };
  });
}

/** The applicant as cases and receipts name them; businesses act through a named contact person. */
export function getApplicantProfile(db: Executor, principal: Principal) {
  return repo.applicantProfile(db, principal.userId);
}

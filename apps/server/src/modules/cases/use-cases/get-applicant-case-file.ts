import type { TCaseTypeDefinition, TClockView } from '@sagsgang/contracts';
import { localDateOf } from '@sagsgang/clock';
import { AppError } from '../../../platform/errors.js';
import { auditDenied } from '../../../platform/audit/record-audit.js';
import type { Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { getCaseTypeVersion } from '../../case-types/index.js';
import { casesRepository as repo, type CaseRow, type EventRow } from '../cases.repository.js';
import { queueRepository } from '../work-queue.repository.js';
import { clockView } from '../case-views.js';

export interface ApplicantCaseFile {
  case: CaseRow;
  caseTypeCode: string;
  definition: TCaseTypeDefinition;
  /** Every event in order; the portal decides which an applicant sees on the timeline. */
  events: EventRow[];
  clock: TClockView | null;
}

/**
 * An applicant's own case by its case number, with its event log and clock, for the portal pages and the access
 * to the file. Someone else's case answers exactly like one that does not exist, and the attempt is audited.
 */
export async function getApplicantCaseFile(
  db: Executor,
  principal: Principal,
  reference: string,
  now = new Date(),
): Promise<ApplicantCaseFile> {
  const c = await repo.findCaseByReference(db, reference);
  if (!c || c.applicant_id !== principal.userId) {
    throw new AppError(
      'not_found',
      'No such case.',
      c ? auditDenied({ entityType: 'case', entityId: c.id, subjectUserId: c.applicant_id ?? undefined }) : undefined,
    );
  }
  const version = await getCaseTypeVersion(db, c.case_type_version_id);
  const [summary] = await queueRepository.summariesByIds(db, [c.id]);
  return {
    case: c,
    caseTypeCode: version.code,
    definition: version.definition,
    events: await repo.eventsOf(db, c.id),
    clock: summary ? clockView(summary, localDateOf(now)) : null,
  };
}

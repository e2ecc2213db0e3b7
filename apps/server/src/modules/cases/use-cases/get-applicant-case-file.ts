import type { TCaseTypeDefinition, TClockView } from '@sagsgang/contracts';
import { localDateOf } from '@sagsgang/clock';
import { AppError } from '../../../platform/errors.js';
import { auditDenied } from '../../../platform/audit/record-audit.js';
import type { Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { applicantCasesRepository, type ApplicantCaseRow } from '../applicant-cases.repository.js';
import { casesRepository as repo, type EventRow } from '../cases.repository.js';
import { clockView } from '../case-views.js';

/** The case itself, as the applicant's pages and use cases need it. */
export interface ApplicantCaseFacts {
  id: string;
  reference: string;
  caseTypeId: string;
  state: string;
  phaseCode: string | null;
  outcome: string | null;
  receivedAt: Date;
  /** The optimistic-concurrency version a change to the case must name. */
  version: number;
  applicantId: string | null;
  applicantName: string;
}

export interface ApplicantCaseFile {
  case: ApplicantCaseFacts;
  caseTypeCode: string;
  definition: TCaseTypeDefinition;
  /** Every event in order; what the applicant sees of them is `applicantSees`. */
  events: EventRow[];
  clock: TClockView | null;
}

export function factsOf(c: ApplicantCaseRow): ApplicantCaseFacts {
  return {
    id: c.id,
    reference: c.reference,
    caseTypeId: c.case_type_id,
    state: c.state,
    phaseCode: c.phase_code,
    outcome: c.outcome,
    receivedAt: new Date(c.received_at),
    version: c.version,
    applicantId: c.applicant_id,
    applicantName: c.applicant_name,
  };
}

/**
 * The applicant's own case by its case number, or not_found: someone else's case answers exactly like one that
 * does not exist, and the attempt is audited. The case, its type and its clock in one read.
 */
export async function findOwnCase(db: Executor, principal: Principal, reference: string): Promise<ApplicantCaseRow> {
  const c = await applicantCasesRepository.byReference(db, reference);
  if (!c || c.applicant_id !== principal.userId) {
    throw new AppError(
      'not_found',
      'No such case.',
      c ? auditDenied({ entityType: 'case', entityId: c.id, subjectUserId: c.applicant_id ?? undefined }) : undefined,
    );
  }
  return c;
}

/** Whether the case number is one of the applicant's own cases (no audit: the page that follows audits a miss). */
export function isOwnCaseReference(db: Executor, principal: Principal, reference: string): Promise<boolean> {
  return applicantCasesRepository.isApplicants(db, reference, principal.userId);
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
  const c = await findOwnCase(db, principal, reference);
  return {
    case: factsOf(c),
    caseTypeCode: c.case_type_code,
    definition: c.definition,
    events: await repo.eventsOf(db, c.id),
    clock: c.has_clock ? clockView(c, localDateOf(now)) : null,
  };
}

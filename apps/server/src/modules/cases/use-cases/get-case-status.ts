import type { TCaseStatusView, TLocalizedText } from '@sagsgang/contracts';
import { localDateOf } from '@sagsgang/clock';
import { AppError } from '../../../platform/errors.js';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { casesRepository as repo } from '../cases.repository.js';
import { queueRepository } from '../work-queue.repository.js';
import { clockView } from '../case-views.js';
import { expectedDecision } from './get-expected-decision.js';

export interface CaseStatusLookup {
  actorUserId: string;
  reference: string;
  /** Why the status is read: written to the audit log, shown to the applicant in an access request. */
  purpose: string;
  requestId?: string | null;
  /** Never personal data: e.g. the inquiry the look-up answers. */
  details?: Record<string, unknown>;
  now?: Date;
}

/**
 * A case's status and expected date only (no documents, no notes), for staff who answer the applicant's "where is my
 * case?" without a working need on the case file. The caller has checked the role; every read is audited.
 */
export async function lookUpCaseStatus(db: Executor, input: CaseStatusLookup): Promise<TCaseStatusView> {
  const c = await repo.findCaseByReference(db, input.reference);
  if (!c) throw new AppError('not_found', 'No case has that reference.');
  const [summary] = await queueRepository.summariesByIds(db, [c.id]);
  const today = localDateOf(input.now ?? new Date());
  const clock = clockView(summary, today);
  const decided = c.state === 'decided' || c.state === 'closed';
  const expected = await expectedDecision(db, {
    caseTypeId: c.case_type_id,
    phaseCode: c.phase_code,
    receivedDate: localDateOf(new Date(c.received_at)),
    today,
    goalDate: clock.deadlineDate,
    paused: clock.state === 'paused',
    decided,
  });
  await recordAudit(db, {
    actorUserId: input.actorUserId,
    action: 'read',
    subjectUserId: c.applicant_id,
    entityType: 'case_status',
    entityId: c.id,
    purpose: input.purpose,
    requestId: input.requestId ?? null,
    details: input.details,
  });
  return {
    caseId: c.id,
    reference: c.reference,
    caseTypeName: summary.case_type_name as TLocalizedText,
    state: c.state,
    receivedAt: new Date(c.received_at).toISOString(),
    goalDate: decided ? null : clock.deadlineDate,
    expectedBy: expected.forecast?.upperDate ?? null,
    decided,
  };
}

/**
 * The id of the case with this reference, for linking a record to it (no case data is read, nothing audited).
 * With `applicantId`, only that applicant's own case is found.
 */
export async function caseIdOfReference(db: Executor, reference: string, applicantId?: string): Promise<string | null> {
  const c = await repo.findCaseByReference(db, reference);
  if (!c || (applicantId !== undefined && c.applicant_id !== applicantId)) return null;
  return c.id;
}

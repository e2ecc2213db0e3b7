import { type TApplicantCaseView, type TCaseDetail } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import { auditDenied } from '../../../platform/audit/record-audit.js';
import type { Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { getCaseTypeVersion } from '../../case-types/index.js';
import { casesRepository as repo } from '../cases.repository.js';
import { applicantCasesRepository } from '../applicant-cases.repository.js';
import { applicantCaseView } from './list-own-cases.js';
import { caseFileAccess } from '../case-file-access.js';
import { queueRepository } from '../work-queue.repository.js';
import { toCaseSummary } from '../case-views.js';
import { caseDocumentList } from '../case-document-list.js';
import { caseDocumentsRepository as documents } from '../case-documents.repository.js';

/**
 * The case file for staff with a working need on the case's unit, or a running grant on the case (broken glass, a
 * supervision sample); the read is audited, with the grant's purpose and reason, because the file holds personal data.
 */
export async function getCaseDetail(
  db: Executor,
  principal: Principal,
  caseId: string,
  requestId?: string,
): Promise<TCaseDetail> {
  const c = await repo.findCase(db, caseId);
  if (!c) throw new AppError('not_found', 'No such case.');
  const access = await caseFileAccess(db, principal, c);
  // The audit row of the read goes in with the read of the events: the same statement, one round trip less.
  const [[summary], version, events, documentRows] = await Promise.all([
    queueRepository.summariesByIds(db, [caseId]),
    getCaseTypeVersion(db, c.case_type_version_id),
    repo.eventsOfAudited(db, caseId, {
      actorUserId: principal.userId,
      action: 'read',
      subjectUserId: c.applicant_id,
      entityType: 'case',
      entityId: c.id,
      purpose: access.purpose,
      requestId: requestId ?? null,
      ...(access.grant && { details: access.details }),
    }),
    documents.ofCase(db, c.id),
  ]);
  const d = version.definition;
  const at = (x: Date) => new Date(x).toISOString();
  return {
    ...toCaseSummary(summary),
    channel: c.channel as TCaseDetail['channel'],
    caseTypeVersion: version.version,
    outcome: c.outcome as TCaseDetail['outcome'],
    phases: d.phases.map((p) => ({ code: p.code, name: p.name })),
    outcomes: d.outcomes,
    extensionAllowed: d.serviceGoal.extension.allowed,
    events: events.map((e) => ({ ...e, occurredAt: at(e.occurredAt) })),
    notes: events
      .filter((e) => e.activity === 'note_recorded')
      .map((e) => ({
        eventId: e.id,
        kind: String(e.attributes.kind),
        who: String(e.attributes.who),
        when: String(e.attributes.when),
        what: String(e.attributes.what),
        recordedBy: e.actorName,
      })),
    documents: caseDocumentList({
      caseId: c.id,
      applicantId: c.applicant_id,
      rows: documentRows,
      events,
    }),
    accessGrant: access.grant && { purpose: access.grant.purpose, expiresAt: access.grant.expiresAt.toISOString() },
  };
}

/** An applicant's own case; anyone else's answers exactly like a case that does not exist (and is audited). */
export async function getApplicantCase(
  db: Executor,
  principal: Principal,
  caseId: string,
): Promise<TApplicantCaseView> {
  const c = await applicantCasesRepository.listRowById(db, caseId);
  if (!c || c.applicant_id !== principal.userId) {
    throw new AppError(
      'not_found',
      'No such case.',
      c ? auditDenied({ entityType: 'case', entityId: caseId, subjectUserId: c.applicant_id ?? undefined }) : undefined,
    );
  }
  return applicantCaseView(c);
}

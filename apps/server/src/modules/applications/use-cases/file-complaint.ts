import type { Principal } from '../../../platform/auth/principal.js';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { AppError } from '../../../platform/errors.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { getApplicantCaseFile } from '../../cases/index.js';
import { applicationsRepository as repo } from '../applications.repository.js';
import { AUDIT_PURPOSES, type FieldIssueDetail } from '@sagsgang/contracts';

export type ComplaintKind = 'procedure' | 'decision';

const isKind = (kind: string): kind is ComplaintKind => kind === 'procedure' || kind === 'decision';

/** What is wrong with the form, every field at once (the portal shows them together), each with its English words. */
function problemsOf(kind: string, text: string): [FieldIssueDetail, string][] {
  const problems: [FieldIssueDetail, string][] = [];
  const required = (path: string, rule: string): FieldIssueDetail => ({
    path,
    message: path === 'kind' ? 'missing' : 'empty',
    keyword: 'custom',
    params: { rule },
  });
  if (!isKind(kind))
    problems.push([required('kind', 'complaint_kind_required'), 'kind: choose procedure or decision.']);
  if (!text) problems.push([required('text', 'complaint_text_required'), 'text: write what the complaint is about.']);
  else if (text.length > 20_000)
    problems.push([{ path: 'text', message: 'too long' }, 'text: at most 20,000 characters.']);
  return problems;
}

/**
 * Files a complaint on the applicant's own case, for the complaints capability to handle: about the procedure
 * (waiting time, service) at any time, about the decision once there is one.
 */
export async function fileComplaint(
  db: Executor,
  principal: Principal,
  input: { reference: string; kind: string; text: string; requestId?: string },
): Promise<string> {
  const kind = input.kind;
  const text = input.text.trim();
  const problems = problemsOf(kind, text);
  if (problems.length > 0 || !isKind(kind))
    throw new AppError(
      'validation',
      problems.map(([, words]) => words).join(' '),
      problems.map(([issue]) => issue),
    );
  return inTransaction(db, async (trx) => {
    const file = await getApplicantCaseFile(trx, principal, input.reference);
    if (kind === 'decision' && file.case.state !== 'decided' && file.case.state !== 'closed') {
      throw new AppError('validation', 'kind: there is no decision to complain about yet.', [
        { path: 'kind', message: 'no decision yet' },
      ]);
    }
    const id = await repo.insertComplaint(trx, { caseId: file.case.id, complainantId: principal.userId, kind, text });
    await recordAudit(trx, {
      actorUserId: principal.userId,
      action: 'create',
      subjectUserId: principal.userId,
      entityType: 'complaint',
      entityId: id,
      purpose: AUDIT_PURPOSES.complaintFiled,
      requestId: input.requestId ?? null,
      details: { kind, caseId: file.case.id },
    });
    return id;
  });
}

import type { Principal } from '../../../platform/auth/principal.js';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { AppError } from '../../../platform/errors.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { getApplicantCaseFile } from '../../cases/index.js';
import { applicationsRepository as repo } from '../applications.repository.js';
import { AUDIT_PURPOSES } from '@sagsgang/contracts';

export type ComplaintKind = 'procedure' | 'decision';

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
  if (kind !== 'procedure' && kind !== 'decision')
    throw new AppError('validation', 'kind: choose procedure or decision.', [{ path: 'kind', message: 'missing' }]);
  const text = input.text.trim();
  if (!text)
    throw new AppError('validation', 'text: write what the complaint is about.', [{ path: 'text', message: 'empty' }]);
  if (text.length > 20_000)
    throw new AppError('validation', 'text: at most 20,000 characters.', [{ path: 'text', message: 'too long' }]);
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

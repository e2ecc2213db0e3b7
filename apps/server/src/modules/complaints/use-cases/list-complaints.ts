import { localDateOf } from '@sagsgang/clock';
import { AUDIT_PURPOSES, type TComplaintListQuery, type TComplaintView } from '@sagsgang/contracts';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { complaintsRepository as repo } from '../complaints.repository.js';
import { canSee, complaintNotFound, scopeOf } from '../complaint-access.js';
import { complaintView } from '../complaint-views.js';

/** The complaints the principal may see, filtered; the figures' drill-down lands here. */
export async function listComplaints(
  db: Executor,
  principal: Principal,
  query: Partial<TComplaintListQuery>,
  now = new Date(),
): Promise<TComplaintView[]> {
  const rows = await repo.list(db, scopeOf(principal), query);
  const today = localDateOf(now);
  return rows.map((r) => complaintView(r, today));
}

/**
 * One complaint, or not_found when it does not exist or is not the principal's to see (the two look alike). A
 * staff member's read of it is audited, as reads of case files are.
 */
export async function getComplaint(
  db: Executor,
  principal: Principal,
  id: string,
  now = new Date(),
  requestId?: string,
) {
  const r = await repo.find(db, id);
  if (!r) throw complaintNotFound();
  if (
    !canSee(principal, {
      unitId: r.unit_id,
      caseAssigneeId: r.case_assignee_id,
      handlerId: r.handler_id,
      complainantId: r.complainant_id,
    })
  )
    throw complaintNotFound(id, r.complainant_id);
  if (principal.kind === 'staff')
    await recordAudit(db, {
      actorUserId: principal.userId,
      action: 'read',
      subjectUserId: r.complainant_id,
      entityType: 'complaint',
      entityId: id,
      purpose: AUDIT_PURPOSES.complaintHandling,
      requestId: requestId ?? null,
      details: { caseId: r.case_id },
    });
  return complaintView(r, localDateOf(now));
}

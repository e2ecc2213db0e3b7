import type { TBreakGlassResult } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { hasRole, STAFF_ROLES, type Principal } from '../../../platform/auth/principal.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { caseAccessRepository, type CaseAccessGrantRow } from '../case-access.repository.js';
import { BREAK_GLASS_MINUTES, grantPurposeText } from '../case-file-access.js';
import { casesRepository as repo } from '../cases.repository.js';

export interface CaseAccessGrantInput {
  caseId: string;
  userId: string;
  /** Why the grant exists, as a code: 'supervision', 'complaint', … ('break_glass' is written by breakGlass). */
  purpose: string;
  reason?: string;
  expiresAt: Date;
  /** Who gave it, for the audit entry; null for the system (a supervision sample drawn by a job). */
  grantedBy: string | null;
  requestId?: string;
  now?: Date;
}

/**
 * The hook for work that needs a case file without being casework: a supervision sample, a complaint. The grant and
 * its audit entry commit together (inside the caller's transaction when it passes one).
 */
export async function grantCaseAccess(db: Executor, g: CaseAccessGrantInput): Promise<CaseAccessGrantRow> {
  const now = g.now ?? new Date();
  if (!(g.expiresAt > now)) throw new AppError('validation', 'expiresAt: a grant must end after it starts.');
  return inTransaction(db, async (trx) => {
    const c = await repo.findCase(trx, g.caseId);
    if (!c) throw new AppError('not_found', 'No such case.');
    const row = await caseAccessRepository.insert(trx, {
      caseId: c.id,
      userId: g.userId,
      purpose: g.purpose,
      reason: g.reason ?? '',
      grantedAt: now,
      expiresAt: g.expiresAt,
    });
    await recordAudit(trx, {
      actorUserId: g.grantedBy,
      action: 'create',
      subjectUserId: c.applicant_id,
      entityType: 'case_access_grant',
      entityId: row.id,
      purpose: grantPurposeText(g.purpose),
      requestId: g.requestId ?? null,
      details: {
        caseId: c.id,
        granteeUserId: g.userId,
        grant: g.purpose,
        expiresAt: g.expiresAt.toISOString(),
        ...(g.reason ? { reason: g.reason } : {}),
      },
    });
    return row;
  });
}

/**
 * Break the glass: a staff member of the case's unit without a working need opens the case file for an hour by
 * giving a reason. The grant is audited as created with the reason, and every read through it as a read.
 */
export async function breakGlass(
  db: Executor,
  principal: Principal,
  o: { caseId: string; reason: string; requestId?: string; now?: Date },
): Promise<TBreakGlassResult> {
  const now = o.now ?? new Date();
  const c = await repo.findCase(db, o.caseId);
  if (!c) throw new AppError('not_found', 'No such case.');
  if (principal.kind !== 'staff' || !hasRole(principal, STAFF_ROLES, c.unit_id)) {
    throw new AppError('forbidden', 'This case belongs to a unit you do not work in.', { unitId: c.unit_id });
  }
  const row = await grantCaseAccess(db, {
    caseId: c.id,
    userId: principal.userId,
    purpose: 'break_glass',
    reason: o.reason,
    expiresAt: new Date(now.getTime() + BREAK_GLASS_MINUTES * 60_000),
    grantedBy: principal.userId,
    requestId: o.requestId,
    now,
  });
  return { caseId: c.id, expiresAt: new Date(row.expires_at).toISOString() };
}

/**
 * Who reads a case file, and why. Staff with a working need — the caseworkers, team leads and front line of the
 * case's unit — read it for their casework. Anyone else reads it only through a time-limited grant on that case:
 * breaking the glass with a reason, or a grant another capability writes for its work (a supervision sample, a
 * complaint). Analysts and the quality unit see the navigator's aggregates and drill-down lists, not notes and
 * documents.
 */
import { AUDIT_PURPOSES } from '@sagsgang/contracts';
import { AppError } from '../../platform/errors.js';
import { hasRole, STAFF_ROLES, type Principal, type StaffRole } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/transaction.js';
import { caseAccessRepository, type CaseAccessGrantRow } from './case-access.repository.js';

/** The roles whose work on a unit's cases needs the case file. */
export const WORK_NEED_ROLES: readonly StaffRole[] = ['caseworker', 'teamlead', 'frontline'];

/** How long a broken glass opens the case file. */
export const BREAK_GLASS_MINUTES = 60;

/** What the read is audited as. */
export interface CaseFileAccess {
  purpose: string;
  details: Record<string, unknown>;
  /** The grant read through, when it is not casework. */
  grant: { purpose: string; expiresAt: Date } | null;
}

/** The audit purpose of a read through a grant: its catalogue text where there is one. */
export function grantPurposeText(purpose: string): string {
  if (purpose === 'break_glass') return AUDIT_PURPOSES.breakGlass;
  if (purpose === 'supervision') return AUDIT_PURPOSES.supervision;
  return `Case access grant: ${purpose}`;
}

const viaGrant = (g: CaseAccessGrantRow): CaseFileAccess => ({
  purpose: grantPurposeText(g.purpose),
  details: { grantId: g.id, grant: g.purpose, ...(g.reason ? { reason: g.reason } : {}) },
  grant: { purpose: g.purpose, expiresAt: new Date(g.expires_at) },
});

/**
 * How `principal` may read the case file of a case of `unit`, or a `forbidden` saying why not: staff of the unit
 * without a working need are told they may break the glass (`work_need_required`); staff of other units are not
 * told more.
 */
export async function caseFileAccess(
  db: Executor,
  principal: Principal,
  c: { id: string; unit_id: string },
  now = new Date(),
): Promise<CaseFileAccess> {
  if (principal.kind === 'staff' && hasRole(principal, WORK_NEED_ROLES, c.unit_id)) {
    return { purpose: AUDIT_PURPOSES.casework, details: {}, grant: null };
  }
  const grant =
    principal.kind === 'staff' ? await caseAccessRepository.live(db, c.id, principal.userId, now) : undefined;
  if (grant) return viaGrant(grant);
  if (principal.kind === 'staff' && hasRole(principal, STAFF_ROLES, c.unit_id)) {
    throw new AppError(
      'forbidden',
      "The case file's notes and documents are for those who work on the case. Give a reason to open it (break the glass); the read is audited.",
      { reason: 'work_need_required', caseId: c.id },
    );
  }
  throw new AppError('forbidden', 'This case belongs to a unit you do not work in.', { unitId: c.unit_id });
}

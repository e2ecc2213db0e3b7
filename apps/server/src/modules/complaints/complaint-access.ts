import { AppError } from '../../platform/errors.js';
import { auditDenied } from '../../platform/audit/record-audit.js';
import { hasRole, unitsWithRole, type Principal, type StaffRole } from '../../platform/auth/principal.js';
import type { ComplaintScope } from './complaints.repository.js';

/** Who sees every complaint of a unit: the quality unit and the team leads. */
export const UNIT_WIDE: readonly StaffRole[] = ['quality', 'teamlead'];
/** Who may register a complaint received at the counter, by phone, letter or e-mail. */
export const REGISTRARS: readonly StaffRole[] = ['frontline', 'caseworker', 'teamlead', 'quality'];

export interface ComplaintOwnership {
  unitId: string;
  caseAssigneeId: string | null;
  handlerId: string | null;
  complainantId: string | null;
}

/** A complaint that is not the reader's answers like one that does not exist; the attempt is audited. */
export function complaintNotFound(id?: string, subjectUserId?: string | null): AppError {
  return new AppError(
    'not_found',
    'No such complaint.',
    id ? auditDenied({ entityType: 'complaint', entityId: id, subjectUserId: subjectUserId ?? undefined }) : undefined,
  );
}

/**
 * The quality unit and team leads see the complaints of their units; a caseworker only those on the cases they
 * handle or that they handle themselves; a complainant only their own.
 */
export function canSee(p: Principal, c: ComplaintOwnership): boolean {
  if (p.kind === 'applicant') return c.complainantId === p.userId;
  if (hasRole(p, UNIT_WIDE, c.unitId)) return true;
  return hasRole(p, ['caseworker'], c.unitId) && (c.caseAssigneeId === p.userId || c.handlerId === p.userId);
}

/** Staff who see a complaint may work on it; a complainant never acts on it through these steps. */
export function assertCanHandle(p: Principal, c: ComplaintOwnership & { id: string }): void {
  if (p.kind === 'staff' && canSee(p, c)) return;
  throw complaintNotFound(c.id, c.complainantId);
}

export function scopeOf(p: Principal): ComplaintScope {
  if (p.kind === 'applicant') return { units: [], complainantId: p.userId };
  return { units: unitsWithRole(p, UNIT_WIDE), caseworkerId: p.userId };
}

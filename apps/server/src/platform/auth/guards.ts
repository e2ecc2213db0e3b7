import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { hasRole, holdsAnyRole, type Principal, type StaffRole } from './principal.js';

/**
 * Route guards. Each returns the principal so a handler reads:
 *
 *   const principal = requireStaff(request, ['caseworker', 'teamlead'], caseUnitId);
 *
 * A `forbidden` thrown here (or by a service) for a signed-in principal is recorded in audit_log as `denied` by the
 * central error handler, so callers need not audit denials themselves.
 */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'Sign in to continue.');
  return request.principal;
}

/** Staff holding one of `roles` — on `unitId` (directly or through a parent unit) when given, else on any unit. */
export function requireStaff(request: FastifyRequest, roles: readonly StaffRole[], unitId?: string): Principal {
  const principal = requirePrincipal(request);
  const allowed =
    principal.kind === 'staff' &&
    (unitId === undefined ? holdsAnyRole(principal, roles) : hasRole(principal, roles, unitId));
  if (!allowed) {
    throw new AppError(
      'forbidden',
      'You do not have access to this.',
      unitId === undefined ? { roles } : { roles, unitId },
    );
  }
  return principal;
}

/** An applicant (citizen or business) acting on their own behalf. */
export function requireApplicant(request: FastifyRequest): Principal {
  const principal = requirePrincipal(request);
  if (principal.kind !== 'applicant' || !holdsAnyRole(principal, ['applicant'])) {
    throw new AppError('forbidden', 'This is for applicants only.');
  }
  return principal;
}

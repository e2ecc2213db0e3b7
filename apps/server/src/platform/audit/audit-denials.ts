import type { FastifyRequest } from 'fastify';
import type { AppError } from '../errors.js';
import type { Executor } from '../db/transaction.js';
import { auditFrom, isDeniedMarker, recordAudit } from './record-audit.js';
import { AUDIT_PURPOSES } from '@sagsgang/contracts';

/** The error handler's `onDenied`: every refused attempt by a signed-in person (or a marked 404) is kept. */
export function denialRecorder(db: Executor): (request: FastifyRequest, error: AppError) => Promise<void> {
  return async (request, error) => {
    const marker = isDeniedMarker(error.details) ? error.details : undefined;
    const details = !marker && typeof error.details === 'object' && error.details !== null ? error.details : {};
    await recordAudit(db, {
      ...auditFrom(request),
      action: 'denied',
      subjectUserId: marker?.subjectUserId ?? null,
      entityType: marker?.entityType ?? 'route',
      entityId: marker?.entityId ?? null,
      purpose: AUDIT_PURPOSES.accessRefused,
      details: { ...details, code: error.code, method: request.method, route: request.routeOptions.url ?? null },
    });
  };
}

import type { FastifyRequest } from 'fastify';
import type { Insertable } from 'kysely';
import type { AuditAction, AuditLogTable } from '../db/platform-tables.js';
import type { Executor } from '../db/transaction.js';

export type { AuditAction };

export interface AuditEntry {
  /** Who acted; null for an anonymous attempt (a failed sign-in with an unknown user name). */
  actorUserId: string | null;
  action: AuditAction;
  /** Whose personal data was read or changed, when it is a person's. */
  subjectUserId?: string | null;
  entityType: string;
  entityId?: string | null;
  /** Why: shown to the data subject in an access request (GDPR art. 15), so write it for them. */
  purpose: string;
  requestId?: string | null;
  ip?: string | null;
  /** Never personal identifiers or secrets: this is kept for years. */
  details?: Record<string, unknown>;
}

/**
 * Appends one audit entry. Pass the transaction that makes the change, so the entry commits with the change it
 * describes or not at all:
 *
 *   await inTransaction(db, async (trx) => { await repo.update(trx, ...); await recordAudit(trx, { ... }); });
 */
export async function recordAudit(executor: Executor, entry: AuditEntry): Promise<void> {
  await executor.insertInto('audit_log').values(auditRow(entry)).execute();
}

/**
 * The audit_log row of an entry, for a repository that writes it in the same statement as the read it describes
 * (`WITH audited AS (INSERT INTO audit_log …) SELECT …`): one round trip instead of two, and the row is written
 * exactly when the read runs.
 */
export function auditRow(entry: AuditEntry): Insertable<AuditLogTable> {
  return {
    actor_user_id: entry.actorUserId,
    action: entry.action,
    subject_user_id: entry.subjectUserId ?? null,
    entity_type: entry.entityType,
    entity_id: entry.entityId ?? null,
    purpose: entry.purpose,
    request_id: entry.requestId ?? null,
    ip: entry.ip ?? null,
    details: JSON.stringify(entry.details ?? {}),
  };
}

/** The request-derived part of an entry: `recordAudit(trx, { ...auditFrom(request), action: 'read', ... })`. */
export function auditFrom(request: FastifyRequest): Pick<AuditEntry, 'actorUserId' | 'requestId' | 'ip'> {
  return { actorUserId: request.principal?.userId ?? null, requestId: request.id, ip: request.ip };
}

/** Marker a service puts in AppError details to have a 404 recorded as a denied access to someone else's data. */
export interface DeniedMarker {
  audit: 'denied';
  entityType: string;
  entityId?: string;
  subjectUserId?: string;
}

/**
 * Details for an AppError that hides foreign data behind a 404 but must still be audited:
 *
 *   throw new AppError('not_found', 'No such case.', auditDenied({ entityType: 'case', entityId: id }));
 *
 * The error handler records the attempt and strips the marker from the response, so the answer is the same as for
 * an id that does not exist.
 */
export function auditDenied(target: Omit<DeniedMarker, 'audit'>): DeniedMarker {
  return { audit: 'denied', ...target };
}

export function isDeniedMarker(details: unknown): details is DeniedMarker {
  return typeof details === 'object' && details !== null && (details as { audit?: unknown }).audit === 'denied';
}

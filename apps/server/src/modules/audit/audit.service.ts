import type { TAuditExportQuery, TAuditQuery } from '@sagsgang/contracts';
import type { Executor } from '../../platform/db/transaction.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit, type AuditEntry } from '../../platform/audit/record-audit.js';
import { adminReach, assertReachesUser } from '../org/index.js';
import { findAuditEntries } from './audit.repository.js';
import { toCsv } from './audit-csv.js';

type RequestMeta = Pick<AuditEntry, 'requestId' | 'ip'>;

/**
 * Audit entries an admin may read: about or by people in the units they administer (everything, for an
 * authority-wide admin). Reading the log is itself recorded.
 */
export async function searchAudit(db: Executor, principal: Principal, query: TAuditQuery, meta: RequestMeta) {
  const reach = await adminReach(db, principal);
  for (const userId of [query.subjectUserId, query.actorUserId]) if (userId) await assertReachesUser(db, principal, userId);
  const rows = await findAuditEntries(db, {
    ...query,
    reachUnitIds: reach.authorityWide ? undefined : [...reach.unitIds],
    limit: query.limit ?? 100,
  });
  await recordAudit(db, {
    ...meta,
    actorUserId: principal.userId,
    action: 'read',
    subjectUserId: query.subjectUserId ?? null,
    entityType: 'audit_log',
    purpose: 'Audit log review',
    details: { filter: query, returned: rows.length },
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    action: r.action,
    actor: r.actor_user_id ? { id: r.actor_user_id, displayName: r.actor_name } : null,
    subjectUserId: r.subject_user_id,
    entityType: r.entity_type,
    entityId: r.entity_id,
    purpose: r.purpose,
    requestId: r.request_id,
    ip: r.ip,
    details: r.details,
  }));
}

const EXPORT_LIMIT = 50_000;

/**
 * A data subject's record of who looked at or changed their data, when and why (GDPR art. 15). The person who acted
 * is named; addresses and internal details are left out.
 */
export async function exportForSubject(db: Executor, principal: Principal, query: TAuditExportQuery, meta: RequestMeta) {
  await assertReachesUser(db, principal, query.subjectUserId);
  const rows = await findAuditEntries(db, { subjectUserId: query.subjectUserId, from: query.from, to: query.to, limit: EXPORT_LIMIT + 1 });
  if (rows.length > EXPORT_LIMIT) throw new AppError('validation', 'Too many entries: narrow the period with from and to.');
  await recordAudit(db, {
    ...meta,
    actorUserId: principal.userId,
    action: 'export',
    subjectUserId: query.subjectUserId,
    entityType: 'audit_log',
    purpose: 'Access request from the data subject (GDPR art. 15)',
    details: { format: query.format, from: query.from ?? null, to: query.to ?? null, entries: rows.length },
  });
  const entries = rows.reverse().map((r) => ({
    at: r.at.toISOString(),
    action: r.action,
    purpose: r.purpose,
    entityType: r.entity_type,
    entityId: r.entity_id,
    actor: r.actor_user_id === query.subjectUserId ? 'the data subject' : (r.actor_name ?? 'the system'),
  }));
  if (query.format === 'json') return { contentType: 'application/json; charset=utf-8', body: JSON.stringify({ subjectUserId: query.subjectUserId, entries }) };
  const csv = toCsv(
    ['at', 'action', 'purpose', 'entity_type', 'entity_id', 'actor'],
    entries.map((e) => [e.at, e.action, e.purpose, e.entityType, e.entityId, e.actor]),
  );
  return { contentType: 'text/csv; charset=utf-8', body: csv };
}

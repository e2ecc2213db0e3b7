import {
  AUDIT_PURPOSES,
  DEFAULT_LOCALE,
  type Locale,
  type TAuditEntry,
  type TAuditExportQuery,
  type TAuditQuery,
} from '@sagsgang/contracts';
import type { Executor } from '../../platform/db/transaction.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit, type AuditEntry } from '../../platform/audit/record-audit.js';
import { adminReach, assertReachesUser, type AdminReach } from '../org/index.js';
import { auditRepository as repo, type AuditFilter } from './audit.repository.js';
import { toCsv } from './audit-csv.js';
import { subjectLogCsvRows, subjectLogEntries } from './subject-access-log.js';

type RequestMeta = Pick<AuditEntry, 'requestId' | 'ip'>;
type Filter = Omit<TAuditExportQuery, 'format'>;

const reachUnits = (reach: AdminReach) => (reach.authorityWide ? undefined : [...reach.unitIds]);

/** The admin must reach the people a filter names; an unreached person is a recorded `forbidden`. */
async function assertReachesNamed(db: Executor, principal: Principal, filter: Filter): Promise<void> {
  for (const userId of [filter.subjectUserId, filter.actorUserId])
    if (userId) await assertReachesUser(db, principal, userId);
}

/**
 * Audit entries an admin may read: about or by people in the units they administer (everything, for an
 * authority-wide admin), newest first, a page at a time. Reading the log is itself recorded.
 */
export async function searchAudit(
  db: Executor,
  principal: Principal,
  query: TAuditQuery,
  meta: RequestMeta,
): Promise<TAuditEntry[]> {
  const reach = await adminReach(db, principal);
  await assertReachesNamed(db, principal, query);
  const rows = await repo.findAuditEntries(db, {
    ...query,
    reachUnitIds: reachUnits(reach),
    limit: query.limit ?? 100,
  });
  await recordAudit(db, {
    ...meta,
    actorUserId: principal.userId,
    action: 'read',
    subjectUserId: query.subjectUserId ?? null,
    entityType: 'audit_log',
    purpose: AUDIT_PURPOSES.auditLogReview,
    details: { filter: query, returned: rows.length },
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    action: r.action,
    actor: r.actor_user_id ? { id: r.actor_user_id, displayName: r.actor_name } : null,
    subjectUserId: r.subject_user_id,
    subjectName: r.subject_name,
    entityType: r.entity_type,
    entityId: r.entity_id,
    purpose: r.purpose,
    requestId: r.request_id,
    ip: r.ip,
    details: r.details,
  }));
}

const EXPORT_LIMIT = 50_000;

/** The language the data subject chose; their copy of the log is written in it. */
async function subjectLocale(db: Executor, userId: string): Promise<Locale> {
  return (await repo.userLocale(db, userId)) ?? DEFAULT_LOCALE;
}

async function rowsToExport(db: Executor, filter: Omit<AuditFilter, 'limit'>) {
  const rows = await repo.findAuditEntries(db, { ...filter, limit: EXPORT_LIMIT + 1 });
  if (rows.length > EXPORT_LIMIT)
    throw new AppError('validation', 'Too many entries: narrow the period with from and to.');
  return rows.reverse();
}

export interface ExportFile {
  contentType: string;
  body: string;
  fileName: string;
}

/**
 * The log as filtered, as a file. With a data subject it is their record of who looked at or changed their data,
 * when and why (GDPR art. 15): every entry about them, the person who acted named, addresses and internal details
 * left out. Without one it is an extract for the admin, limited to whom they administer. Either is recorded.
 */
export async function exportAudit(
  db: Executor,
  principal: Principal,
  query: TAuditExportQuery,
  meta: RequestMeta,
): Promise<ExportFile> {
  const { format, ...filter } = query;
  await assertReachesNamed(db, principal, filter);
  const subjectUserId = filter.subjectUserId;
  const rows = await rowsToExport(db, {
    ...filter,
    reachUnitIds: subjectUserId ? undefined : reachUnits(await adminReach(db, principal)),
  });
  await recordAudit(db, {
    ...meta,
    actorUserId: principal.userId,
    action: 'export',
    subjectUserId: subjectUserId ?? null,
    entityType: 'audit_log',
    purpose: subjectUserId ? AUDIT_PURPOSES.dataSubjectAccess : AUDIT_PURPOSES.auditLogExport,
    details: { format, filter, entries: rows.length },
  });
  const fileName = `${subjectUserId ? `access-log-${subjectUserId}` : 'audit-log'}.${format}`;
  if (subjectUserId) {
    const locale = await subjectLocale(db, subjectUserId);
    const entries = subjectLogEntries(rows, subjectUserId, locale);
    if (format === 'json')
      return {
        fileName,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ subjectUserId, language: locale, entries }),
      };
    const { header, rows: lines } = subjectLogCsvRows(entries, locale);
    return { fileName, contentType: 'text/csv; charset=utf-8', body: toCsv(header, lines) };
  }
  const entries = rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    action: r.action,
    actorUserId: r.actor_user_id,
    actor: r.actor_user_id ? r.actor_name : null,
    subjectUserId: r.subject_user_id,
    subject: r.subject_name,
    entityType: r.entity_type,
    entityId: r.entity_id,
    purpose: r.purpose,
    requestId: r.request_id,
  }));
  if (format === 'json')
    return { fileName, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ filter, entries }) };
  const csv = toCsv(
    [
      'id',
      'at',
      'action',
      'actor',
      'actor_id',
      'subject',
      'subject_id',
      'entity_type',
      'entity_id',
      'purpose',
      'request_id',
    ],
    entries.map((e) => [
      e.id,
      e.at,
      e.action,
      e.actor,
      e.actorUserId,
      e.subject,
      e.subjectUserId,
      e.entityType,
      e.entityId,
      e.purpose,
      e.requestId,
    ]),
  );
  return { fileName, contentType: 'text/csv; charset=utf-8', body: csv };
}

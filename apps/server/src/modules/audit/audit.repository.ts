import { sql } from 'kysely';
import { AUDIT_PURPOSES, type Locale, type TAuditAction, type TAuditPurposeKey } from '@sagsgang/contracts';
import type { Executor } from '../../platform/db/transaction.js';

export interface AuditFilter {
  subjectUserId?: string;
  actorUserId?: string;
  action?: TAuditAction;
  entityType?: string;
  entityId?: string;
  purpose?: TAuditPurposeKey;
  from?: string;
  to?: string;
  /** Only entries with a smaller id: the page after the one that ended there. */
  before?: number;
  /** Restrict to entries whose actor or subject holds a role on one of these units; undefined for no restriction. */
  reachUnitIds?: readonly string[];
  limit: number;
}

export const auditRepository = {
  async userLocale(db: Executor, userId: string): Promise<Locale | undefined> {
    const user = await db.selectFrom('app_user').select('locale').where('id', '=', userId).executeTakeFirst();
    return user?.locale;
  },

  /** Newest first. */
  async findAuditEntries(db: Executor, filter: AuditFilter) {
    let q = db
      .selectFrom('audit_log')
      .leftJoin('app_user as actor', 'actor.id', 'audit_log.actor_user_id')
      .leftJoin('app_user as subject', 'subject.id', 'audit_log.subject_user_id')
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.action',
        'audit_log.actor_user_id',
        'actor.display_name as actor_name',
        'audit_log.subject_user_id',
        'subject.display_name as subject_name',
        'audit_log.entity_type',
        'audit_log.entity_id',
        'audit_log.purpose',
        'audit_log.request_id',
        'audit_log.ip',
        'audit_log.details',
      ]);
    if (filter.subjectUserId) q = q.where('audit_log.subject_user_id', '=', filter.subjectUserId);
    if (filter.actorUserId) q = q.where('audit_log.actor_user_id', '=', filter.actorUserId);
    if (filter.action) q = q.where('audit_log.action', '=', filter.action);
    if (filter.entityType) q = q.where('audit_log.entity_type', '=', filter.entityType);
    if (filter.entityId) q = q.where('audit_log.entity_id', '=', filter.entityId);
    if (filter.purpose) q = q.where('audit_log.purpose', '=', AUDIT_PURPOSES[filter.purpose]);
    if (filter.from) q = q.where('audit_log.at', '>=', sql<Date>`${filter.from}::timestamptz`);
    if (filter.to) q = q.where('audit_log.at', '<', sql<Date>`${filter.to}::timestamptz`);
    if (filter.before !== undefined) q = q.where('audit_log.id', '<', filter.before);
    if (filter.reachUnitIds) {
      const units = filter.reachUnitIds.length ? filter.reachUnitIds : ['00000000-0000-0000-0000-000000000000'];
      const inReach = (column: 'audit_log.actor_user_id' | 'audit_log.subject_user_id') =>
        sql<boolean>`exists (select 1 from role_grant g where g.user_id = ${sql.ref(column)} and g.unit_id in (${sql.join(units)}))`;
      q = q.where((eb) => eb.or([inReach('audit_log.actor_user_id'), inReach('audit_log.subject_user_id')]));
    }
    return q.orderBy('audit_log.id', 'desc').limit(filter.limit).execute();
  },
};

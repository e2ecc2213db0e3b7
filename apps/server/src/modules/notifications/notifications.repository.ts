import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import type { NotificationKind } from './notification-templates.js';
import type { NotificationTable } from './notifications.tables.js';
import './notifications.tables.js';

export type NotificationRow = Selectable<NotificationTable>;

export interface Recipient {
  email: string | null;
  displayName: string;
  locale: 'da' | 'en' | 'sv';
  organisationName: string | null;
}

export const notificationsRepository = {
  async insert(
    db: Executor,
    n: { caseId: string | null; recipientUserId: string; kind: NotificationKind; values: Record<string, unknown> },
  ): Promise<number> {
    const r = await db
      .insertInto('notification')
      .values({
        case_id: n.caseId,
        recipient_user_id: n.recipientUserId,
        kind: n.kind,
        template_values: JSON.stringify(n.values),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  },

  async find(db: Executor, id: number): Promise<NotificationRow | undefined> {
    return db.selectFrom('notification').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async recipient(db: Executor, userId: string): Promise<Recipient | undefined> {
    const r = await db
      .selectFrom('app_user')
      .select(['email', 'display_name', 'locale', 'organisation_name'])
      .where('id', '=', userId)
      .executeTakeFirst();
    return (
      r && { email: r.email, displayName: r.display_name, locale: r.locale, organisationName: r.organisation_name }
    );
  },

  async caseReference(db: Executor, caseId: string): Promise<string | undefined> {
    const r = await db.selectFrom('case_file').select('reference').where('id', '=', caseId).executeTakeFirst();
    return r?.reference;
  },

  async markAttempt(db: Executor, id: number, error: string | null): Promise<void> {
    await db
      .updateTable('notification')
      .set({ attempts: sql`attempts + 1`, last_error: error })
      .where('id', '=', id)
      .execute();
  },

  async markDone(db: Executor, id: number, status: 'sent' | 'skipped', messageId: string | null): Promise<void> {
    await db
      .updateTable('notification')
      .set({ status, message_id: messageId, sent_at: new Date(), attempts: sql`attempts + 1`, last_error: null })
      .where('id', '=', id)
      .execute();
  },

  async ofCase(db: Executor, caseId: string): Promise<NotificationRow[]> {
    return db
      .selectFrom('notification')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  },
};

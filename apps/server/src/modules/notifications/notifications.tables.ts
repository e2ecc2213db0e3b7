import type { ColumnType, Generated } from 'kysely';
import type { NotificationKind } from './notification-templates.js';

export type NotificationStatus = 'queued' | 'sent' | 'skipped' | 'failed';

export interface NotificationTable {
  id: Generated<number>;
  case_id: string | null;
  recipient_user_id: string;
  kind: NotificationKind;
  template_values: ColumnType<Record<string, unknown>, string, string>;
  status: ColumnType<NotificationStatus, NotificationStatus | undefined, NotificationStatus>;
  attempts: Generated<number>;
  message_id: string | null;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: Date | string | null;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    notification: NotificationTable;
  }
}

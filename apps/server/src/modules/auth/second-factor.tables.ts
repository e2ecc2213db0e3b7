import type { ColumnType, Generated } from 'kysely';

export interface UserTotpTable {
  user_id: string;
  secret: string;
  confirmed_at: Date | null;
  last_used_step: ColumnType<string | null, number | null | undefined, number | null>;
  created_at: Generated<Date>;
}

export interface UserRecoveryCodeTable {
  user_id: string;
  code_hash: string;
  used_at: Date | null;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    user_totp: UserTotpTable;
    user_recovery_code: UserRecoveryCodeTable;
  }
}

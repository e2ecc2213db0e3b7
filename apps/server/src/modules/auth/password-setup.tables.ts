import type { ColumnType } from 'kysely';

export interface PasswordSetupTokenTable {
  token_hash: string;
  user_id: string;
  created_at: ColumnType<Date, never, never>;
  expires_at: Date;
  used_at: Date | null;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    password_setup_token: PasswordSetupTokenTable;
  }
}

import type { ColumnType, Generated } from 'kysely';

export interface UserPasskeyTable {
  credential_id: string;
  user_id: string;
  public_key: string;
  counter: ColumnType<number | string, number, number>;
  transports: string;
  name: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
}

export interface WebauthnChallengeTable {
  session_hash: string;
  purpose: 'register' | 'authenticate';
  challenge: string;
  expires_at: Date;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    user_passkey: UserPasskeyTable;
    webauthn_challenge: WebauthnChallengeTable;
  }
}

import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';

export const demoRepository = {
  /** Holds `key` until the transaction ends: of two nodes starting at once, the second waits, then sees units. */
  async lockSeed(db: Executor, key: number): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(${key})`.execute(db);
  },

  /** Whether the user name exists with a password, so it can sign in. */
  async canSignIn(db: Executor, username: string): Promise<boolean> {
    const row = await db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', username)
      .where('password_hash', 'is not', null)
      .executeTakeFirst();
    return Boolean(row);
  },
};

import './password-setup.tables.js';
import type { Executor } from '../../platform/db/transaction.js';

export interface SetupTarget {
  userId: string;
  username: string | null;
}

export const passwordSetupRepository = {
  /** Ends every link of the user that is still open, so only the newest one works. */
  async expireOpenTokens(db: Executor, userId: string, now: Date): Promise<void> {
    await db
      .updateTable('password_setup_token')
      .set({ expires_at: now })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
  },

  async insertToken(db: Executor, token: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
    await db
      .insertInto('password_setup_token')
      .values({ token_hash: token.tokenHash, user_id: token.userId, expires_at: token.expiresAt })
      .execute();
  },

  /** The active staff user an unused, unexpired link belongs to; undefined for any other link. */
  async findOpenTarget(db: Executor, tokenHash: string, now: Date): Promise<SetupTarget | undefined> {
    const row = await db
      .selectFrom('password_setup_token as t')
      .innerJoin('app_user as u', 'u.id', 't.user_id')
      .select(['u.id', 'u.username'])
      .where('t.token_hash', '=', tokenHash)
      .where('t.used_at', 'is', null)
      .where('t.expires_at', '>', now)
      .where('u.active', '=', true)
      .where('u.kind', '=', 'staff')
      .executeTakeFirst();
    return row && { userId: row.id, username: row.username };
  },

  /** Marks the link used; false when another request used it first (the row is locked until commit). */
  async markUsed(db: Executor, tokenHash: string, now: Date): Promise<boolean> {
    const result = await db
      .updateTable('password_setup_token')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async setPasswordHash(db: Executor, userId: string, passwordHash: string): Promise<void> {
    await db.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
  },

  async deleteSessionsOf(db: Executor, userId: string): Promise<void> {
    await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
  },
};

import './second-factor.tables.js';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';

export interface TotpRecord {
  secret: string;
  confirmed: boolean;
}

export const secondFactorRepository = {
  async findTotp(db: Executor, userId: string): Promise<TotpRecord | undefined> {
    const row = await db
      .selectFrom('user_totp')
      .select(['secret', 'confirmed_at'])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row && { secret: row.secret, confirmed: row.confirmed_at !== null };
  },

  /** A new, unconfirmed secret; an unconfirmed one already there is replaced, a confirmed one never. */
  async putUnconfirmedTotp(db: Executor, userId: string, secret: string): Promise<boolean> {
    const result = await sql`
      INSERT INTO user_totp (user_id, secret) VALUES (${userId}, ${secret})
      ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = now(), last_used_step = NULL
      WHERE user_totp.confirmed_at IS NULL`.execute(db);
    return Number(result.numAffectedRows ?? 0) === 1;
  },

  async confirmTotp(db: Executor, userId: string, step: number): Promise<boolean> {
    const result = await db
      .updateTable('user_totp')
      .set({ confirmed_at: sql<Date>`now()`, last_used_step: step })
      .where('user_id', '=', userId)
      .where('confirmed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Takes a time step of a confirmed TOTP; false when it (or a later one) was used already: no replay. */
  async takeTotpStep(db: Executor, userId: string, step: number): Promise<boolean> {
    const result = await db
      .updateTable('user_totp')
      .set({ last_used_step: step })
      .where('user_id', '=', userId)
      .where('confirmed_at', 'is not', null)
      .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', sql<string>`${step}`)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async replaceRecoveryCodes(db: Executor, userId: string, hashes: string[]): Promise<void> {
    await db.deleteFrom('user_recovery_code').where('user_id', '=', userId).execute();
    await db
      .insertInto('user_recovery_code')
      .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null })))
      .execute();
  },

  async useRecoveryCode(db: Executor, userId: string, hash: string): Promise<boolean> {
    const result = await db
      .updateTable('user_recovery_code')
      .set({ used_at: sql<Date>`now()` })
      .where('user_id', '=', userId)
      .where('code_hash', '=', hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async unusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
    const row = await db
      .selectFrom('user_recovery_code')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** The user name and the roles a user holds anywhere, to decide whether a second factor is required. */
  async userForFactor(db: Executor, userId: string): Promise<{ username: string | null; roles: string[] }> {
    const user = await db.selectFrom('app_user').select('username').where('id', '=', userId).executeTakeFirstOrThrow();
    const grants = await db.selectFrom('role_grant').select('role').where('user_id', '=', userId).execute();
    return { username: user.username, roles: grants.map((g) => g.role) };
  },
};

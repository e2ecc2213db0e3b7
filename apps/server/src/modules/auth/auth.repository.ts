import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import type { TLocale } from '@sagsgang/contracts';

export interface SignInCandidate {
  id: string;
  passwordHash: string | null;
  active: boolean;
}

export interface NewApplicant {
  displayName: string;
  email: string | null;
  locale: TLocale;
  issuer: string;
  subject: string;
}

export const authRepository = {
  async findUserByUsername(db: Executor, username: string): Promise<SignInCandidate | undefined> {
    const row = await db
      .selectFrom('app_user')
      .select(['id', 'password_hash', 'active'])
      .where(sql<string>`lower(username)`, '=', username.toLowerCase())
      .executeTakeFirst();
    return row && { id: row.id, passwordHash: row.password_hash, active: row.active };
  },

  async findUserProfile(db: Executor, userId: string) {
    return db
      .selectFrom('app_user')
      .select(['id', 'kind', 'username', 'display_name', 'email', 'locale', 'organisation_name'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
  },

  async findUnits(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return [];
    return db
      .selectFrom('unit')
      .select(['id', 'parent_id', 'kind', 'code', 'name_da', 'name_en'])
      .where('id', 'in', ids)
      .orderBy('code')
      .execute();
  },

  /** Replaces a password hash only if it is still `old`: a password changed meanwhile is not overwritten. */
  async replacePasswordHash(db: Executor, userId: string, old: string, next: string): Promise<void> {
    await db
      .updateTable('app_user')
      .set({ password_hash: next })
      .where('id', '=', userId)
      .where('password_hash', '=', old)
      .execute();
  },

  async passwordHashOf(db: Executor, userId: string): Promise<{ username: string | null; hash: string | null }> {
    const row = await db
      .selectFrom('app_user')
      .select(['username', 'password_hash'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    return { username: row.username, hash: row.password_hash };
  },

  /** Ends every session of the user except the one making the change. */
  async deleteOtherSessions(db: Executor, userId: string, keepTokenHash: string): Promise<void> {
    await db
      .deleteFrom('user_session')
      .where('user_id', '=', userId)
      .where('token_hash', '!=', keepTokenHash)
      .execute();
  },

  async updateLocale(db: Executor, userId: string, locale: TLocale): Promise<void> {
    await db.updateTable('app_user').set({ locale }).where('id', '=', userId).execute();
  },

  /** The user linked to an external identity, with whether they may still sign in. */
  async findIdentity(
    db: Executor,
    issuer: string,
    subject: string,
  ): Promise<{ userId: string; active: boolean } | undefined> {
    const row = await db
      .selectFrom('user_identity')
      .innerJoin('app_user', 'app_user.id', 'user_identity.user_id')
      .select(['user_identity.user_id', 'app_user.active'])
      .where('user_identity.issuer', '=', issuer)
      .where('user_identity.subject', '=', subject)
      .executeTakeFirst();
    return row && { userId: row.user_id, active: row.active };
  },

  /** An applicant created on first eID sign-in: the user, their applicant role and the identity link. */
  async insertApplicantWithIdentity(db: Executor, applicant: NewApplicant): Promise<string> {
    const user = await db
      .insertInto('app_user')
      .values({
        kind: 'applicant',
        display_name: applicant.displayName,
        email: applicant.email,
        locale: applicant.locale,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('role_grant').values({ user_id: user.id, role: 'applicant', unit_id: null }).execute();
    await db
      .insertInto('user_identity')
      .values({ issuer: applicant.issuer, subject: applicant.subject, user_id: user.id })
      .execute();
    return user.id;
  },
};

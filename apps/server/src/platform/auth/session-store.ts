import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db/transaction.js';

export const SESSION_COOKIE = 'sagsgang_session';

export interface SessionPolicy {
  /** Idle timeout: each use pushes the expiry this far ahead. */
  idleMinutes: number;
  /** Absolute maximum from sign-in, however active the session is. */
  maxMinutes: number;
}

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  authMethod: string;
  activeUnitId: string | null;
  /** The password was right but a second factor is still owed: the session may do nothing but prove it. */
  mfaPending: boolean;
  createdAt: Date;
  expiresAt: Date;
}

// Only the hash is stored: a copy of the database does not contain usable session cookies.
export function hashSessionToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  userId: string;
  authMethod: string;
  activeUnitId?: string | null;
  mfaPending?: boolean;
}

/** Creates a session and returns the cookie value (32 random bytes); the caller sets the cookie. */
export async function createSession(
  executor: Executor,
  session: NewSession,
  policy: SessionPolicy,
): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const row = await executor
    .insertInto('user_session')
    .values({
      token_hash: hashSessionToken(token),
      user_id: session.userId,
      auth_method: session.authMethod,
      active_unit_id: session.activeUnitId ?? null,
      mfa_pending: session.mfaPending ?? false,
      expires_at: sql<Date>`now() + make_interval(mins => ${Math.min(policy.idleMinutes, policy.maxMinutes)})`,
    })
    .returning('expires_at')
    .executeTakeFirstOrThrow();
  return { token, expiresAt: row.expires_at };
}

// Writing on every request would serialise reads on PGlite's one connection; a minute of slack is harmless.
export const TOUCH_AFTER_SECONDS = 60;

/** The live session for a cookie token, sliding its expiry; undefined when unknown, idle too long or too old. */
export async function findSession(
  executor: Executor,
  token: string,
  policy: SessionPolicy,
): Promise<SessionRecord | undefined> {
  const tokenHash = hashSessionToken(token);
  const row = await executor
    .selectFrom('user_session')
    .select(['token_hash', 'user_id', 'auth_method', 'active_unit_id', 'mfa_pending', 'created_at', 'expires_at'])
    .select(sql<boolean>`last_seen_at < now() - make_interval(secs => ${TOUCH_AFTER_SECONDS})`.as('stale'))
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('created_at', '>', sql<Date>`now() - make_interval(mins => ${policy.maxMinutes})`)
    .executeTakeFirst();
  if (!row) return undefined;
  return sessionRecord(executor, row, policy);
}

/** A session row as found, its expiry slid forward when it was last seen over a minute ago. */
export async function sessionRecord(
  executor: Executor,
  row: {
    token_hash: string;
    user_id: string;
    auth_method: string;
    active_unit_id: string | null;
    mfa_pending: boolean;
    created_at: Date;
    expires_at: Date;
    stale: boolean;
  },
  policy: SessionPolicy,
): Promise<SessionRecord> {
  let expiresAt = row.expires_at;
  if (row.stale) {
    const touched = await executor
      .updateTable('user_session')
      .set({
        last_seen_at: sql<Date>`now()`,
        expires_at: sql<Date>`least(now() + make_interval(mins => ${policy.idleMinutes}), created_at + make_interval(mins => ${policy.maxMinutes}))`,
      })
      .where('token_hash', '=', row.token_hash)
      .returning('expires_at')
      .executeTakeFirst();
    expiresAt = touched?.expires_at ?? expiresAt;
  }
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    authMethod: row.auth_method,
    activeUnitId: row.active_unit_id,
    mfaPending: row.mfa_pending,
    createdAt: row.created_at,
    expiresAt,
  };
}

export async function deleteSession(executor: Executor, tokenHash: string): Promise<void> {
  await executor.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
}

/** Signs a user out everywhere: on deactivation or a password change. */
export async function deleteUserSessions(executor: Executor, userId: string): Promise<void> {
  await executor.deleteFrom('user_session').where('user_id', '=', userId).execute();
}

export async function setActiveUnit(executor: Executor, tokenHash: string, unitId: string | null): Promise<void> {
  await executor
    .updateTable('user_session')
    .set({ active_unit_id: unitId })
    .where('token_hash', '=', tokenHash)
    .execute();
}

/** Removes expired sessions; run by a periodic job. */
export async function purgeExpiredSessions(executor: Executor, policy: SessionPolicy): Promise<number> {
  const result = await executor
    .deleteFrom('user_session')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', sql<Date>`now()`),
        eb('created_at', '<=', sql<Date>`now() - make_interval(mins => ${policy.maxMinutes})`),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * The live session for a cookie token together with its active user and the user's grants, in one query: this
 * runs before every signed-in request, and three round trips to the database were most of a small request's cost.
 * With them the unit tree, when the user holds a grant on a unit.
 * Undefined when the session is unknown, idle too long or too old, or its user is deactivated.
 */
export async function findSessionWithUser(executor: Executor, token: string, policy: SessionPolicy) {
  const tokenHash = hashSessionToken(token);
  const row = await executor
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.token_hash',
      's.user_id',
      's.auth_method',
      's.active_unit_id',
      's.mfa_pending',
      's.created_at',
      's.expires_at',
    ])
    .select(['u.id', 'u.kind', 'u.display_name', 'u.locale'])
    .select(sql<boolean>`s.last_seen_at < now() - make_interval(secs => ${TOUCH_AFTER_SECONDS})`.as('stale'))
    .select(
      sql<{ role: string; unit_id: string | null }[]>`coalesce((
        SELECT json_agg(json_build_object('role', g.role, 'unit_id', g.unit_id)) FROM role_grant g WHERE g.user_id = s.user_id
      ), '[]'::json)`.as('grants'),
    )
    // The unit tree, for whoever holds a grant on a unit (staff): it was a second query on every staff request.
    .select(
      sql<[string, string | null][] | null>`CASE WHEN EXISTS (
        SELECT 1 FROM role_grant g WHERE g.user_id = s.user_id AND g.unit_id IS NOT NULL
      ) THEN (SELECT json_agg(json_build_array(n.id, n.parent_id)) FROM unit n) END`.as('units'),
    )
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('s.created_at', '>', sql<Date>`now() - make_interval(mins => ${policy.maxMinutes})`)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    session: await sessionRecord(executor, row, policy),
    user: { id: row.id, kind: row.kind, display_name: row.display_name, locale: row.locale },
    grants: row.grants,
    units: row.units?.map(([id, parentId]) => ({ id, parentId })),
  };
}

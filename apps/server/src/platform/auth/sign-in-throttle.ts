import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { inTransaction, type Executor } from '../db/transaction.js';

/**
 * The sign-in limit, counted in the database so that every app node shares one count: N nodes allow what one node
 * allows. Each attempt is counted before the password is checked (a row lock orders concurrent attempts on any
 * node), and a successful sign-in gives its attempt back.
 */
export interface ThrottlePolicy {
  /** Attempts per account name in the window. */
  accountMax: number;
  /** Attempts per client address in the window: higher, as an office may share one address. */
  addressMax: number;
  windowMinutes: number;
}

export type ThrottleScope = 'address' | 'account';

export type ThrottleVerdict =
  | { allowed: true }
  | {
      allowed: false;
      /** Which count refused the attempt. */
      scope: ThrottleScope;
      retryAfterSeconds: number;
      /** True when this attempt started the lock-out (audit it once), false when it was already locked. */
      lockedNow: boolean;
    };

export interface SignInParties {
  address: string;
  /** The user name as typed; it is stored only as a hash (people type passwords into the name field). */
  username: string;
  /** Another kind of attempt counted the same way but apart from sign-ins (e.g. `case-lookup`). */
  namespace?: string;
}

/** A lock-out lasts the window, twice that the next time within a day, and so on, at most a day. */
const MAX_LOCK_SECONDS = 24 * 60 * 60;
const MAX_DOUBLINGS = 10;

function keys(parties: SignInParties): { scope: ThrottleScope; key: string }[] {
  const name = parties.username.trim().toLowerCase();
  const prefix = parties.namespace ? `${parties.namespace}:` : '';
  return [
    { scope: 'address', key: `${prefix}address:${parties.address}` },
    { scope: 'account', key: `${prefix}account:${crypto.createHash('sha256').update(name).digest('hex')}` },
  ];
}

interface CountRow {
  attempts: number;
  locked_seconds: number | null;
}

async function countAttempt(trx: Transaction<DB>, key: string, windowMinutes: number): Promise<CountRow> {
  // While locked, the count stands still (the lock-out does not grow by knocking); after the window, it restarts.
  const result = await sql<CountRow>`
    INSERT INTO sign_in_throttle AS t (key, attempts, window_started_at) VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      attempts = CASE
        WHEN t.locked_until > now() THEN t.attempts
        WHEN t.window_started_at <= now() - make_interval(mins => ${windowMinutes}) THEN 1
        ELSE t.attempts + 1 END,
      window_started_at = CASE
        WHEN t.locked_until > now() THEN t.window_started_at
        WHEN t.window_started_at <= now() - make_interval(mins => ${windowMinutes}) THEN now()
        ELSE t.window_started_at END
    RETURNING attempts,
      CASE WHEN locked_until > now() THEN ceil(extract(epoch FROM locked_until - now()))::int END AS locked_seconds`.execute(
    trx,
  );
  return result.rows[0]!;
}

async function lockOut(trx: Transaction<DB>, key: string, windowMinutes: number): Promise<number> {
  // A lock-out within a day of the last one doubles; after a quiet day the back-off starts again.
  const next = sql`CASE WHEN locked_until IS NULL OR locked_until < now() - interval '24 hours' THEN 1 ELSE lockouts + 1 END`;
  const result = await sql<{ seconds: number }>`
    UPDATE sign_in_throttle SET
      locked_until = now() + make_interval(secs => least(${MAX_LOCK_SECONDS}, ${windowMinutes * 60} * power(2, least(${next} - 1, ${MAX_DOUBLINGS})))),
      lockouts = ${next},
      attempts = 0,
      window_started_at = now()
    WHERE key = ${key}
    RETURNING ceil(extract(epoch FROM locked_until - now()))::int AS seconds`.execute(trx);
  return result.rows[0]!.seconds;
}

/**
 * Counts one sign-in attempt against the client address and the account name, and says whether it may go on.
 * `onLockOut` runs in the same transaction when this attempt locks a key out, so the lock and its audit entry
 * commit together.
 */
export async function reserveSignInAttempt(
  executor: Executor,
  parties: SignInParties,
  policy: ThrottlePolicy,
  onLockOut: (trx: Transaction<DB>, scope: ThrottleScope, seconds: number) => Promise<void>,
): Promise<ThrottleVerdict> {
  return inTransaction(executor, async (trx) => {
    // Always address first, then account: one order for every node, so two attempts never wait on each other.
    for (const { scope, key } of keys(parties)) {
      const row = await countAttempt(trx, key, policy.windowMinutes);
      if (row.locked_seconds !== null && row.locked_seconds > 0)
        return { allowed: false, scope, retryAfterSeconds: row.locked_seconds, lockedNow: false };
      const max = scope === 'address' ? policy.addressMax : policy.accountMax;
      if (row.attempts > max) {
        const seconds = await lockOut(trx, key, policy.windowMinutes);
        await onLockOut(trx, scope, seconds);
        return { allowed: false, scope, retryAfterSeconds: seconds, lockedNow: true };
      }
    }
    return { allowed: true };
  });
}

/**
 * How long the address or the account is still locked out (the longer of the two), without counting an attempt:
 * a read, for look-ups that are not guesses (e.g. an applicant opening their own case) but wait out a lock-out too.
 * Null when neither is locked.
 */
export async function lockedSeconds(executor: Executor, parties: SignInParties): Promise<number | null> {
  const keyList = keys(parties).map((k) => k.key);
  const result = await sql<{ seconds: number | null }>`
    SELECT max(ceil(extract(epoch FROM locked_until - now())))::int AS seconds
    FROM sign_in_throttle WHERE key IN (${sql.join(keyList)}) AND locked_until > now()`.execute(executor);
  return result.rows[0]?.seconds ?? null;
}

/** After a successful sign-in: the account's count starts again and the address gets its attempt back. */
export async function giveBackSignInAttempt(executor: Executor, parties: SignInParties): Promise<void> {
  const [address, account] = keys(parties);
  await inTransaction(executor, async (trx) => {
    await sql`UPDATE sign_in_throttle SET attempts = greatest(attempts - 1, 0) WHERE key = ${address!.key}`.execute(
      trx,
    );
    await sql`DELETE FROM sign_in_throttle WHERE key = ${account!.key} AND (locked_until IS NULL OR locked_until <= now())`.execute(
      trx,
    );
  });
}

/** Rows whose window and lock-out have long passed say nothing any more; a day keeps the back-off's memory. */
export async function purgeStaleSignInThrottles(executor: Executor, windowMinutes: number): Promise<number> {
  const result = await sql`
    DELETE FROM sign_in_throttle
    WHERE window_started_at < now() - make_interval(mins => ${windowMinutes}) - interval '24 hours'
      AND (locked_until IS NULL OR locked_until < now() - interval '24 hours')`.execute(executor);
  return Number(result.numAffectedRows ?? 0);
}

/** The portal's look-ups of cases by reference, counted per person apart from sign-ins. */
export const CASE_LOOKUP_ATTEMPTS = 'case-lookup';

/**
 * An administrator lifts the lock-out of accounts: their counts and back-off are forgotten, so the next attempt
 * starts afresh. Takes the names as counted (at sign-in: as typed; hashed here as the counting does), each with the
 * kind of attempt it was counted under. Returns how many were locked.
 */
export async function liftAccountLocks(
  executor: Executor,
  accounts: Omit<SignInParties, 'address'>[],
): Promise<number> {
  const keyList = accounts.map((a) => keys({ ...a, address: '' })[1]!.key);
  const result = await sql<{ locked: boolean }>`
    DELETE FROM sign_in_throttle WHERE key IN (${sql.join(keyList)})
    RETURNING coalesce(locked_until > now(), false) AS locked`.execute(executor);
  return result.rows.filter((r) => r.locked).length;
}

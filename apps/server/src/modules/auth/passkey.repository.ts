import './passkey.tables.js';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';

export type ChallengePurpose = 'register' | 'authenticate';

export interface PasskeyRecord {
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  name: string;
  createdAt: Date;
}

const transportsOf = (text: string) => (text ? text.split(',') : []);

export const passkeyRepository = {
  async listForUser(db: Executor, userId: string): Promise<PasskeyRecord[]> {
    const rows = await db
      .selectFrom('user_passkey')
      .select(['credential_id', 'public_key', 'counter', 'transports', 'name', 'created_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      credentialId: r.credential_id,
      publicKey: r.public_key,
      counter: Number(r.counter),
      transports: transportsOf(r.transports),
      name: r.name,
      createdAt: r.created_at,
    }));
  },

  async hasAny(db: Executor, userId: string): Promise<boolean> {
    const row = await db
      .selectFrom('user_passkey')
      .select('credential_id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  },

  /** False when the credential is registered already (to this or another user). */
  async insert(
    db: Executor,
    p: { userId: string; credentialId: string; publicKey: string; counter: number; transports: string[]; name: string },
  ): Promise<boolean> {
    const result = await db
      .insertInto('user_passkey')
      .values({
        credential_id: p.credentialId,
        user_id: p.userId,
        public_key: p.publicKey,
        counter: p.counter,
        transports: p.transports.join(','),
        name: p.name,
        last_used_at: null,
      })
      .onConflict((oc) => oc.column('credential_id').doNothing())
      .returning('credential_id')
      .executeTakeFirst();
    return result !== undefined;
  },

  /**
   * Moves the signature counter on, only from the value the check was made against: two sign-ins with one assertion
   * (or a cloned authenticator racing the real one) cannot both pass.
   */
  async takeCounter(db: Executor, credentialId: string, from: number, to: number): Promise<boolean> {
    const result = await db
      .updateTable('user_passkey')
      .set({ counter: to, last_used_at: sql<Date>`now()` })
      .where('credential_id', '=', credentialId)
      .where('counter', '=', sql<string>`${from}`)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** A new challenge for the session and purpose, replacing one still open. */
  async putChallenge(
    db: Executor,
    c: { sessionHash: string; purpose: ChallengePurpose; challenge: string; seconds: number },
  ): Promise<void> {
    await sql`
      INSERT INTO webauthn_challenge (session_hash, purpose, challenge, expires_at)
      VALUES (${c.sessionHash}, ${c.purpose}, ${c.challenge}, now() + make_interval(secs => ${c.seconds}))
      ON CONFLICT (session_hash, purpose)
      DO UPDATE SET challenge = excluded.challenge, expires_at = excluded.expires_at`.execute(db);
  },

  /** The session's open challenge for the purpose, deleted as it is read (single use); undefined when expired. */
  async takeChallenge(db: Executor, sessionHash: string, purpose: ChallengePurpose): Promise<string | undefined> {
    const row = await db
      .deleteFrom('webauthn_challenge')
      .where('session_hash', '=', sessionHash)
      .where('purpose', '=', purpose)
      .returning(['challenge', 'expires_at'])
      .executeTakeFirst();
    return row && row.expires_at.getTime() > Date.now() ? row.challenge : undefined;
  },
};

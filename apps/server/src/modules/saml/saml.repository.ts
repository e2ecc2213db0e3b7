import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import type { SamlSessionTable } from './saml.tables.js';
import './saml.tables.js';

/** The pseudo-issuer under which a business's own account is linked to its CVR number in `user_identity`. */
export const CVR_ISSUER = 'urn:dk:gov:saml:cvrNumberIdentifier';

export interface NewPerson {
  issuer: string;
  subject: string;
  displayName: string;
  email: string | null;
  cpr?: { hash: string; masked: string };
}

export const samlRepository = {
  async saveRequest(db: Executor, id: string, providerId: string): Promise<void> {
    await db.insertInto('saml_request').values({ id, provider_id: providerId }).execute();
  },

  /** When a request id we sent and still await was sent (younger than `maxMinutes`), or undefined. */
  async requestPending(db: Executor, id: string, maxMinutes: number): Promise<Date | undefined> {
    const row = await db
      .selectFrom('saml_request')
      .select('created_at')
      .where('id', '=', id)
      .where('created_at', '>', sql<Date>`now() - make_interval(mins => ${maxMinutes})`)
      .executeTakeFirst();
    return row?.created_at;
  },

  async removeRequest(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('saml_request').where('id', '=', id).execute();
  },

  /** Records an assertion as used; false when it was used before (a replay). */
  async useAssertion(db: Executor, issuer: string, assertionId: string, expiresAt: Date): Promise<boolean> {
    const rows = await db
      .insertInto('saml_assertion_use')
      .values({ issuer, assertion_id: assertionId, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['issuer', 'assertion_id']).doNothing())
      .returning('assertion_id')
      .execute();
    return rows.length === 1;
  },

  /** Forgets requests never answered and assertions past their expiry (a replay of those fails on time anyway). */
  async purge(db: Executor, requestMinutes: number): Promise<void> {
    await db
      .deleteFrom('saml_request')
      .where('created_at', '<', sql<Date>`now() - make_interval(mins => ${requestMinutes})`)
      .execute();
    await db
      .deleteFrom('saml_assertion_use')
      .where('expires_at', '<', sql<Date>`now()`)
      .execute();
  },

  async findIdentity(db: Executor, issuer: string, subject: string) {
    return db
      .selectFrom('user_identity')
      .innerJoin('app_user', 'app_user.id', 'user_identity.user_id')
      .select(['user_identity.user_id as userId', 'app_user.active', 'app_user.kind'])
      .where('user_identity.issuer', '=', issuer)
      .where('user_identity.subject', '=', subject)
      .executeTakeFirst();
  },

  async findStaffByUsername(db: Executor, username: string) {
    return db
      .selectFrom('app_user')
      .select(['id as userId', 'active'])
      .where('kind', '=', 'staff')
      .where(sql<string>`lower(username)`, '=', username.toLowerCase())
      .executeTakeFirst();
  },

  async findByCprHash(db: Executor, cprHash: string): Promise<string | undefined> {
    const row = await db.selectFrom('person_cpr').select('user_id').where('cpr_hash', '=', cprHash).executeTakeFirst();
    return row?.user_id;
  },

  async linkIdentity(db: Executor, issuer: string, subject: string, userId: string): Promise<void> {
    await db.insertInto('user_identity').values({ issuer, subject, user_id: userId }).execute();
  },

  /** A citizen created on first sign-in: the user, the applicant role, the identity link and the protected CPR. */
  async insertPerson(db: Executor, p: NewPerson): Promise<string> {
    const user = await db
      .insertInto('app_user')
      .values({ kind: 'applicant', display_name: p.displayName, email: p.email })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('role_grant').values({ user_id: user.id, role: 'applicant', unit_id: null }).execute();
    await db.insertInto('user_identity').values({ issuer: p.issuer, subject: p.subject, user_id: user.id }).execute();
    if (p.cpr)
      await db
        .insertInto('person_cpr')
        .values({ user_id: user.id, cpr_hash: p.cpr.hash, cpr_masked: p.cpr.masked })
        .execute();
    return user.id;
  },

  /** The business's own applicant account, linked to its CVR number; created the first time someone acts for it. */
  async insertBusiness(db: Executor, cvr: string, name: string | null): Promise<string> {
    const user = await db
      .insertInto('app_user')
      .values({
        kind: 'applicant',
        display_name: name ?? `CVR ${cvr}`,
        organisation_name: name,
        organisation_cvr: cvr,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('role_grant').values({ user_id: user.id, role: 'applicant', unit_id: null }).execute();
    await db.insertInto('user_identity').values({ issuer: CVR_ISSUER, subject: cvr, user_id: user.id }).execute();
    return user.id;
  },

  async displayNameOf(db: Executor, userId: string): Promise<string> {
    const row = await db
      .selectFrom('app_user')
      .select('display_name')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    return row.display_name;
  },

  /** Keeps a known person's protected CPR number when they had none yet (a person made before, or elsewhere). */
  async addCprIfMissing(db: Executor, userId: string, cpr: { hash: string; masked: string }): Promise<void> {
    await db
      .insertInto('person_cpr')
      .values({ user_id: userId, cpr_hash: cpr.hash, cpr_masked: cpr.masked })
      .onConflict((oc) => oc.doNothing())
      .execute();
  },

  async maskedCprOf(db: Executor, userId: string): Promise<string | undefined> {
    const row = await db.selectFrom('person_cpr').select('cpr_masked').where('user_id', '=', userId).executeTakeFirst();
    return row?.cpr_masked;
  },

  async insertSession(db: Executor, row: SamlSessionTable): Promise<void> {
    await db.insertInto('saml_session').values(row).execute();
  },

  async sessionOf(db: Executor, tokenHash: string): Promise<SamlSessionTable | undefined> {
    return db.selectFrom('saml_session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  },

  /** Ends every session of a provider's subject (a logout request from the provider), returning how many. */
  async deleteSessionsOf(db: Executor, providerId: string, nameId: string, sessionIndex?: string): Promise<number> {
    let q = db.selectFrom('saml_session').select('token_hash').where('provider_id', '=', providerId);
    q = q.where('name_id', '=', nameId);
    if (sessionIndex) q = q.where('session_index', '=', sessionIndex);
    const hashes = (await q.execute()).map((r) => r.token_hash);
    if (hashes.length === 0) return 0;
    await db.deleteFrom('user_session').where('token_hash', 'in', hashes).execute();
    return hashes.length;
  },
};

import zlib from 'node:zlib';
import type { Profile } from '@node-saml/node-saml';
import type { AppContext } from '../../platform/context.js';
import type { AssuranceLevel, SamlProviderConfig } from '../../platform/config.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { REQUEST_MINUTES, samlClients } from './saml-client.js';
import {
  keyIndexFor,
  markAssertionUsed,
  requireEncryptedAssertion,
  SamlRefused,
  validateResponse,
} from './saml-response.js';
import { hashCpr, maskCpr, meetsAssurance, readOiosaml, type OiosamlIdentity } from './oiosaml-attributes.js';
import { CVR_ISSUER, samlRepository as repo } from './saml.repository.js';

/**
 * The AuthnRequest, signed, as a redirect to the provider (HTTP-Redirect binding); its id is kept to be answered,
 * and returned for the browser to carry, so only the browser that started a sign-in can finish it.
 */
export async function beginSamlSignIn(
  ctx: AppContext,
  provider: SamlProviderConfig,
  returnTo: string,
): Promise<{ url: string; requestId: string }> {
  const { clients } = await samlClients(ctx, provider);
  // Requests never answered and assertions past their expiry are forgotten here: no job needed for either.
  await repo.purge(ctx.database.db, REQUEST_MINUTES);
  const url = await clients[0]!.getAuthorizeUrlAsync(returnTo, undefined, {});
  const request = zlib
    .inflateRawSync(Buffer.from(new URL(url).searchParams.get('SAMLRequest') ?? '', 'base64'))
    .toString('utf8');
  const requestId = /\sID="([^"]+)"/.exec(request)?.[1];
  if (!requestId) throw new Error('node-saml made an AuthnRequest without an ID');
  return { url, requestId };
}

/** Who a validated assertion signs in: the session's user and, when that is a business, the person acting for it. */
export interface SamlSignIn {
  userId: string;
  actingUserId: string | null;
  cvr: string | null;
  assurance: AssuranceLevel;
  nameId: string;
  nameIdFormat: string | null;
  sessionIndex: string | null;
}

/**
 * Checks a SAML response from the HTTP-POST binding — encrypted, signed by the provider, for us, in time, answering
 * a request of ours, never seen before, at the level required — and finds (or, for citizens and businesses,
 * creates) who it signs in. Throws SamlRefused with the reason otherwise.
 */
export async function completeSamlSignIn(
  ctx: AppContext,
  provider: SamlProviderConfig,
  samlResponse: string,
  /** The request this browser started (from its cookie): a response to another is someone else's sign-in. */
  browserRequestId: string | undefined,
): Promise<SamlSignIn> {
  const { xml, inResponseTo } = requireEncryptedAssertion(samlResponse);
  if (!browserRequestId || inResponseTo !== browserRequestId)
    throw new SamlRefused('unknown_request', 'not the sign-in this browser started');
  const { idp, clients, privateKeys } = await samlClients(ctx, provider);
  const profile = await validateResponse(clients[keyIndexFor(xml, privateKeys)]!, samlResponse);
  await markAssertionUsed(ctx.database.db, idp.entityId, profile);
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  const identity = readOiosaml(attributes);
  const minimum = provider.minimumAssurance ?? (provider.audience === 'staff' ? undefined : 'substantial');
  if (minimum && !meetsAssurance(identity.assurance, minimum))
    throw new SamlRefused('assurance', `level ${identity.assurance ?? 'none'} below ${minimum}`);
  const session = {
    assurance: identity.assurance ?? 'low',
    nameId: profile.nameID,
    nameIdFormat: profile.nameIDFormat ?? null,
    sessionIndex: profile.sessionIndex ?? null,
  };
  if (provider.audience === 'staff') {
    const userId = await staffUser(ctx, provider, idp.entityId, profile, attributes);
    return { ...session, userId, actingUserId: null, cvr: null };
  }
  if (identity.business && !identity.mayActForBusiness)
    throw new SamlRefused('no_privilege', 'no privilege to act for the business');
  const personId = await applicantPerson(ctx, idp.entityId, profile.nameID, identity);
  if (!identity.business) return { ...session, userId: personId, actingUserId: null, cvr: null };
  const businessId = await businessAccount(ctx, identity.business);
  return { ...session, userId: businessId, actingUserId: personId, cvr: identity.business.cvr };
}

/** Staff are never created here: the identity must be linked, or the configured attribute name an active user. */
async function staffUser(
  ctx: AppContext,
  provider: SamlProviderConfig,
  issuer: string,
  profile: Profile,
  attributes: Record<string, unknown>,
): Promise<string> {
  const db = ctx.database.db;
  const linked = await repo.findIdentity(db, issuer, profile.nameID);
  if (linked) {
    if (linked.active && linked.kind === 'staff') return linked.userId;
    throw new SamlRefused('not_linked_or_inactive', 'linked user inactive or not staff');
  }
  const raw = provider.staffUserAttribute ? attributes[provider.staffUserAttribute] : profile.nameID;
  const username = typeof raw === 'string' ? raw : Array.isArray(raw) && typeof raw[0] === 'string' ? raw[0] : '';
  const user = username ? await repo.findStaffByUsername(db, username) : undefined;
  if (!user?.active) throw new SamlRefused('not_linked_or_inactive', 'no active staff user for the attribute');
  return user.userId;
}

/**
 * The person: found by the provider's persistent NameID, else by the keyed hash of their CPR number (the same
 * person through another provider), else created. The CPR number is kept only hashed and masked.
 */
async function applicantPerson(
  ctx: AppContext,
  issuer: string,
  subject: string,
  identity: OiosamlIdentity,
): Promise<string> {
  const db = ctx.database.db;
  const cpr = identity.cpr
    ? { hash: hashCpr(identity.cpr, ctx.config.cprHashKey), masked: maskCpr(identity.cpr) }
    : undefined;
  const known = await repo.findIdentity(db, issuer, subject);
  if (known) {
    if (!known.active || known.kind !== 'applicant')
      throw new SamlRefused('not_linked_or_inactive', 'linked user inactive');
    if (cpr) await repo.addCprIfMissing(db, known.userId, cpr);
    return known.userId;
  }
  return inTransaction(db, async (trx) => {
    const byCpr = cpr ? await repo.findByCprHash(trx, cpr.hash) : undefined;
    if (byCpr) {
      await repo.linkIdentity(trx, issuer, subject, byCpr);
      return byCpr;
    }
    return repo.insertPerson(trx, { issuer, subject, displayName: identity.name, email: identity.email, cpr });
  });
}

async function businessAccount(ctx: AppContext, business: { cvr: string; name: string | null }): Promise<string> {
  const db = ctx.database.db;
  const known = await repo.findIdentity(db, CVR_ISSUER, business.cvr);
  if (known) {
    if (known.active) return known.userId;
    throw new SamlRefused('not_linked_or_inactive', 'business account inactive');
  }
  try {
    return await inTransaction(db, (trx) => repo.insertBusiness(trx, business.cvr, business.name));
  } catch (err) {
    // Two people of the business signing in for the first time at once: the other one created the account.
    const raced = await repo.findIdentity(db, CVR_ISSUER, business.cvr);
    if (raced?.active) return raced.userId;
    throw err;
  }
}

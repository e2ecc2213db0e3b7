import * as oidc from 'openid-client';
import type { AppContext } from '../../platform/context.js';
import type { OidcProviderConfig } from '../../platform/config.js';
import { AppError } from '../../platform/errors.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { authRepository as repo } from './auth.repository.js';
import { applicantProfileFromClaims, meetsFactorClaims } from './oidc-claims.js';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * openid-client refuses plain-HTTP issuers, rightly: tokens and keys would travel in clear. A provider on this
 * machine (the test provider, a developer's local IdP) never leaves the host, so HTTP is allowed for localhost
 * issuers only; every real IdP and eID broker must be HTTPS.
 */
function discoveryOptions(issuer: URL): oidc.DiscoveryRequestOptions | undefined {
  return issuer.protocol === 'http:' && LOCAL_HOSTS.has(issuer.hostname)
    ? { execute: [oidc.allowInsecureRequests] }
    : undefined;
}

const configurations = new Map<string, Promise<oidc.Configuration>>();

/** The discovered provider configuration, cached per issuer and client; a failed discovery is retried next time. */
async function discover(provider: OidcProviderConfig): Promise<oidc.Configuration> {
  const key = `${provider.issuer}\u0000${provider.clientId}`;
  let pending = configurations.get(key);
  if (!pending) {
    const issuer = new URL(provider.issuer);
    pending = oidc.discovery(issuer, provider.clientId, provider.clientSecret, undefined, discoveryOptions(issuer));
    configurations.set(key, pending);
    pending.catch(() => configurations.delete(key));
  }
  return pending;
}

export function findProvider(ctx: AppContext, id: string): OidcProviderConfig {
  const provider = ctx.config.oidc.find((p) => p.id === id);
  if (!provider) throw new AppError('not_found', `No sign-in provider named "${id}".`);
  return provider;
}

export function redirectUri(ctx: AppContext, provider: OidcProviderConfig): string {
  return new URL(`/auth/oidc/${encodeURIComponent(provider.id)}/callback`, ctx.config.publicUrl).toString();
}

/** What the browser carries (in a signed, short-lived cookie) from start to callback. */
export interface OidcFlowState {
  providerId: string;
  codeVerifier: string;
  state: string;
  nonce: string;
  returnTo?: string;
}

export async function beginSignIn(
  ctx: AppContext,
  provider: OidcProviderConfig,
  returnTo?: string,
): Promise<{ url: string; flow: OidcFlowState }> {
  const config = await discover(provider);
  const flow: OidcFlowState = {
    providerId: provider.id,
    codeVerifier: oidc.randomPKCECodeVerifier(),
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    returnTo,
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(ctx, provider),
    scope: 'openid profile email',
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url: url.toString(), flow };
}

/** `refused`: a staff identity not linked to a user, or a linked user who has been deactivated. */
export type OidcOutcome =
  | { kind: 'signed-in'; userId: string }
  | { kind: 'refused'; issuer: string }
  | { kind: 'no-second-factor'; issuer: string };

/** Exchanges the code (checking state, nonce and PKCE) and finds — or, for applicants, creates — the user. */
export async function completeSignIn(
  ctx: AppContext,
  provider: OidcProviderConfig,
  flow: OidcFlowState,
  callbackUrl: URL,
): Promise<OidcOutcome> {
  const config = await discover(provider);
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: flow.codeVerifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new AppError('unauthenticated', 'The identity provider sent no ID token.');
  const issuer = claims.iss;
  // Staff signing in through the authority's IdP: its multi-factor claim stands in for our second factor.
  if (provider.audience === 'staff' && !meetsFactorClaims(provider, claims as Record<string, unknown>))
    return { kind: 'no-second-factor', issuer };
  const existing = await repo.findIdentity(ctx.database.db, issuer, claims.sub);
  if (existing) return existing.active ? { kind: 'signed-in', userId: existing.userId } : { kind: 'refused', issuer };
  if (provider.audience === 'staff') return { kind: 'refused', issuer };
  const profile = applicantProfileFromClaims(claims as Record<string, unknown>);
  try {
    const userId = await inTransaction(ctx.database.db, (trx) =>
      repo.insertApplicantWithIdentity(trx, { ...profile, issuer, subject: claims.sub }),
    );
    return { kind: 'signed-in', userId };
  } catch (err) {
    // Two first sign-ins at once (a double click): the other one created the applicant.
    const raced = await repo.findIdentity(ctx.database.db, issuer, claims.sub);
    if (raced?.active) return { kind: 'signed-in', userId: raced.userId };
    throw err;
  }
}

import fs from 'node:fs';
import { SAML, ValidateInResponseTo, type CacheProvider } from '@node-saml/node-saml';
import type { AppContext } from '../../platform/context.js';
import type { SamlProviderConfig } from '../../platform/config.js';
import { AppError } from '../../platform/errors.js';
import { idpMetadataOf, PERSISTENT_NAME_ID, type IdpMetadata } from './saml-metadata.js';
import { samlRepository as repo } from './saml.repository.js';

/** How long an AuthnRequest or LogoutRequest we sent may be answered. */
export const REQUEST_MINUTES = 10;
const DEFAULT_SKEW_SECONDS = 180;

export function findSamlProvider(ctx: AppContext, id: string): SamlProviderConfig {
  const provider = ctx.config.saml.find((p) => p.id === id);
  if (!provider) throw new AppError('not_found', `No SAML sign-in provider named "${id}".`);
  return provider;
}

export function spUrls(ctx: AppContext, provider: SamlProviderConfig) {
  const base = (tail: string) =>
    new URL(`/auth/saml/${encodeURIComponent(provider.id)}/${tail}`, ctx.config.publicUrl).toString();
  return { acs: base('acs'), slo: base('slo'), metadata: base('metadata') };
}

export interface SpKeyPair {
  privateKey: string;
  certificate: string;
}

/** Our key pairs, current first; read once per file (a new pair is announced by a restart with new config). */
const keyFiles = new Map<string, string>();
export function spKeysOf(provider: SamlProviderConfig): SpKeyPair[] {
  const read = (file: string) => {
    let text = keyFiles.get(file);
    if (text === undefined) keyFiles.set(file, (text = fs.readFileSync(file, 'utf8')));
    return text;
  };
  return provider.spKeys.map((k) => ({ privateKey: read(k.privateKeyFile), certificate: read(k.certificateFile) }));
}

/**
 * The requests we sent, in the database so any node can take the answer: an answer names one (InResponseTo),
 * and a request answered once is removed, so the same response cannot be used twice.
 */
function requestCache(ctx: AppContext, provider: SamlProviderConfig): CacheProvider {
  const db = ctx.database.db;
  return {
    async saveAsync(key, value) {
      await repo.saveRequest(db, key, provider.id);
      return { value, createdAt: Date.now() };
    },
    async getAsync(key) {
      // node-saml reads the value as the instant the request was sent.
      return (await repo.requestPending(db, key, REQUEST_MINUTES))?.toISOString() ?? null;
    },
    async removeAsync(key) {
      if (key) await repo.removeRequest(db, key);
      return key;
    },
  };
}

const NSIS_CONTEXT = (level: string) =>
  `https://data.gov.dk/concept/core/nsis/loa/${level[0]!.toUpperCase()}${level.slice(1)}`;

/**
 * One SAML client per key pair of ours, current first: all sign with the current key; each decrypts with its own,
 * so an assertion encrypted for the previous certificate during a rollover is still read.
 */
export async function samlClients(
  ctx: AppContext,
  provider: SamlProviderConfig,
): Promise<{ idp: IdpMetadata; clients: SAML[]; privateKeys: string[] }> {
  const idp = await idpMetadataOf(provider);
  const keys = spKeysOf(provider);
  const urls = spUrls(ctx, provider);
  const cacheProvider = requestCache(ctx, provider);
  const minimum = provider.minimumAssurance ?? 'substantial';
  const clients = keys.map(
    (pair) =>
      new SAML({
        issuer: provider.entityId,
        audience: provider.entityId,
        callbackUrl: urls.acs,
        logoutCallbackUrl: urls.slo,
        entryPoint: idp.ssoUrl,
        logoutUrl: idp.sloUrl ?? idp.ssoUrl,
        idpIssuer: idp.entityId,
        idpCert: idp.signingCerts,
        privateKey: keys[0]!.privateKey,
        publicCert: keys[0]!.certificate,
        decryptionPvk: pair.privateKey,
        signatureAlgorithm: 'sha256',
        digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
        wantAssertionsSigned: true,
        wantAuthnResponseSigned: false,
        acceptedClockSkewMs: (provider.clockSkewSeconds ?? DEFAULT_SKEW_SECONDS) * 1000,
        validateInResponseTo: ValidateInResponseTo.always,
        requestIdExpirationPeriodMs: REQUEST_MINUTES * 60 * 1000,
        cacheProvider,
        identifierFormat: PERSISTENT_NAME_ID,
        // NemLog-in is asked for the NSIS level the provider requires; a staff IdP gets no NSIS context.
        disableRequestedAuthnContext: provider.audience === 'staff',
        authnContext: [NSIS_CONTEXT(minimum)],
        racComparison: 'minimum',
      }),
  );
  return { idp, clients, privateKeys: keys.map((k) => k.privateKey) };
}

import fs from 'node:fs/promises';
import { DOMParser } from '@xmldom/xmldom';
import type { SamlProviderConfig } from '../../platform/config.js';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
export const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const POST_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
export const PERSISTENT_NAME_ID = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';

/** What we take from an identity provider's metadata. */
export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  sloUrl: string | undefined;
  /** Its signing certificates (base64 DER): two during the provider's own rollover. */
  signingCerts: string[];
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_METADATA_BYTES = 1024 * 1024;

/** Reads an identity provider's metadata document; anything missing or ambiguous is an error naming what. */
export function parseIdpMetadata(xml: string): IdpMetadata {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Error('IdP metadata must not contain a DTD');
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: (level: string, msg: unknown) => level !== 'warning' && errors.push(String(msg)),
  }).parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (errors.length > 0) throw new Error(`IdP metadata is not well-formed XML: ${errors[0]}`);
  if (!root || root.localName !== 'EntityDescriptor' || root.namespaceURI !== MD)
    throw new Error('IdP metadata is not an md:EntityDescriptor');
  const entityId = root.getAttribute('entityID');
  const idp = root.getElementsByTagNameNS(MD, 'IDPSSODescriptor')[0];
  if (!entityId || !idp) throw new Error('IdP metadata has no entityID or IDPSSODescriptor');
  const endpoint = (name: string) => {
    const list = idp.getElementsByTagNameNS(MD, name);
    for (let i = 0; i < list.length; i++)
      if (list[i]!.getAttribute('Binding') === REDIRECT_BINDING) return list[i]!.getAttribute('Location') ?? undefined;
    return undefined;
  };
  const ssoUrl = endpoint('SingleSignOnService');
  if (!ssoUrl) throw new Error('IdP metadata has no SingleSignOnService with the HTTP-Redirect binding');
  const signingCerts: string[] = [];
  const keys = idp.getElementsByTagNameNS(MD, 'KeyDescriptor');
  for (let i = 0; i < keys.length; i++) {
    const use = keys[i]!.getAttribute('use');
    if (use && use !== 'signing') continue;
    const certs = keys[i]!.getElementsByTagNameNS(DS, 'X509Certificate');
    for (let j = 0; j < certs.length; j++) signingCerts.push((certs[j]!.textContent ?? '').replace(/\s+/g, ''));
  }
  if (signingCerts.length === 0) throw new Error('IdP metadata has no signing certificate');
  return { entityId, ssoUrl, sloUrl: endpoint('SingleLogoutService'), signingCerts };
}

/** The metadata document from an https URL (http only on this host) or a file. */
async function readMetadata(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    const url = new URL(source);
    if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname))
      throw new Error('IdP metadata must be fetched over https');
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`IdP metadata answered ${res.status}`);
    const text = await res.text();
    if (text.length > MAX_METADATA_BYTES) throw new Error('IdP metadata is too large');
    return text;
  }
  return fs.readFile(source, 'utf8');
}

const METADATA_TTL_MS = 60 * 60 * 1000;
const cache = new Map<string, { at: number; metadata: Promise<IdpMetadata> }>();

/** The provider's metadata, read again after an hour (certificate rollover); a failed read is retried next time. */
export function idpMetadataOf(provider: SamlProviderConfig): Promise<IdpMetadata> {
  const hit = cache.get(provider.idpMetadata);
  if (hit && Date.now() - hit.at < METADATA_TTL_MS) return hit.metadata;
  const metadata = readMetadata(provider.idpMetadata).then(parseIdpMetadata);
  cache.set(provider.idpMetadata, { at: Date.now(), metadata });
  metadata.catch(() => cache.delete(provider.idpMetadata));
  return metadata;
}

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const certBody = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');

/**
 * Our service provider metadata: every certificate for signing and for encryption (so the provider can start
 * using a new one before the old is retired), signed requests, signed assertions, the POST assertion consumer
 * and the Redirect single-logout endpoint, persistent NameIDs.
 */
export function spMetadata(input: {
  entityId: string;
  acsUrl: string;
  sloUrl: string;
  certificates: string[];
}): string {
  const keys = (use: 'signing' | 'encryption') =>
    input.certificates
      .map(
        (c) => `    <md:KeyDescriptor use="${use}">
      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(c)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>${
        use === 'encryption'
          ? '\n      <md:EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/>'
          : ''
      }
    </md:KeyDescriptor>`,
      )
      .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="${MD}" xmlns:ds="${DS}" entityID="${escape(input.entityId)}">
  <md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
${keys('signing')}
${keys('encryption')}
    <md:SingleLogoutService Binding="${REDIRECT_BINDING}" Location="${escape(input.sloUrl)}"/>
    <md:NameIDFormat>${PERSISTENT_NAME_ID}</md:NameIDFormat>
    <md:AssertionConsumerService index="0" isDefault="true" Binding="${POST_BINDING}" Location="${escape(input.acsUrl)}"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>
`;
}

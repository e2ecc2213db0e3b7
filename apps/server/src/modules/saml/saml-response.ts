import { DOMParser } from '@xmldom/xmldom';
import * as xmlenc from 'xml-encryption';
import type { Profile, SAML } from '@node-saml/node-saml';
import { samlRepository as repo } from './saml.repository.js';
import type { Executor } from '../../platform/db/transaction.js';

const ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
const PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
const MAX_RESPONSE_BYTES = 256 * 1024;

/** Why a SAML response was refused: shown (in words) on the refusal page and kept in the audit log. */
export type SamlRefusalReason =
  | 'malformed'
  | 'not_encrypted'
  | 'signature'
  | 'expired'
  | 'audience'
  | 'unknown_request'
  | 'replay'
  | 'assurance'
  | 'no_privilege'
  | 'not_linked_or_inactive'
  | 'idp_error';

export class SamlRefused extends Error {
  constructor(
    readonly reason: SamlRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The response must carry exactly one assertion, encrypted, and no assertion in clear anywhere (not in an
 * extension, not in a signature's Object): the profile requires encryption, and a clear assertion beside an
 * encrypted one is the raw material of signature wrapping.
 */
export function requireEncryptedAssertion(samlResponse: string): { xml: string; inResponseTo: string | null } {
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  if (xml.length === 0 || xml.length > MAX_RESPONSE_BYTES) throw new SamlRefused('malformed', 'empty or too large');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new SamlRefused('malformed', 'a DTD in the response');
  let failed = false;
  const doc = new DOMParser({
    errorHandler: (level: string) => {
      if (level !== 'warning') failed = true;
    },
  }).parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (failed || !root || root.localName !== 'Response' || root.namespaceURI !== PROTOCOL_NS)
    throw new SamlRefused('malformed', 'not a SAML Response');
  const status = root.getElementsByTagNameNS(PROTOCOL_NS, 'StatusCode')[0]?.getAttribute('Value') ?? '';
  if (!status.endsWith(':Success')) throw new SamlRefused('idp_error', `status ${status.split(':').pop()}`);
  if (doc.getElementsByTagNameNS(ASSERTION_NS, 'Assertion').length > 0)
    throw new SamlRefused('not_encrypted', 'an assertion in clear');
  const encrypted = doc.getElementsByTagNameNS(ASSERTION_NS, 'EncryptedAssertion');
  if (encrypted.length !== 1 || encrypted[0]!.parentNode !== root)
    throw new SamlRefused('not_encrypted', 'not exactly one encrypted assertion');
  return { xml, inResponseTo: root.getAttribute('InResponseTo') };
}

/** node-saml's error, as one of our reasons (its messages are stable: they are its API to its callers). */
function reasonOf(message: string): SamlRefusalReason {
  if (/InResponseTo/i.test(message)) return 'unknown_request';
  if (/signature/i.test(message)) return 'signature';
  if (/expired|not yet valid|No valid subject confirmation|NotOnOrAfter|NotBefore/i.test(message)) return 'expired';
  if (/audience/i.test(message)) return 'audience';
  if (/issuer/i.test(message)) return 'signature';
  return 'malformed';
}

/**
 * Which of our keys the assertion's content key was encrypted for (a rollover: the provider may still use the
 * previous certificate). Tried on the key alone: a failed full validation would already have spent the request id.
 */
export function keyIndexFor(xml: string, privateKeys: string[]): number {
  const start = xml.search(/<(\w+:)?EncryptedAssertion[\s>]/);
  const encrypted = start >= 0 ? xml.slice(start) : '';
  const index = privateKeys.findIndex((key) => {
    try {
      xmlenc.decryptKeyInfo(encrypted, { key, disallowDecryptionWithInsecureAlgorithm: true });
      return true;
    } catch {
      return false;
    }
  });
  if (index < 0) throw new SamlRefused('not_encrypted', 'not encrypted for any key of ours');
  return index;
}

/** Validates the response with node-saml; returns the profile of the one signed, decrypted, timely assertion. */
export async function validateResponse(client: SAML, samlResponse: string): Promise<Profile> {
  let profile: Profile | null;
  try {
    ({ profile } = await client.validatePostResponseAsync({ SAMLResponse: samlResponse }));
  } catch (err) {
    const message = (err as Error).message;
    throw new SamlRefused(reasonOf(message), message);
  }
  if (!profile) throw new SamlRefused('malformed', 'no profile');
  return profile;
}

/**
 * Records the assertion's id as used until it expires; a second use is a replay. The id and expiry are read from
 * the assertion node-saml verified, never from the response around it.
 */
export async function markAssertionUsed(db: Executor, issuer: string, profile: Profile): Promise<void> {
  const xml = profile.getAssertionXml?.() ?? '';
  const assertion = new DOMParser().parseFromString(xml, 'text/xml').documentElement;
  const id = assertion?.getAttribute('ID');
  if (!id) throw new SamlRefused('malformed', 'an assertion without an ID');
  const notOnOrAfter = assertion.getElementsByTagNameNS(ASSERTION_NS, 'Conditions')[0]?.getAttribute('NotOnOrAfter');
  const expires = notOnOrAfter ? new Date(notOnOrAfter) : new Date(NaN);
  // Kept a day past its expiry (clock skew and then some), or a day when it states none.
  const keepUntil = new Date((Number.isNaN(expires.getTime()) ? Date.now() : expires.getTime()) + 24 * 3600 * 1000);
  if (!(await repo.useAssertion(db, issuer, id, keepUntil))) throw new SamlRefused('replay', 'assertion used before');
}

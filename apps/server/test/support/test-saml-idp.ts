/**
 * A real SAML 2.0 identity provider for tests, in the OIOSAML 3 profile NemLog-in speaks: it reads signed
 * AuthnRequests and LogoutRequests over the HTTP-Redirect binding (and checks their signatures against the service
 * provider's certificates), lets the person pick an account, and answers with a signed and encrypted assertion over
 * the HTTP-POST binding (xml-crypto signs, xml-encryption encrypts). `buildResponse` makes the hostile variants.
 */
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { SignedXml } from 'xml-crypto';
import * as xmlenc from 'xml-encryption';
import { DOMParser } from '@xmldom/xmldom';

export interface KeyPair {
  keyFile: string;
  certFile: string;
  key: string;
  cert: string;
}

/** A fresh RSA key and self-signed certificate (openssl), in a temporary directory. */
export function makeKeyPair(name: string, dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saml-keys-'))): KeyPair {
  const keyFile = path.join(dir, `${name}.key`);
  const certFile = path.join(dir, `${name}.crt`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
    ],
    { stdio: 'ignore', timeout: 20_000 },
  );
  return { keyFile, certFile, key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8') };
}

const certBody = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const newId = () => `_${crypto.randomBytes(16).toString('hex')}`;
const iso = (ms: number) => new Date(ms).toISOString();

export interface TestSamlAccount {
  /** The persistent NameID. */
  subject: string;
  attributes: Record<string, string>;
}

export interface ResponseOptions {
  account: string;
  requestId: string;
  acsUrl: string;
  audience?: string;
  /** How the assertion is signed: by the provider's key, by a key not in its metadata, or not at all. */
  sign?: 'good' | 'wrong-key' | 'none';
  encrypt?: boolean;
  /** Shift of every time in the assertion, in ms (negative: issued in the past). */
  shiftMs?: number;
  assertionId?: string;
  /** Attributes overriding the account's. */
  attributes?: Record<string, string>;
  /** Encrypt for this certificate instead of the SP's first (a rollover: the provider still has the old one). */
  encryptFor?: string;
  /** XML signature wrapping: the signed assertion of `account` hidden inside an unsigned one for `wrapAs`. */
  wrapAs?: string;
}

export interface TestSamlIdp {
  url: string;
  entityId: string;
  metadataUrl: string;
  signing: KeyPair;
  /** The last AuthnRequest it received, as parsed. */
  lastRequest?: { id: string; acsUrl: string; issuer: string; relayState: string; loa: string | undefined };
  /** LogoutRequests it received (NameID, SessionIndex). */
  logouts: { nameId: string; sessionIndex: string | undefined }[];
  buildResponse(opts: ResponseOptions): Promise<string>;
  /** A signed LogoutRequest from the provider (it signs a person out everywhere), as a Redirect URL to the SP. */
  logoutRequestUrl(sloUrl: string, nameId: string): string;
  close(): Promise<void>;
}

function attributeStatement(attributes: Record<string, string>): string {
  return `<saml:AttributeStatement>${Object.entries(attributes)
    .map(
      ([name, value]) =>
        `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue>${esc(value)}</saml:AttributeValue></saml:Attribute>`,
    )
    .join('')}</saml:AttributeStatement>`;
}

function assertionXml(o: {
  id: string;
  issuer: string;
  subject: string;
  requestId: string;
  acsUrl: string;
  audience: string;
  now: number;
  attributes: Record<string, string>;
}): string {
  const loa = o.attributes['https://data.gov.dk/concept/core/nsis/loa'] ?? 'Substantial';
  return `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${o.id}" IssueInstant="${iso(o.now)}" Version="2.0"><saml:Issuer>${esc(o.issuer)}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${esc(o.subject)}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="${esc(o.requestId)}" NotOnOrAfter="${iso(o.now + 5 * 60_000)}" Recipient="${esc(o.acsUrl)}"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${iso(o.now - 60_000)}" NotOnOrAfter="${iso(o.now + 5 * 60_000)}"><saml:AudienceRestriction><saml:Audience>${esc(o.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${iso(o.now)}" SessionIndex="${newId()}"><saml:AuthnContext><saml:AuthnContextClassRef>https://data.gov.dk/concept/core/nsis/loa/${esc(loa)}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>${attributeStatement(o.attributes)}</saml:Assertion>`;
}

function signAssertion(xml: string, key: KeyPair): string {
  const sig = new SignedXml({
    privateKey: key.key,
    publicCert: key.cert,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: "/*[local-name()='Assertion']",
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  sig.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: "/*[local-name()='Assertion']/*[local-name()='Issuer']", action: 'after' },
  });
  return sig.getSignedXml();
}

function encryptFor(xml: string, spCert: string): Promise<string> {
  const publicKey = crypto.createPublicKey(spCert).export({ type: 'spki', format: 'pem' }).toString();
  return new Promise((resolve, reject) =>
    xmlenc.encrypt(
      xml,
      {
        rsa_pub: publicKey,
        pem: spCert,
        encryptionAlgorithm: 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
        keyEncryptionAlgorithm: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
        disallowEncryptionWithInsecureAlgorithm: true,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    ),
  );
}

/** The redirect binding's signed query: SAMLRequest|SAMLResponse, RelayState, SigAlg, then Signature over them. */
function signedRedirect(base: string, param: string, xml: string, relayState: string, key: string): string {
  const encoded = zlib.deflateRawSync(Buffer.from(xml)).toString('base64');
  let query = `${param}=${encodeURIComponent(encoded)}`;
  if (relayState) query += `&RelayState=${encodeURIComponent(relayState)}`;
  query += `&SigAlg=${encodeURIComponent('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256')}`;
  const signature = crypto.sign('sha256', Buffer.from(query), key).toString('base64');
  return `${base}${base.includes('?') ? '&' : '?'}${query}&Signature=${encodeURIComponent(signature)}`;
}

/** Checks a Redirect-binding signature over the raw query and returns the inflated message. */
function readSignedRedirect(rawQuery: string, param: string, certs: string[]): { xml: string; relayState: string } {
  const parts = new Map(
    rawQuery.split('&').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i), p.slice(i + 1)] as const;
    }),
  );
  const signed = [param, 'RelayState', 'SigAlg']
    .filter((k) => parts.has(k))
    .map((k) => `${k}=${parts.get(k)}`)
    .join('&');
  const signature = Buffer.from(decodeURIComponent(parts.get('Signature') ?? ''), 'base64');
  if (decodeURIComponent(parts.get('SigAlg') ?? '') !== 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256')
    throw new Error('unsigned or not rsa-sha256');
  if (!certs.some((c) => crypto.verify('sha256', Buffer.from(signed), c, signature)))
    throw new Error('the request signature does not verify');
  const xml = zlib.inflateRawSync(Buffer.from(decodeURIComponent(parts.get(param)!), 'base64')).toString('utf8');
  return { xml, relayState: decodeURIComponent(parts.get('RelayState') ?? '') };
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`;

export async function startTestSamlIdp(options: {
  accounts: Record<string, TestSamlAccount>;
  /** The service provider's certificates: its requests must verify against one; assertions are encrypted for the first. */
  spCerts: string[];
}): Promise<TestSamlIdp> {
  const signing = makeKeyPair('idp');
  const stranger = makeKeyPair('stranger');
  let base = '';
  const state: TestSamlIdp = {
    url: '',
    entityId: '',
    metadataUrl: '',
    signing,
    logouts: [],
    buildResponse,
    logoutRequestUrl,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  async function buildResponse(o: ResponseOptions): Promise<string> {
    const account = options.accounts[o.account];
    if (!account) throw new Error(`no account ${o.account}`);
    const now = Date.now() + (o.shiftMs ?? 0);
    const common = { issuer: state.entityId, requestId: o.requestId, acsUrl: o.acsUrl, now };
    const audience = o.audience ?? '';
    let assertion = assertionXml({
      ...common,
      id: o.assertionId ?? newId(),
      subject: account.subject,
      audience,
      attributes: { ...account.attributes, ...o.attributes },
    });
    if (o.sign !== 'none') assertion = signAssertion(assertion, o.sign === 'wrong-key' ? stranger : signing);
    if (o.wrapAs) {
      // The genuine signature moved onto an assertion of the attacker's choosing, the signed original tucked away
      // in its Advice: the digest still matches the original, but the signature is not the evil assertion's own.
      const evilAccount = options.accounts[o.wrapAs]!;
      const evil = assertionXml({
        ...common,
        id: newId(),
        subject: evilAccount.subject,
        audience,
        attributes: evilAccount.attributes,
      });
      const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(assertion)![0];
      const issuerEnd = evil.indexOf('</saml:Issuer>') + '</saml:Issuer>'.length;
      const conditionsEnd = evil.indexOf('</saml:Conditions>') + '</saml:Conditions>'.length;
      assertion =
        evil.slice(0, issuerEnd) +
        signature +
        evil.slice(issuerEnd, conditionsEnd) +
        `<saml:Advice>${assertion.replace(signature, '')}</saml:Advice>` +
        evil.slice(conditionsEnd);
    }
    const body =
      o.encrypt === false
        ? assertion
        : `<saml:EncryptedAssertion>${await encryptFor(assertion, o.encryptFor ?? options.spCerts[0]!)}</saml:EncryptedAssertion>`;
    const response = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${newId()}" InResponseTo="${esc(o.requestId)}" Version="2.0" IssueInstant="${iso(now)}" Destination="${esc(o.acsUrl)}"><saml:Issuer>${esc(state.entityId)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${body}</samlp:Response>`;
    return Buffer.from(response).toString('base64');
  }

  function logoutRequestUrl(sloUrl: string, nameId: string): string {
    const xml = `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${newId()}" Version="2.0" IssueInstant="${iso(Date.now())}" Destination="${esc(sloUrl)}"><saml:Issuer>${esc(state.entityId)}</saml:Issuer><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${esc(nameId)}</saml:NameID></samlp:LogoutRequest>`;
    return signedRedirect(sloUrl, 'SAMLRequest', xml, '', signing.key);
  }

  function metadata(): string {
    return `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${esc(state.entityId)}"><md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(signing.cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${base}/slo"/><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${base}/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`;
  }

  const pending = new Map<string, NonNullable<TestSamlIdp['lastRequest']>>();

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const rawQuery = (req.url ?? '').split('?')[1] ?? '';
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(body);
    };
    if (url.pathname === '/metadata') return send(200, 'application/samlmetadata+xml', metadata());
    if (url.pathname === '/sso') {
      const { xml, relayState } = readSignedRedirect(rawQuery, 'SAMLRequest', options.spCerts);
      const doc = new DOMParser().parseFromString(xml, 'text/xml').documentElement!;
      const ref = doc.getElementsByTagNameNS('*', 'AuthnContextClassRef')[0]?.textContent ?? undefined;
      const request = {
        id: doc.getAttribute('ID')!,
        acsUrl: doc.getAttribute('AssertionConsumerServiceURL')!,
        issuer: doc.getElementsByTagNameNS('*', 'Issuer')[0]!.textContent!,
        relayState,
        loa: ref?.split('/').pop(),
      };
      state.lastRequest = request;
      pending.set(request.id, request);
      const buttons = Object.keys(options.accounts)
        .map((a) => `<li><button type="submit" name="account" value="${esc(a)}">${esc(a)}</button></li>`)
        .join('');
      return send(
        200,
        'text/html; charset=utf-8',
        page(
          'Test-IdP: vælg konto',
          `<form method="post" action="/login"><input type="hidden" name="request" value="${esc(request.id)}"><ul>${buttons}</ul></form>`,
        ),
      );
    }
    if (url.pathname === '/login' && req.method === 'POST') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const form = new URLSearchParams(raw);
      const request = pending.get(form.get('request') ?? '');
      if (!request) return send(400, 'text/plain', 'unknown request');
      pending.delete(request.id);
      const samlResponse = await buildResponse({
        account: form.get('account')!,
        requestId: request.id,
        acsUrl: request.acsUrl,
        audience: request.issuer,
      });
      return send(
        200,
        'text/html; charset=utf-8',
        page(
          'Test-IdP: videre',
          `<form id="post" method="post" action="${esc(request.acsUrl)}"><input type="hidden" name="SAMLResponse" value="${samlResponse}"><input type="hidden" name="RelayState" value="${esc(request.relayState)}"><button type="submit">Fortsæt</button></form><script>document.getElementById('post').submit()</script>`,
        ),
      );
    }
    if (url.pathname === '/slo') {
      const { xml, relayState } = readSignedRedirect(rawQuery, 'SAMLRequest', options.spCerts);
      const doc = new DOMParser().parseFromString(xml, 'text/xml').documentElement!;
      const nameId = doc.getElementsByTagNameNS('*', 'NameID')[0]!.textContent!;
      const sessionIndex = doc.getElementsByTagNameNS('*', 'SessionIndex')[0]?.textContent ?? undefined;
      state.logouts.push({ nameId, sessionIndex });
      const spSlo = url.searchParams.get('sp') ?? '';
      const destination = spSlo || (doc.getAttribute('Destination') ?? '');
      const answer = `<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${newId()}" InResponseTo="${esc(doc.getAttribute('ID')!)}" Version="2.0" IssueInstant="${iso(Date.now())}"><saml:Issuer>${esc(state.entityId)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status></samlp:LogoutResponse>`;
      return send(303, 'text/plain', '', {
        location: signedRedirect(sloTarget(destination), 'SAMLResponse', answer, relayState, signing.key),
      });
    }
    send(404, 'text/plain', 'not found');
  }

  // The SP's single-logout endpoint, known from its AuthnRequest's ACS URL (…/acs → …/slo).
  const sloTarget = (fallback: string) => state.lastRequest?.acsUrl.replace(/\/acs$/, '/slo') ?? fallback;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(err.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.url = base;
  state.entityId = `${base}/idp`;
  state.metadataUrl = `${base}/metadata`;
  return state;
}

import crypto from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import type { AssuranceLevel } from '../../platform/config.js';

/** The attribute names of the OIOSAML 3 profile (NemLog-in), as they arrive in an assertion. */
export const OIOSAML = {
  specVersion: 'https://data.gov.dk/model/core/specVersion',
  assurance: 'https://data.gov.dk/concept/core/nsis/loa',
  cpr: 'https://data.gov.dk/model/core/eid/cprNumber',
  fullName: 'https://data.gov.dk/model/core/eid/fullName',
  firstName: 'https://data.gov.dk/model/core/eid/firstName',
  lastName: 'https://data.gov.dk/model/core/eid/lastName',
  email: 'https://data.gov.dk/model/core/eid/email',
  cvr: 'https://data.gov.dk/model/core/eid/professional/cvr',
  orgName: 'https://data.gov.dk/model/core/eid/professional/orgName',
  privileges: 'https://data.gov.dk/model/core/eid/privilegesIntermediate',
} as const;

const LEVELS: readonly AssuranceLevel[] = ['low', 'substantial', 'high'];

/** The NSIS level an assertion states (`Low`, `Substantial`, `High`), or undefined when it states none we know. */
export function assuranceOf(value: unknown): AssuranceLevel | undefined {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return LEVELS.find((l) => l === text);
}

/** Whether `level` is at least `minimum` (low < substantial < high). */
export function meetsAssurance(level: AssuranceLevel | undefined, minimum: AssuranceLevel): boolean {
  return level !== undefined && LEVELS.indexOf(level) >= LEVELS.indexOf(minimum);
}

/** A CPR number as ten digits, or undefined: a dash is allowed (`010190-1234`), nothing else. */
export function normaliseCpr(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const digits = value.trim().replace(/^(\d{6})-(\d{4})$/, '$1$2');
  return /^\d{10}$/.test(digits) ? digits : undefined;
}

/** The CPR number as a person may be shown it: birth date only (`010190-****`). */
export function maskCpr(cpr: string): string {
  return `${cpr.slice(0, 6)}-****`;
}

/** A keyed hash (HMAC-SHA256) of the CPR number: finds the person again without storing the number. */
export function hashCpr(cpr: string, key: string): string {
  return crypto.createHmac('sha256', key).update(`cpr:${cpr}`).digest('hex');
}

/** A CVR number as eight digits, or undefined. */
export function normaliseCvr(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{8}$/.test(value.trim()) ? value.trim() : undefined;
}

const CVR_SCOPE = /^urn:dk:gov:saml:cvrNumberIdentifier:(\d{8})$/;

/**
 * The CVR numbers a person holds at least one privilege for, read from the OIOSAML 3 privilege attribute (a
 * base64-encoded Basic Privilege Profile `PrivilegeList`, each `PrivilegeGroup` scoped to one CVR number).
 * Anything not well-formed grants nothing.
 */
export function cvrPrivileges(value: unknown): Set<string> {
  const out = new Set<string>();
  if (typeof value !== 'string' || value.length > 100_000) return out;
  const xml = Buffer.from(value, 'base64').toString('utf8');
  let doc: Document;
  try {
    // No DTD, no entities: a privilege list never needs them, and a hostile one could expand without end.
    if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return out;
    doc = new DOMParser({ errorHandler: () => undefined }).parseFromString(xml, 'text/xml') as unknown as Document;
  } catch {
    return out;
  }
  const groups = doc.getElementsByTagNameNS('*', 'PrivilegeGroup');
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i]!;
    const scope = CVR_SCOPE.exec(group.getAttribute('Scope') ?? '');
    if (scope && group.getElementsByTagNameNS('*', 'Privilege').length > 0) out.add(scope[1]!);
  }
  return out;
}

/** What the service keeps of an OIOSAML 3 assertion. The CPR number leaves this object only hashed or masked. */
export interface OiosamlIdentity {
  assurance: AssuranceLevel | undefined;
  name: string;
  email: string | null;
  cpr: string | undefined;
  /** The business the person signed in for (their professional identity's organisation), with its name. */
  business: { cvr: string; name: string | null } | undefined;
  /** Whether the person holds a privilege to act for that business. */
  mayActForBusiness: boolean;
}

function first(value: unknown, max = 300): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined;
}

/** Reads the OIOSAML 3 attributes of an assertion's attribute map (node-saml's profile: name → value). */
export function readOiosaml(attributes: Record<string, unknown>): OiosamlIdentity {
  const joined = [first(attributes[OIOSAML.firstName]), first(attributes[OIOSAML.lastName])].filter(Boolean).join(' ');
  const cvr = normaliseCvr(first(attributes[OIOSAML.cvr]));
  const privileges = cvrPrivileges(first(attributes[OIOSAML.privileges], 100_000));
  return {
    assurance: assuranceOf(first(attributes[OIOSAML.assurance])),
    name: first(attributes[OIOSAML.fullName]) ?? (joined || 'Borger'),
    email: first(attributes[OIOSAML.email]) ?? null,
    cpr: normaliseCpr(first(attributes[OIOSAML.cpr])),
    business: cvr ? { cvr, name: first(attributes[OIOSAML.orgName]) ?? null } : undefined,
    mayActForBusiness: cvr !== undefined && privileges.has(cvr),
  };
}

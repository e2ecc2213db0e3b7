import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { environmentProblem } from './environment.js';
import { scryptCostProblem } from './auth/password.js';

/** A setting that cannot be used: its message names the variable and what it needs, in one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface AppConfig {
  port: number;
  host: string;
  /** Set: run on this PostgreSQL. Unset: the embedded engine in `dataDir`. */
  databaseUrl?: string;
  /** The role that owns the tables: migrations and grants run as it (PostgreSQL); unset, `databaseUrl` is used. */
  databaseOwnerUrl?: string;
  dataDir: string;
  /** AUDIT_FORWARD_FILE: audit entries are also appended here as JSON lines, every minute, for an external store. */
  auditForwardFile?: string;
  /** Time-outs and start-up behaviour of the PostgreSQL connection pool (ignored by the embedded engine). */
  database: DatabaseSettings;
  /** What this node does (SAGSGANG_ROLE): serve requests (`web`), run background jobs (`worker`), or both (`all`). */
  role: NodeRole;
  /** How long a running job's claim holds without renewal: a node that dies frees its job after this. */
  jobLeaseSeconds: number;
  /** On SIGTERM: how long readiness reports 503 before the port closes, and how long requests may take to finish. */
  shutdown: { readinessDelayMs: number; graceMs: number };
  /** Where uploaded documents are stored (local store): outside the web root. */
  fileDir: string;
  /** A multipart request whose files together pass this many bytes is refused with 413 while it streams. */
  uploadMaxRequestBytes: number;
  /** Which store keeps uploaded documents: this folder (the default), or an S3-compatible bucket every node shares. */
  fileStore: { kind: 'local' } | ({ kind: 's3' } & S3Settings);
  /** A stored file no row references is deleted once it is this old (an upload younger than this may be in flight). */
  orphanFileGraceHours: number;
  /** How far back staff may date a case's receipt when they register it. */
  receiptBackdateDays: number;
  /** Signs session cookies; must be set (32+ chars) in production. */
  sessionSecret: string;
  sessionTtlMinutes: number;
  /** Absolute session lifetime from sign-in, however active the user is. */
  sessionMaxMinutes: number;
  /**
   * Which proxies in front of the app are believed about the client's address (`X-Forwarded-For`): false (the
   * socket's address is the client's), how many proxy hops to believe, or the proxies' addresses and CIDR ranges.
   */
  trustProxy: TrustProxy;
  /**
   * Sign-in attempts allowed per account (`max`) and per client address (`addressMax`) in the window, counted in the
   * database so every node shares them; each lock-out after the first lasts twice as long as the one before.
   */
  loginRateLimit: { max: number; addressMax: number; windowMinutes: number };
  /**
   * Staff roles whose holders must prove a second factor after their password (SAGSGANG_MFA_REQUIRED_ROLES): one
   * without a factor is sent to enrol one before anything else. Anyone may enrol one; once enrolled, it is asked for.
   */
  mfaRequiredRoles: string[];
  /** Public base URL, used in e-mails and OIDC redirects. */
  publicUrl: string;
  authorityName: string;
  /** How citizens reach the authority; shown in the portal footer and the accessibility statement. */
  authorityContact: { email?: string; phone?: string; address?: string };
  secureCookies: boolean;
  seedDemo: boolean;
  /** NODE_ENV=production: no demo unless asked for, no weak secrets, no demo database. */
  production: boolean;
  /** How many cases of history the demo seed generates (SAGSGANG_DEMO_CASES). */
  demoCases: number;
  logLevel: string;
  oidc: OidcProviderConfig[];
  /** SAML identity providers (NemLog-in, an authority's ADFS or Entra ID): see `SAML_PROVIDERS` in the README. */
  saml: SamlProviderConfig[];
  /** Key of the keyed hash a CPR number is found again by (never stored in clear); falls back to SESSION_SECRET. */
  cprHashKey: string;
  /** What one import (event log, BPMN model) may cost; past a limit it is refused with 413, naming the setting. */
  imports: ImportSettings;
  smtp?: { host: string; port: number; secure: boolean; user?: string; pass?: string; from: string };
  /** Prometheus metrics on a port of their own (unset: none), never on the public port. */
  metrics?: { port: number; host: string };
}

export interface ImportSettings {
  /** The longest single element, row or value of an event log (IMPORT_MAX_TOKEN_BYTES). */
  maxTokenBytes: number;
  /** The most bytes an event log may decompress to (IMPORT_MAX_DECOMPRESSED_MB). */
  maxDecompressedBytes: number;
  /** The most events an event log may hold (IMPORT_MAX_EVENTS). */
  maxEvents: number;
  /** BPMN: elements (BPMN_MAX_ELEMENTS) and attributes BPMN does not define (BPMN_MAX_UNKNOWN_ATTRIBUTES). */
  bpmnMaxElements: number;
  bpmnMaxUnknownAttributes: number;
  /** BPMN auto-layout runs in a worker thread with this time (BPMN_LAYOUT_TIMEOUT_SECONDS) and heap (BPMN_LAYOUT_MEMORY_MB). */
  bpmnLayoutTimeoutMs: number;
  bpmnLayoutMemoryMb: number;
}

export function importSettings(env: NodeJS.ProcessEnv): ImportSettings {
  return {
    maxTokenBytes: positiveNumber(env, 'IMPORT_MAX_TOKEN_BYTES', 1024 * 1024),
    maxDecompressedBytes: positiveNumber(env, 'IMPORT_MAX_DECOMPRESSED_MB', 1024) * 1024 * 1024,
    maxEvents: positiveNumber(env, 'IMPORT_MAX_EVENTS', 5_000_000),
    bpmnMaxElements: positiveNumber(env, 'BPMN_MAX_ELEMENTS', 5000),
    bpmnMaxUnknownAttributes: positiveNumber(env, 'BPMN_MAX_UNKNOWN_ATTRIBUTES', 1000),
    bpmnLayoutTimeoutMs: Math.round(positiveNumber(env, 'BPMN_LAYOUT_TIMEOUT_SECONDS', 10) * 1000),
    bpmnLayoutMemoryMb: positiveNumber(env, 'BPMN_LAYOUT_MEMORY_MB', 256),
  };
}

export type TrustProxy = false | number | string[];

export const ZNodeRole = z.enum(['web', 'worker', 'all']);
export type NodeRole = z.infer<typeof ZNodeRole>;

/** SAGSGANG_ROLE: `web`, `worker` or `all` (the default). */
export function parseNodeRole(raw: string | undefined): NodeRole {
  const parsed = ZNodeRole.safeParse(raw === undefined || raw === '' ? 'all' : raw.trim());
  if (!parsed.success) throw new ConfigError(`SAGSGANG_ROLE must be web, worker or all, not "${raw}".`);
  return parsed.data;
}

export interface S3Settings {
  bucket: string;
  /** Unset: AWS's endpoint for the region. Set for any other S3-compatible service. */
  endpoint?: string;
  region: string;
  /** Unset: the SDK's own credential chain (environment, profile, instance role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** The bucket in the path rather than the host name, as most self-hosted S3 services want. */
  forcePathStyle: boolean;
  /** Keys start with this (e.g. `sagsgang/`), so one bucket can hold more than this store. */
  prefix: string;
}

export interface DatabaseSettings {
  /** Reported to PostgreSQL as `application_name`, so an operator can tell the nodes apart in pg_stat_activity. */
  applicationName: string;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  /** How long start-up keeps retrying an unreachable database before giving up. */
  startupWaitMs: number;
  /** How long the readiness check waits for the database. */
  readinessTimeoutMs: number;
}

export interface OidcProviderConfig {
  /** Short id used in URLs: /auth/oidc/<id>/start */
  id: string;
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in through it: staff of the authority, or applicants via a national eID broker. */
  audience: 'staff' | 'applicant';
  /**
   * For staff: the identity provider must say it checked a second factor. A sign-in is refused unless the ID token's
   * `acr` is one of `requiredAcr` (when given) and its `amr` holds one of `requiredAmr` (when given), e.g. `["mfa"]`.
   */
  requiredAcr?: string[];
  requiredAmr?: string[];
}

export type AssuranceLevel = 'low' | 'substantial' | 'high';

export interface SamlProviderConfig {
  /** Short id used in URLs: /auth/saml/<id>/start */
  id: string;
  label: string;
  audience: 'staff' | 'applicant';
  /** Our entity id at this provider (the SP's `entityID`, the assertions' audience). */
  entityId: string;
  /** The provider's metadata: an https URL, or a file path. */
  idpMetadata: string;
  /**
   * Our key pairs (PEM files). The first signs requests; every one is published in our metadata and tried for
   * decryption, so a new certificate can be announced before the old one is retired (rollover).
   */
  spKeys: { privateKeyFile: string; certificateFile: string }[];
  /** Refuse a sign-in below this NSIS level (default: substantial). */
  minimumAssurance?: AssuranceLevel;
  /** How far the provider's clock may be off, in seconds (default 180). */
  clockSkewSeconds?: number;
  /** For staff: the attribute naming the user, matched to their Sagsgang user name (default: the NameID). */
  staffUserAttribute?: string;
}

/**
 * The key a CPR number is hashed with. In production, where NemLog-in brings real CPR numbers, it must be set on its
 * own: derived from SESSION_SECRET, rotating that secret would lose every person's link to their CPR number.
 */
function cprHashKey(env: NodeJS.ProcessEnv, production: boolean, sessionSecret: string): string {
  const key = env.CPR_HASH_KEY;
  if (key) return key;
  if (production && parseSaml(env.SAML_PROVIDERS).some((p) => p.audience === 'applicant'))
    throw new ConfigError('CPR_HASH_KEY must be set (32+ characters) when a SAML provider signs in applicants.');
  return `cpr:${sessionSecret}`;
}

function parseSaml(raw: string | undefined): SamlProviderConfig[] {
  if (!raw) return [];
  try {
    return JSON.parse(raw) as SamlProviderConfig[];
  } catch {
    throw new ConfigError(
      'SAML_PROVIDERS is not valid JSON (a list of {id, label, audience, entityId, idpMetadata, spKeys}).',
    );
  }
}

function parseOidc(raw: string | undefined): OidcProviderConfig[] {
  if (!raw) return [];
  try {
    return JSON.parse(raw) as OidcProviderConfig[];
  } catch {
    throw new ConfigError(
      'OIDC_PROVIDERS is not valid JSON (a list of {id, label, issuer, clientId, clientSecret, audience}).',
    );
  }
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new ConfigError(`${name} must be a positive number, not "${raw}".`);
  return n;
}

const DEVELOPMENT_SECRET = 'development-only-secret-change-me-0123456789';

/**
 * Why a production SESSION_SECRET is refused, or undefined when it will do: too short, the development default or a
 * placeholder copied from documentation, or too few distinct characters to be random (a repeated word, say).
 */
export function weakSecretReason(secret: string): string | undefined {
  if (secret.length < 32) return 'is shorter than 32 characters';
  if (secret === DEVELOPMENT_SECRET || /change.?me|example|placeholder|your.?secret|^\.\.\.$/i.test(secret)) {
    return 'is a published example, not a secret';
  }
  if (new Set(secret).size < 12) return 'has too few distinct characters to be random';
  return undefined;
}

/** Production seeds the demo authority (public passwords) only when asked by name; elsewhere unless switched off. */
export function demoSeedWanted(env: NodeJS.ProcessEnv): boolean {
  return env.NODE_ENV === 'production' ? env.SEED_DEMO === 'true' : env.SEED_DEMO !== 'false';
}

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = net.isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY: unset, `false` or `0` trusts no proxy; a whole number is a hop count; else addresses and CIDRs. */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false' || value === '0') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const wrong = entries.filter((e) => !isAddressOrCidr(e));
  if (entries.length === 0 || wrong.length > 0)
    throw new ConfigError(
      `TRUST_PROXY must be false, a number of proxy hops, or a comma list of addresses/CIDRs, not "${wrong[0] ?? value}".`,
    );
  return entries;
}

/** SAGSGANG_FILE_STORE: `local` (default, SAGSGANG_FILE_DIR) or `s3` (the S3_* variables). */
export function parseFileStore(env: NodeJS.ProcessEnv): AppConfig['fileStore'] {
  const kind = env.SAGSGANG_FILE_STORE || 'local';
  if (kind === 'local') return { kind };
  if (kind !== 's3') throw new ConfigError(`SAGSGANG_FILE_STORE must be local or s3, not "${kind}".`);
  const bucket = env.S3_BUCKET ?? '';
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    throw new ConfigError(
      `S3_BUCKET must name a bucket (3-63 lower-case letters, digits, dots, dashes), not "${bucket}".`,
    );
  const endpoint = env.S3_ENDPOINT || undefined;
  if (endpoint !== undefined && !(/^https?:\/\//.test(endpoint) && URL.canParse(endpoint)))
    throw new ConfigError(`S3_ENDPOINT must be a URL such as http://127.0.0.1:9000, not "${endpoint}".`);
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY))
    throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together (or neither).');
  const pathStyle = env.S3_FORCE_PATH_STYLE ?? '';
  if (!['', 'true', 'false'].includes(pathStyle))
    throw new ConfigError(`S3_FORCE_PATH_STYLE must be true or false, not "${pathStyle}".`);
  const prefix = env.S3_PREFIX ?? '';
  // Some services keep keys as file paths: no `.` or `..` segments.
  if (prefix !== '' && (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/$/.test(prefix) || /(^|\/)\.{1,2}\//.test(prefix)))
    throw new ConfigError(`S3_PREFIX must be folder-like names ending in a slash (e.g. sagsgang/), not "${prefix}".`);
  return {
    kind,
    bucket,
    endpoint,
    region: env.S3_REGION || 'us-east-1',
    accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
    forcePathStyle: pathStyle === 'true',
    prefix,
  };
}

function nonNegativeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new ConfigError(`${name} must be zero or a positive number, not "${raw}".`);
  return n;
}

function databaseSettings(env: NodeJS.ProcessEnv): DatabaseSettings {
  const seconds = (name: string, fallback: number) => Math.round(positiveNumber(env, name, fallback) * 1000);
  return {
    applicationName: (env.SAGSGANG_NODE_NAME || `sagsgang@${os.hostname()}:${process.pid}`).slice(0, 63),
    connectTimeoutMs: seconds('DATABASE_CONNECT_TIMEOUT_SECONDS', 5),
    statementTimeoutMs: seconds('DATABASE_STATEMENT_TIMEOUT_SECONDS', 60),
    idleInTransactionTimeoutMs: seconds('DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS', 60),
    startupWaitMs: seconds('DATABASE_STARTUP_WAIT_SECONDS', 120),
    readinessTimeoutMs: seconds('READINESS_TIMEOUT_SECONDS', 2),
  };
}

const STAFF_ROLE_NAMES = ['frontline', 'caseworker', 'teamlead', 'quality', 'analyst', 'admin'];

/** A comma-separated list of staff roles; unset means administrators, `none` means nobody. */
function mfaRoles(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return ['admin'];
  if (raw.trim() === 'none') return [];
  const roles = raw.split(',').map((r) => r.trim());
  const unknown = roles.filter((r) => !STAFF_ROLE_NAMES.includes(r));
  if (unknown.length > 0)
    throw new ConfigError(
      `SAGSGANG_MFA_REQUIRED_ROLES names no staff role "${unknown.join(', ')}": use ${STAFF_ROLE_NAMES.join(', ')} or none.`,
    );
  return roles;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const problem = environmentProblem(env);
  if (problem) throw new ConfigError(problem);
  const port = Number(env.PORT ?? 3000);
  const scryptProblem = scryptCostProblem(env);
  if (scryptProblem) throw new ConfigError(`PASSWORD_SCRYPT_LOG_N ${scryptProblem}`);
  const production = env.NODE_ENV === 'production';
  const sessionSecret = env.SESSION_SECRET ?? (production ? '' : DEVELOPMENT_SECRET);
  const weak = production ? weakSecretReason(sessionSecret) : sessionSecret.length < 32 ? 'is too short' : undefined;
  if (weak) {
    throw new ConfigError(
      `SESSION_SECRET ${weak}: set it to 32 or more random characters, e.g. the output of ` +
        `\`node -e "console.log(require('crypto').randomBytes(48).toString('base64'))"\`.`,
    );
  }
  // npm runs workspace scripts in the workspace folder; INIT_CWD is where the user typed `npm start`.
  const dataDir = path.resolve(env.INIT_CWD ?? process.cwd(), env.SAGSGANG_DATA_DIR ?? 'data');
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseOwnerUrl: env.DATABASE_OWNER_URL || undefined,
    dataDir: path.join(dataDir, 'pglite'),
    auditForwardFile: env.AUDIT_FORWARD_FILE
      ? path.resolve(env.INIT_CWD ?? process.cwd(), env.AUDIT_FORWARD_FILE)
      : undefined,
    database: databaseSettings(env),
    role: parseNodeRole(env.SAGSGANG_ROLE),
    jobLeaseSeconds: positiveNumber(env, 'JOB_LEASE_SECONDS', 60),
    shutdown: {
      readinessDelayMs: Math.round(nonNegativeNumber(env, 'SHUTDOWN_READINESS_DELAY_SECONDS', 0) * 1000),
      graceMs: Math.round(positiveNumber(env, 'SHUTDOWN_GRACE_SECONDS', 25) * 1000),
    },
    fileDir: path.resolve(env.SAGSGANG_FILE_DIR ?? path.join(dataDir, 'files')),
    fileStore: parseFileStore(env),
    uploadMaxRequestBytes: positiveNumber(env, 'SAGSGANG_UPLOAD_MAX_REQUEST_MB', 100) * 1024 * 1024,
    orphanFileGraceHours: positiveNumber(env, 'SAGSGANG_FILE_GRACE_HOURS', 24),
    receiptBackdateDays: positiveNumber(env, 'SAGSGANG_RECEIPT_BACKDATE_DAYS', 365),
    sessionSecret,
    // OWASP ASVS level 2 (3.3.2): 30 minutes of inactivity, 12 hours however active.
    sessionTtlMinutes: positiveNumber(env, 'SESSION_TTL_MINUTES', 30),
    sessionMaxMinutes: positiveNumber(env, 'SESSION_MAX_MINUTES', 12 * 60),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    loginRateLimit: {
      max: positiveNumber(env, 'LOGIN_RATE_LIMIT_MAX', 10),
      addressMax: positiveNumber(env, 'LOGIN_RATE_LIMIT_ADDRESS_MAX', 50),
      windowMinutes: positiveNumber(env, 'LOGIN_RATE_LIMIT_MINUTES', 15),
    },
    mfaRequiredRoles: mfaRoles(env.SAGSGANG_MFA_REQUIRED_ROLES),
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
    authorityName: env.AUTHORITY_NAME ?? 'Sagsgang Kommune',
    authorityContact: {
      email: env.AUTHORITY_EMAIL ?? 'borgerservice@sagsgang.example',
      phone: env.AUTHORITY_PHONE || undefined,
      address: env.AUTHORITY_ADDRESS || undefined,
    },
    // Secure whenever people reach us over https, whatever NODE_ENV says; a production server on http is a test rig.
    secureCookies: production || (env.PUBLIC_URL ?? '').startsWith('https:'),
    seedDemo: demoSeedWanted(env),
    production,
    demoCases: Number(env.SAGSGANG_DEMO_CASES ?? 20_000),
    logLevel: env.LOG_LEVEL ?? 'info',
    oidc: parseOidc(env.OIDC_PROVIDERS),
    saml: parseSaml(env.SAML_PROVIDERS),
    cprHashKey: cprHashKey(env, production, sessionSecret),
    imports: importSettings(env),
    smtp: env.SMTP_HOST
      ? {
          host: env.SMTP_HOST,
          port: Number(env.SMTP_PORT ?? 587),
          secure: env.SMTP_SECURE === 'true',
          user: env.SMTP_USER,
          pass: env.SMTP_PASS,
          from: env.SMTP_FROM ?? 'sagsgang@localhost',
        }
      : undefined,
    metrics: env.SAGSGANG_METRICS_PORT
      ? { port: Number(env.SAGSGANG_METRICS_PORT), host: env.SAGSGANG_METRICS_HOST || '127.0.0.1' }
      : undefined,
    ...overrides,
  };
}

/** For the entry points: a wrong setting ends the process with one line naming it, not a stack trace. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`Sagsgang cannot start: ${err.message}`);
    process.exit(78); // EX_CONFIG
  }
}

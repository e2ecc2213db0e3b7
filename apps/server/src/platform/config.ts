import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
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
  dataDir: string;
  /** Time-outs and start-up behaviour of the PostgreSQL connection pool (ignored by the embedded engine). */
  database: DatabaseSettings;
  /** On SIGTERM: how long readiness reports 503 before the port closes, and how long requests may take to finish. */
  shutdown: { readinessDelayMs: number; graceMs: number };
  /** Where uploaded documents are stored: outside the web root. */
  fileDir: string;
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
  smtp?: { host: string; port: number; secure: boolean; user?: string; pass?: string; from: string };
}

export type TrustProxy = false | number | string[];

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
    dataDir: path.join(dataDir, 'pglite'),
    database: databaseSettings(env),
    shutdown: {
      readinessDelayMs: Math.round(nonNegativeNumber(env, 'SHUTDOWN_READINESS_DELAY_SECONDS', 0) * 1000),
      graceMs: Math.round(positiveNumber(env, 'SHUTDOWN_GRACE_SECONDS', 25) * 1000),
    },
    fileDir: path.resolve(env.SAGSGANG_FILE_DIR ?? path.join(dataDir, 'files')),
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

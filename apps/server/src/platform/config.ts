import os from 'node:os';
import path from 'node:path';

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
  /** Signs session cookies; must be set (32+ chars) in production. */
  sessionSecret: string;
  sessionTtlMinutes: number;
  /** Absolute session lifetime from sign-in, however active the user is. */
  sessionMaxMinutes: number;
  /** Sign-in attempts allowed per IP address and user name in the window. */
  loginRateLimit: { max: number; windowMinutes: number };
  /** Public base URL, used in e-mails and OIDC redirects. */
  publicUrl: string;
  authorityName: string;
  /** How citizens reach the authority; shown in the portal footer and the accessibility statement. */
  authorityContact: { email?: string; phone?: string; address?: string };
  secureCookies: boolean;
  seedDemo: boolean;
  /** How many cases of history the demo seed generates (SAGSGANG_DEMO_CASES). */
  demoCases: number;
  logLevel: string;
  oidc: OidcProviderConfig[];
  smtp?: { host: string; port: number; secure: boolean; user?: string; pass?: string; from: string };
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
}

function parseOidc(raw: string | undefined): OidcProviderConfig[] {
  if (!raw) return [];
  return JSON.parse(raw) as OidcProviderConfig[];
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${raw}".`);
  return n;
}

function nonNegativeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be zero or a positive number, not "${raw}".`);
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const port = Number(env.PORT ?? 3000);
  const production = env.NODE_ENV === 'production';
  const sessionSecret = env.SESSION_SECRET ?? (production ? '' : 'development-only-secret-change-me-0123456789');
  if (sessionSecret.length < 32) throw new Error('SESSION_SECRET must be at least 32 characters in production.');
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
    sessionSecret,
    sessionTtlMinutes: Number(env.SESSION_TTL_MINUTES ?? 8 * 60),
    sessionMaxMinutes: Number(env.SESSION_MAX_MINUTES ?? 12 * 60),
    loginRateLimit: {
      max: Number(env.LOGIN_RATE_LIMIT_MAX ?? 10),
      windowMinutes: Number(env.LOGIN_RATE_LIMIT_MINUTES ?? 15),
    },
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
    authorityName: env.AUTHORITY_NAME ?? 'Sagsgang Kommune',
    authorityContact: {
      email: env.AUTHORITY_EMAIL ?? 'borgerservice@sagsgang.example',
      phone: env.AUTHORITY_PHONE || undefined,
      address: env.AUTHORITY_ADDRESS || undefined,
    },
    secureCookies: production,
    seedDemo: env.SEED_DEMO !== 'false',
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

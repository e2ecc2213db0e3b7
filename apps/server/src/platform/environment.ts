import { z } from 'zod';

/**
 * Every environment variable the server reads, with what a usable value looks like. `loadConfig` checks the
 * environment against it before anything starts, so a wrong value ends the start with one line naming the variable
 * (and the README's table documents each: `environment.test.ts` keeps the three in step). An empty value counts as
 * unset. What a value means is decided in `config.ts`; here only whether it can be used.
 */

const positive = (v: string) => Number.isFinite(Number(v)) && Number(v) > 0;
const nonNegative = (v: string) => Number.isFinite(Number(v)) && Number(v) >= 0;
const wholeIn = (min: number, max: number) => (v: string) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max;
const isUrl = (protocols: string[]) => (v: string) => {
  try {
    return protocols.includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

const text = z.string();
const positiveNumber = z.string().refine(positive, 'must be a positive number');
const nonNegativeNumber = z.string().refine(nonNegative, 'must be zero or a positive number');
const port = z.string().refine(wholeIn(0, 65535), 'must be a port number (0 to 65535)');
const boolean = z.enum(['true', 'false'], { error: 'must be true or false' });

const OIDC_PROVIDER = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  issuer: z.string().refine(isUrl(['https:', 'http:'])),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  audience: z.enum(['staff', 'applicant']),
});

const oidcProviders = z.string().refine((v) => {
  try {
    return z.array(OIDC_PROVIDER).safeParse(JSON.parse(v)).success;
  } catch {
    return true; // not JSON at all: config.ts says so in its own words
  }
}, 'must be a JSON list of {id, label, issuer, clientId, clientSecret, audience: "staff" | "applicant"}');

const SAML_PROVIDER = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  audience: z.enum(['staff', 'applicant']),
  entityId: z.string().min(1),
  idpMetadata: z.string().min(1),
  spKeys: z
    .array(z.object({ privateKeyFile: z.string().min(1), certificateFile: z.string().min(1) }))
    .min(1)
    .max(2),
  minimumAssurance: z.enum(['low', 'substantial', 'high']).optional(),
  clockSkewSeconds: z.number().min(0).max(600).optional(),
  staffUserAttribute: z.string().min(1).optional(),
});

const samlProviders = z.string().refine((v) => {
  try {
    return z.array(SAML_PROVIDER).safeParse(JSON.parse(v)).success;
  } catch {
    return true; // not JSON at all: config.ts says so in its own words
  }
}, 'must be a JSON list of {id, label, audience, entityId, idpMetadata, spKeys: [{privateKeyFile, certificateFile}]}');

export const ENVIRONMENT = z
  .object({
    NODE_ENV: z.enum(['production', 'development', 'test'], { error: 'must be production, development or test' }),
    INIT_CWD: text,
    PORT: port,
    HOST: text,
    PUBLIC_URL: z.string().refine(isUrl(['https:', 'http:']), 'must be an http(s) URL'),
    DATABASE_URL: z.string().refine(isUrl(['postgres:', 'postgresql:']), 'must be a postgres:// URL'),
    SAGSGANG_DATA_DIR: text,
    SAGSGANG_FILE_DIR: text,
    SAGSGANG_FILE_GRACE_HOURS: positiveNumber,
    SAGSGANG_UPLOAD_MAX_REQUEST_MB: positiveNumber,
    SAGSGANG_RECEIPT_BACKDATE_DAYS: positiveNumber,
    SAGSGANG_DEMO_CASES: z.string().refine(wholeIn(0, 10_000_000), 'must be a whole number of cases'),
    SAGSGANG_NODE_NAME: text,
    SESSION_SECRET: text,
    SESSION_TTL_MINUTES: positiveNumber,
    SESSION_MAX_MINUTES: positiveNumber,
    PASSWORD_SCRYPT_LOG_N: z.string().refine(wholeIn(10, 20), 'must be a whole number from 10 to 20'),
    TRUST_PROXY: text,
    LOGIN_RATE_LIMIT_MAX: positiveNumber,
    LOGIN_RATE_LIMIT_ADDRESS_MAX: positiveNumber,
    LOGIN_RATE_LIMIT_MINUTES: positiveNumber,
    AUTHORITY_NAME: text,
    AUTHORITY_EMAIL: z.email({ error: 'must be an e-mail address' }),
    AUTHORITY_PHONE: text,
    AUTHORITY_ADDRESS: text,
    OIDC_PROVIDERS: oidcProviders,
    SAML_PROVIDERS: samlProviders,
    CPR_HASH_KEY: z.string().min(32, 'must be at least 32 characters'),
    SMTP_HOST: text,
    SMTP_PORT: port,
    SMTP_SECURE: boolean,
    SMTP_USER: text,
    SMTP_PASS: text,
    SMTP_FROM: text,
    SEED_DEMO: boolean,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    }),
    DATABASE_CONNECT_TIMEOUT_SECONDS: positiveNumber,
    DATABASE_STATEMENT_TIMEOUT_SECONDS: positiveNumber,
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: positiveNumber,
    DATABASE_STARTUP_WAIT_SECONDS: positiveNumber,
    READINESS_TIMEOUT_SECONDS: positiveNumber,
    SHUTDOWN_READINESS_DELAY_SECONDS: nonNegativeNumber,
    SHUTDOWN_GRACE_SECONDS: positiveNumber,
    SAGSGANG_METRICS_PORT: port,
    SAGSGANG_METRICS_HOST: text,
    SAGSGANG_ROLE: z.enum(['web', 'worker', 'all'], { error: 'must be web, worker or all' }),
    JOB_LEASE_SECONDS: positiveNumber,
    // The file store's settings are judged together in config.ts (parseFileStore), each refusal naming its variable.
    SAGSGANG_FILE_STORE: text,
    DATABASE_OWNER_URL: text,
    AUDIT_FORWARD_FILE: text,
    SAGSGANG_MFA_REQUIRED_ROLES: text,
    IMPORT_MAX_TOKEN_BYTES: positiveNumber,
    IMPORT_MAX_DECOMPRESSED_MB: positiveNumber,
    IMPORT_MAX_EVENTS: positiveNumber,
    BPMN_MAX_ELEMENTS: positiveNumber,
    BPMN_MAX_UNKNOWN_ATTRIBUTES: positiveNumber,
    BPMN_LAYOUT_TIMEOUT_SECONDS: positiveNumber,
    BPMN_LAYOUT_MEMORY_MB: positiveNumber,
    S3_BUCKET: text,
    S3_PREFIX: text,
    S3_ENDPOINT: text,
    S3_REGION: text,
    S3_FORCE_PATH_STYLE: text,
    S3_ACCESS_KEY_ID: text,
    S3_SECRET_ACCESS_KEY: text,
  })
  .partial();

export type EnvironmentName = keyof z.infer<typeof ENVIRONMENT>;

/** The variables the server reads, for the test that holds the README to them. */
export const ENVIRONMENT_NAMES = Object.keys(ENVIRONMENT.shape) as EnvironmentName[];

/**
 * The first variable that cannot be used, as one line (`NAME must be …, not "value".`), or undefined when all can.
 * Secrets are never echoed.
 */
export function environmentProblem(env: NodeJS.ProcessEnv): string | undefined {
  const known: Record<string, string> = {};
  for (const name of ENVIRONMENT_NAMES) {
    const value = env[name];
    if (value !== undefined && value !== '') known[name] = value;
  }
  const result = ENVIRONMENT.safeParse(known);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0]);
  const secret = /SECRET|_PASS$|TOKEN|PROVIDERS/.test(name);
  return secret ? `${name} ${issue.message}.` : `${name} ${issue.message}, not "${known[name]}".`;
}

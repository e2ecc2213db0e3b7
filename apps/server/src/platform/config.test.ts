import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig, parseTrustProxy, weakSecretReason } from './config.js';

describe('TRUST_PROXY', () => {
  test('off unless set: no client can choose its own address', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
  });

  test('a whole number is the count of proxy hops to believe', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  test('a comma list of addresses and CIDR ranges, IPv4 and IPv6', () => {
    expect(parseTrustProxy('10.0.0.0/8, 192.168.1.10,::1,fd00::/8')).toEqual([
      '10.0.0.0/8',
      '192.168.1.10',
      '::1',
      'fd00::/8',
    ]);
  });

  test('anything else stops the start with one line naming the setting and the wrong entry', () => {
    expect(() => parseTrustProxy('true')).toThrow('TRUST_PROXY must be false, a number of proxy hops');
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow('not "10.0.0.0/33"');
    expect(() => parseTrustProxy('10.0.0.1, proxy.local')).toThrow('not "proxy.local"');
    expect(() => parseTrustProxy('1.5')).toThrow('TRUST_PROXY');
  });
});

describe('sign-in limit settings', () => {
  test('per account and per address, with defaults, and refused when not positive', () => {
    expect(loadConfig({}).loginRateLimit).toEqual({ max: 10, addressMax: 50, windowMinutes: 15 });
    expect(loadConfig({ LOGIN_RATE_LIMIT_ADDRESS_MAX: '200' }).loginRateLimit.addressMax).toBe(200);
    expect(() => loadConfig({ LOGIN_RATE_LIMIT_MAX: '0' })).toThrow('LOGIN_RATE_LIMIT_MAX must be a positive number');
  });
});

describe('node role and job lease', () => {
  test('a node serves and runs jobs unless SAGSGANG_ROLE says web or worker; a job lease is 60 s unless set', () => {
    expect(loadConfig({})).toMatchObject({ role: 'all', jobLeaseSeconds: 60 });
    expect(loadConfig({ SAGSGANG_ROLE: 'web' }).role).toBe('web');
    expect(loadConfig({ SAGSGANG_ROLE: 'worker', JOB_LEASE_SECONDS: '30' })).toMatchObject({
      role: 'worker',
      jobLeaseSeconds: 30,
    });
  });

  test('anything else stops the start with one line naming the setting', () => {
    expect(() => loadConfig({ SAGSGANG_ROLE: 'both' })).toThrow(
      new ConfigError('SAGSGANG_ROLE must be web, worker or all, not "both".'),
    );
    expect(() => loadConfig({ JOB_LEASE_SECONDS: '0' })).toThrow('JOB_LEASE_SECONDS must be a positive number');
  });
});

const STRONG = 'q8Zr3VtX1mPk9sWd7LfB2nHc6JyG4aEu0TxQ';

describe('production settings', () => {
  test('production seeds the demo only when SEED_DEMO=true is given; development unless it is false', () => {
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: STRONG }).seedDemo).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: STRONG, SEED_DEMO: 'yes' })).toThrow(
      'SEED_DEMO must be true or false',
    );
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: STRONG, SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });

  test('production refuses a missing, short, published or repetitive session secret, naming the variable', () => {
    const start = (secret?: string) => () =>
      loadConfig({ NODE_ENV: 'production', ...(secret === undefined ? {} : { SESSION_SECRET: secret }) });
    expect(start()).toThrow(/^SESSION_SECRET is shorter than 32 characters/);
    expect(start('development-only-secret-change-me-0123456789')).toThrow(/SESSION_SECRET is a published example/);
    expect(start('please-change-me-before-going-live-0123456789')).toThrow(/published example/);
    expect(start('abababababababababababababababababab')).toThrow(/too few distinct characters/);
    expect(start(STRONG)).not.toThrow();
    expect(weakSecretReason(STRONG)).toBeUndefined();
  });

  test('development keeps its built-in secret and marks itself as not production', () => {
    const config = loadConfig({});
    expect(config.production).toBe(false);
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });
});

describe('a setting that cannot be used', () => {
  test('is a ConfigError whose one line names the variable', () => {
    expect(() => loadConfig({ SAGSGANG_FILE_GRACE_HOURS: 'soon' })).toThrow(ConfigError);
    expect(() => loadConfig({ OIDC_PROVIDERS: '{not json' })).toThrow(/^OIDC_PROVIDERS is not valid JSON/);
  });
});

describe('sessions', () => {
  test('end after 30 minutes unused and 12 hours in all by default, and refuse a setting that is no duration', () => {
    const config = loadConfig({});
    expect([config.sessionTtlMinutes, config.sessionMaxMinutes]).toEqual([30, 720]);
    expect(() => loadConfig({ SESSION_TTL_MINUTES: 'forever' })).toThrow(
      /^SESSION_TTL_MINUTES must be a positive number/,
    );
  });
});

describe('file store settings', () => {
  const s3 = { SAGSGANG_FILE_STORE: 's3', S3_BUCKET: 'sagsgang-files' };

  test('the local folder is the default; s3 takes the bucket and its service from S3_*', () => {
    expect(loadConfig({}).fileStore).toEqual({ kind: 'local' });
    expect(
      loadConfig({
        ...s3,
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_REGION: 'eu-north-1',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_FORCE_PATH_STYLE: 'true',
        S3_PREFIX: 'sagsgang/',
      }).fileStore,
    ).toEqual({
      kind: 's3',
      bucket: 'sagsgang-files',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-north-1',
      accessKeyId: 'id',
      secretAccessKey: 'secret',
      forcePathStyle: true,
      prefix: 'sagsgang/',
    });
    expect(loadConfig(s3).fileStore).toMatchObject({ region: 'us-east-1', forcePathStyle: false, prefix: '' });
  });

  test('a store, bucket, endpoint, key pair or prefix that cannot be used is refused naming its variable', () => {
    expect(() => loadConfig({ SAGSGANG_FILE_STORE: 'nfs' })).toThrow(/^SAGSGANG_FILE_STORE must be local or s3/);
    expect(() => loadConfig({ SAGSGANG_FILE_STORE: 's3' })).toThrow(/^S3_BUCKET must name a bucket/);
    expect(() => loadConfig({ ...s3, S3_BUCKET: 'Files_2026' })).toThrow(/^S3_BUCKET/);
    expect(() => loadConfig({ ...s3, S3_ENDPOINT: 'minio:9000/x y' })).toThrow(/^S3_ENDPOINT must be a URL/);
    expect(() => loadConfig({ ...s3, S3_ACCESS_KEY_ID: 'id' })).toThrow(/^S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ ...s3, S3_FORCE_PATH_STYLE: 'yes' })).toThrow(/^S3_FORCE_PATH_STYLE/);
    expect(() => loadConfig({ ...s3, S3_PREFIX: 'sagsgang' })).toThrow(/^S3_PREFIX must be/);
    expect(() => loadConfig({ ...s3, S3_PREFIX: 'files/../' })).toThrow(/^S3_PREFIX must be/);
    expect(loadConfig({ ...s3, S3_PREFIX: 'a.b/c-d_2/' }).fileStore).toMatchObject({ prefix: 'a.b/c-d_2/' });
  });
});

describe('password hash cost and second factor', () => {
  test('the scrypt cost cannot be lowered by the environment in production (regression)', () => {
    const env = { NODE_ENV: 'production', SESSION_SECRET: STRONG };
    expect(() => loadConfig({ ...env, PASSWORD_SCRYPT_LOG_N: '14' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, PASSWORD_SCRYPT_LOG_N: '14' })).toThrow(/PASSWORD_SCRYPT_LOG_N cannot lower/);
    expect(loadConfig({ ...env, PASSWORD_SCRYPT_LOG_N: '18' }).production).toBe(true);
    expect(loadConfig({ PASSWORD_SCRYPT_LOG_N: '12' }).production).toBe(false);
  });

  test('administrators need a second factor unless the roles are named, and unknown roles are refused', () => {
    expect(loadConfig({}).mfaRequiredRoles).toEqual(['admin']);
    expect(loadConfig({ SAGSGANG_MFA_REQUIRED_ROLES: 'admin, teamlead' }).mfaRequiredRoles).toEqual([
      'admin',
      'teamlead',
    ]);
    expect(loadConfig({ SAGSGANG_MFA_REQUIRED_ROLES: 'none' }).mfaRequiredRoles).toEqual([]);
    expect(() => loadConfig({ SAGSGANG_MFA_REQUIRED_ROLES: 'root' })).toThrow(/SAGSGANG_MFA_REQUIRED_ROLES/);
  });
});

describe('SAML settings', () => {
  const STRONG_SECRET = 'x7Qp9vLm2Rt5Wz8Kc4Nf6Hj3Bd1Gs0Ya';
  const NEMLOGIN = JSON.stringify([
    {
      id: 'nemlogin',
      label: 'MitID',
      audience: 'applicant',
      entityId: 'https://x',
      idpMetadata: 'idp.xml',
      spKeys: [{ privateKeyFile: 'sp.key', certificateFile: 'sp.crt' }],
    },
  ]);
  test('production with a SAML provider for applicants needs its own CPR_HASH_KEY', () => {
    const env = { NODE_ENV: 'production', SESSION_SECRET: STRONG_SECRET, SAML_PROVIDERS: NEMLOGIN };
    expect(() => loadConfig(env)).toThrow(/^CPR_HASH_KEY must be set/);
    const key = 'k'.repeat(40);
    expect(loadConfig({ ...env, CPR_HASH_KEY: key }).cprHashKey).toBe(key);
    expect(loadConfig({ SAML_PROVIDERS: NEMLOGIN }).saml[0]!.id).toBe('nemlogin');
  });
  test('SAML_PROVIDERS that is not JSON is refused by name', () => {
    expect(() => loadConfig({ SAML_PROVIDERS: 'nemlogin' })).toThrow(/^SAML_PROVIDERS is not valid JSON/);
  });
});

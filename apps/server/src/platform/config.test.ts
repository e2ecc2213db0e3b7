import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig, weakSecretReason } from './config.js';

const STRONG = 'q8Zr3VtX1mPk9sWd7LfB2nHc6JyG4aEu0TxQ';

describe('production settings', () => {
  test('production seeds the demo only when SEED_DEMO=true is given; development unless it is false', () => {
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: STRONG }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: STRONG, SEED_DEMO: 'yes' }).seedDemo).toBe(false);
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

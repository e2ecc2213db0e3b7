import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { ENVIRONMENT_NAMES, environmentProblem } from './environment.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));
const README = fileURLToPath(new URL('../../../../README.md', import.meta.url));
const ENV_EXAMPLE = fileURLToPath(new URL('../../../../.env.example', import.meta.url));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const NAME = '[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*';
/** `process.env.X`, `env.X`, `env['X']`, and in the configuration code every quoted variable name it passes on. */
function variablesRead(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [new RegExp(`\\benv\\.(${NAME})\\b`, 'g'), new RegExp(`\\benv\\[['"](${NAME})['"]\\]`, 'g')];
  for (const file of sourceFiles(SRC)) {
    const source = fs.readFileSync(file, 'utf8');
    const relative = path.relative(SRC, file);
    const filePatterns =
      relative === path.join('platform', 'config.ts') ? [...patterns, /'([A-Z]+_[A-Z0-9_]+)'/g] : patterns;
    for (const pattern of filePatterns) for (const m of source.matchAll(pattern)) found.set(m[1]!, relative);
  }
  return found;
}

/** The backticked names in the README's configuration table. */
function documented(): Set<string> {
  const readme = fs.readFileSync(README, 'utf8');
  const section = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
  );
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  return new Set(
    rows.flatMap((row) => [...row.split('|')[1]!.matchAll(new RegExp(`\`(${NAME})\``, 'g'))].map((m) => m[1]!)),
  );
}

describe('every environment variable the server reads', () => {
  const read = variablesRead();

  test('is found by the scan (the scan itself works)', () => {
    expect(read.get('DATABASE_URL')).toBe(path.join('platform', 'config.ts'));
    expect(read.get('PASSWORD_SCRYPT_LOG_N')).toBe(path.join('platform', 'auth', 'password.ts'));
    expect(read.size).toBeGreaterThan(30);
  });

  test('is checked at start by the environment schema', () => {
    const unchecked = [...read.keys()].filter((name) => !ENVIRONMENT_NAMES.includes(name as never));
    expect(unchecked, 'read in the source but not in platform/environment.ts').toEqual([]);
  });

  test("is in the README's configuration table, and so is every variable of the schema", () => {
    const table = documented();
    const names = new Set([...read.keys(), ...ENVIRONMENT_NAMES]);
    expect([...names].filter((name) => !table.has(name))).toEqual([]);
  });
});

test('.env.example sets only variables the server reads (or compose.yaml uses), each with a usable value', () => {
  const composeOnly = ['POSTGRES_PASSWORD', 'PROXY_PORT'];
  const entries = fs
    .readFileSync(ENV_EXAMPLE, 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z]/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const);
  expect(entries.length).toBeGreaterThan(10);
  const unknown = entries.filter(([name]) => !composeOnly.includes(name) && !ENVIRONMENT_NAMES.includes(name as never));
  expect(unknown).toEqual([]);
  expect(environmentProblem(Object.fromEntries(entries))).toBeUndefined();
});

describe('a wrong value ends the start with one line naming the variable', () => {
  test.each([
    [{ PORT: 'eighty' }, 'PORT must be a port number (0 to 65535), not "eighty".'],
    [{ PORT: '70000' }, 'PORT must be a port number (0 to 65535), not "70000".'],
    [{ NODE_ENV: 'prod' }, 'NODE_ENV must be production, development or test, not "prod".'],
    [{ DATABASE_URL: 'mysql://db/sagsgang' }, 'DATABASE_URL must be a postgres:// URL, not "mysql://db/sagsgang".'],
    [{ PUBLIC_URL: 'sager.example.dk' }, 'PUBLIC_URL must be an http(s) URL, not "sager.example.dk".'],
    [{ SEED_DEMO: 'yes' }, 'SEED_DEMO must be true or false, not "yes".'],
    [{ SMTP_SECURE: '1' }, 'SMTP_SECURE must be true or false, not "1".'],
    [
      { LOG_LEVEL: 'verbose' },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "verbose".',
    ],
    [
      { SHUTDOWN_READINESS_DELAY_SECONDS: '-1' },
      'SHUTDOWN_READINESS_DELAY_SECONDS must be zero or a positive number, not "-1".',
    ],
    [{ SAGSGANG_METRICS_PORT: 'on' }, 'SAGSGANG_METRICS_PORT must be a port number (0 to 65535), not "on".'],
    [{ AUTHORITY_EMAIL: 'borgerservice' }, 'AUTHORITY_EMAIL must be an e-mail address, not "borgerservice".'],
    [{ PASSWORD_SCRYPT_LOG_N: '30' }, 'PASSWORD_SCRYPT_LOG_N must be a whole number from 10 to 20, not "30".'],
  ])('%o', (env, line) => {
    expect(environmentProblem(env)).toBe(line);
    expect(() => loadConfig(env)).toThrow(new ConfigError(line));
  });

  test('secrets are named but never echoed', () => {
    const problem = environmentProblem({ OIDC_PROVIDERS: '[{"id":"x","clientSecret":"s3cret-value"}]' });
    expect(problem).toMatch(/^OIDC_PROVIDERS must be a JSON list of/);
    expect(problem).not.toContain('s3cret-value');
  });

  test('empty counts as unset, and variables the server does not read are left alone', () => {
    expect(environmentProblem({ PORT: '', DATABASE_URL: '', SOMETHING_ELSE: 'x' })).toBeUndefined();
    expect(loadConfig({ SAGSGANG_METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(loadConfig({}).metrics).toBeUndefined();
  });
});

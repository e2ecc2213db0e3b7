import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readMigrations } from '../src/platform/db/migrate.js';

// The server as `npm start` runs it: compiled by the build (`npm run build -w @sagsgang/server`, incremental, so
// quick after a build) and started as plain JavaScript by node, with no TypeScript loader and none of the sources'
// export condition, so the workspace packages load from their dist/ too. On the embedded database in a fresh
// folder, in production mode, with a small demo seed.

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const SERVER = path.join(REPO, 'apps', 'server');
const WEB_INDEX = path.join(REPO, 'apps', 'web', 'dist', 'index.html');
const DEMO_CASES = 30;

let dataDir: string;
let child: ChildProcess;
let output = '';
let baseUrl: string;
let webBuilt: boolean;
let exit: Promise<number | null>;

function waitFor(pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no ${pattern} within ${ms} ms; output:\n${output}`)), ms);
    const check = () => {
      const match = output.match(pattern);
      if (match) done(null, match);
    };
    const done = (err: Error | null, match?: RegExpMatchArray) => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(match!);
    };
    const onExit = (code: number | null) =>
      done(new Error(`the server exited (${code}) before ${pattern}:\n${output}`));
    child.stdout?.on('data', check);
    child.on('exit', onExit);
    check();
  });
}

/** A GET whose body is read whole: an unread body keeps its connection busy, and the server's close waits for it. */
async function get(pathName: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${baseUrl}${pathName}`);
  return { status: response.status, body: await response.text() };
}

beforeAll(async () => {
  await promisify(execFile)('npm', ['run', 'build', '-w', '@sagsgang/server', '--silent'], { cwd: REPO });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-dist-'));
  webBuilt = fs.existsSync(WEB_INDEX);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    SESSION_SECRET: 'a production-build test secret of 40 chars',
    SAGSGANG_DATA_DIR: dataDir,
    SAGSGANG_DEMO_CASES: String(DEMO_CASES),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
  };
  for (const name of ['DATABASE_URL', 'NODE_OPTIONS', 'SEED_DEMO', 'SAGSGANG_FILE_DIR']) delete env[name];
  // Production seeds the demo only when asked for by name, and says so.
  env.SEED_DEMO = 'true';
  child = spawn(process.execPath, [path.join(SERVER, 'dist', 'main.js')], { cwd: REPO, env, stdio: 'pipe' });
  exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [, url] = await waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/, 240_000);
  baseUrl = url;
  await waitFor(/Sagsgang is ready/, 60_000);
}, 480_000); // a cold build and a fresh embedded database on a busy 2-core machine

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await exit;
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the compiled server (dist/)', () => {
  test('seeds the demo authority and serves the portal and the API', async () => {
    expect(output).toContain(`Demo seed: ${DEMO_CASES} cases`);
    expect(output).toContain('SEED_DEMO=true with NODE_ENV=production: this server runs the DEMO authority');
    expect((await get('/api/health')).status).toBe(200);
    const portal = await get('/');
    expect(portal.status).toBe(200);
    expect(portal.body).toContain('Sagsgang Kommune');
  });

  test('serves the portal files and DKFDS from beside the compiled code', async () => {
    const css = await get('/static/portal/portal.css');
    expect(css.status).toBe(200);
    expect(css.body).toBe(fs.readFileSync(path.join(SERVER, 'src/modules/portal/assets/portal.css'), 'utf8'));
    const dkfds = await get('/static/dkfds/css/dkfds-borgerdk.min.css');
    expect(dkfds.status).toBe(200);
    expect(dkfds.body.length).toBeGreaterThan(10_000);
  });

  test('serves the built back office, or says how to build it', async () => {
    const page = await get('/app/');
    if (webBuilt) {
      expect(page.status).toBe(200);
      expect(page.body).toBe(fs.readFileSync(WEB_INDEX, 'utf8'));
    } else {
      expect(page.status).toBe(503);
      expect(page.body).toContain('npm run build -w @sagsgang/web');
    }
  });

  test('SIGTERM reaches the shutdown handler; every migration in src/ was applied from dist/', async () => {
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(output).toContain('SIGTERM: not ready any more; draining');
    expect(output).toContain('SIGTERM: stopped');

    const db = new PGlite(path.join(dataDir, 'pglite'));
    try {
      const applied = await db.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY name');
      expect(applied.rows.map((r) => r.name)).toEqual(readMigrations().map((m) => m.name));
    } finally {
      await db.close();
    }
  }, 60_000);
});

/**
 * Sagsgang as a real HTTP server for the load and soak benchmarks: a fresh database on the engine, the demo authority
 * seeded the way `npm start` seeds it, the app listening on a free loopback port, and people signed in through the
 * real sign-in route. Load comes from autocannon in a child process, so the load generator never shares the
 * server's event loop nor its CPU figures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { createAppContext, startBackground } from '../src/composition.js';
import { loadConfig } from '../src/platform/config.js';
import type { Database, Engine } from '../src/platform/db/database.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { DEMO_PASSWORD } from '../src/modules/demo/index.js';
import { openThrowawayPostgres } from '../test/support/throwaway-postgres.js';

export interface RunningServer {
  base: string;
  app: FastifyInstance;
  database: Database;
  seedSeconds: number;
  close(): Promise<void>;
}

/** The engines to run: BENCH_ENGINES, else both when DATABASE_URL is set, else PGlite. */
export function benchEngines(): Engine[] {
  const list = process.env.BENCH_ENGINES ?? (process.env.DATABASE_URL ? 'pglite,postgres' : 'pglite');
  return list.split(',').map((s) => s.trim()) as Engine[];
}

/**
 * Starts Sagsgang on a fresh database of the engine, with the demo authority (SAGSGANG_DEMO_CASES cases of history)
 * and the job runner when `jobs` is set. Logs go through the real logger at LOG_LEVEL (default info, as `npm start`)
 * into /dev/null: the cost of writing every line is measured, without flooding the terminal.
 */
export async function startSagsgang(engine: Engine, options: { jobs: boolean }): Promise<RunningServer> {
  const database =
    engine === 'pglite'
      ? await openDatabase({ dataDir: 'memory://' })
      : await openThrowawayPostgres({ prefix: 'sagsgang_load', poolSize: 10 });
  if (engine === 'pglite') await migrate(database.pool);
  // Uploads go to a folder of the run's own, removed again on close.
  const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-bench-files-'));
  const config = loadConfig({ ...process.env, DATABASE_URL: '', SAGSGANG_FILE_DIR: fileDir }, { seedDemo: true });
  const ctx = createAppContext({ config, database });
  const app = await buildApp(ctx, { logStream: pino.destination({ dest: '/dev/null', sync: false }) });
  const t0 = performance.now();
  const stopBackground = await startBackground(app, ctx, { jobs: options.jobs });
  const seedSeconds = (performance.now() - t0) / 1000;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    base,
    app,
    database,
    seedSeconds,
    async close() {
      await stopBackground();
      await app.close();
      await database.close();
      fs.rmSync(fileDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through POST /api/auth/login and returns the Cookie header that carries the session. */
export async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: HTTP ${res.status} ${await res.text()}`);
  return cookiesOf(res).join('; ');
}

/** A CSRF token and the cookie header that goes with it (session plus the CSRF secret cookie). */
export async function csrfFor(base: string, cookie: string): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${base}/api/auth/csrf`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`csrf: HTTP ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  return { token, cookie: [cookie, ...cookiesOf(res)].join('; ') };
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]);
}

export interface LoadResult {
  /** Mean requests per second over the run. */
  requests: number;
  total: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  statusCodes: Record<string, { count: number }>;
  duration: number;
  /** CPU milliseconds of the server process per answered request. */
  cpuMsPerRequest: number;
  /** The part of that CPU time spent in the kernel (socket writes and reads to clients and the database). */
  systemShare: number;
}

/**
 * One autocannon run (in a child process) against `url` with `connections` clients for `seconds`, with the CPU time
 * this process (the server, and PGlite when it is the engine) spent per answered request.
 */
export function load(
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./autocannon-child.mjs', import.meta.url), { stdio: 'inherit' });
    const cpu = process.cpuUsage();
    child.once('message', (r: LoadResult) => {
      const used = process.cpuUsage(cpu);
      resolve({
        ...r,
        cpuMsPerRequest: (used.user + used.system) / 1000 / Math.max(r.total, 1),
        systemShare: used.system / Math.max(used.user + used.system, 1),
      });
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`autocannon exited with ${code}`));
    });
    child.send({ url, connections: options.connections, duration: options.seconds, headers: options.headers ?? {} });
  });
}

/** The machine's load averages, printed beside every figure: this machine is shared. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

// The first requests after a fresh `npm start`: the compiled server (apps/server/dist, built by `npm run build`) is
// started as `npm start` starts it, on an empty embedded database (a fresh data folder) — or on an empty PostgreSQL
// database when DATABASE_URL is set and BENCH_ENGINES says postgres — so it migrates and seeds the demo authority
// (SAGSGANG_DEMO_CASES, default 20,000) before it listens. Then, timed one by one: the citizen's sign-in, their list
// of cases as JSON (to learn a case number), the first case page, and the same page again. Plain JavaScript, run
// with node after `npm run build`:
//
//   npm run build && node apps/server/bench/first-request.bench.mjs
//
// Printed, never asserted. The issue asks for the case page in under 100 ms on the first request after start.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const here = path.dirname(new URL(import.meta.url).pathname);
const dist = path.join(here, '..', 'dist');
if (!fs.existsSync(path.join(dist, 'main.js'))) {
  console.error('No compiled server: run `npm run build` first.');
  process.exit(1);
}
const { DEMO_PASSWORD } = await import(path.join(dist, 'modules/demo/index.js'));
const engines = (process.env.BENCH_ENGINES ?? (process.env.DATABASE_URL ? 'pglite,postgres' : 'pglite')).split(',');

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function timed(label, url, init) {
  const t = performance.now();
  const res = await fetch(url, init);
  const body = await res.text();
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`${label}: HTTP ${res.status} ${body.slice(0, 200)}`);
  return { label, ms: Math.round(ms * 10) / 10, res, body };
}

async function run(engine) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-first-'));
  const port = await freePort();
  let dbName;
  const env = { ...process.env, SAGSGANG_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '' };
  delete env.PUBLIC_URL;
  if (engine === 'postgres') {
    const url = new URL(process.env.DATABASE_URL);
    dbName = `sagsgang_first_${process.pid}`;
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  }
  const started = performance.now();
  const server = spawn(process.execPath, [path.join(dist, 'main.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise((resolve, reject) => {
      let seen = '';
      server.stdout.on('data', (chunk) => {
        seen += chunk;
        if (seen.includes('Sagsgang is ready')) resolve();
        if (seen.length > 1e6) seen = seen.slice(-1e5);
      });
      server.once('exit', (code) => reject(new Error(`the server exited with ${code} before it was ready`)));
    });
    const readySeconds = (performance.now() - started) / 1000;
    server.stdout.resume();
    const base = `http://127.0.0.1:${port}`;
    const login = await timed('POST /api/auth/login (borger)', `${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'borger', password: DEMO_PASSWORD }),
    });
    const cookie = login.res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const list = await timed('GET /api/my/cases', `${base}/api/my/cases`, { headers: { cookie } });
    const cases = JSON.parse(list.body);
    const open = cases.find((c) => c.state !== 'decided' && c.state !== 'closed') ?? cases[0];
    if (!open) throw new Error('The demo citizen has no cases at this SAGSGANG_DEMO_CASES: use a larger one.');
    const page = `${base}/mine-sager/${encodeURIComponent(open.reference)}`;
    const headers = { cookie, accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' };
    const first = await timed('GET /mine-sager/:reference, first', page, { headers });
    const second = await timed('GET /mine-sager/:reference, second', page, { headers });
    const myCases = await timed('GET /mine-sager, first', `${base}/mine-sager`, { headers });
    console.log(
      `\n${engine}: started, migrated and seeded (SAGSGANG_DEMO_CASES=${process.env.SAGSGANG_DEMO_CASES ?? '20000'}) ` +
        `in ${readySeconds.toFixed(1)} s; load average ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}`,
    );
    console.table([login, list, first, second, myCases].map((r) => ({ request: r.label, ms: r.ms })));
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (dbName) {
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
}

for (const engine of engines) await run(engine.trim());

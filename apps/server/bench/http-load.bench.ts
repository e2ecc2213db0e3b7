/**
 * Throughput of Sagsgang over real HTTP, beside a bare Fastify route with a similar body in the same run, 20
 * concurrent clients (autocannon), signed in through the real sign-in route with session cookies:
 *
 *   citizen: GET /mine-sager/:reference, GET /mine-sager, GET /api/my/cases/:id
 *   staff:   GET /api/cases/queue, GET /api/cases/:id
 *
 * On PGlite, and on PostgreSQL (a throwaway database) when DATABASE_URL is set; BENCH_ENGINES picks. The demo
 * authority is seeded as `npm start` seeds it: SAGSGANG_DEMO_CASES cases of history (default 20,000; e.g. 2000 for a
 * quick run). BENCH_SECONDS per scenario (default 10), BENCH_CONNECTIONS (default 20). Requests carry
 * `accept-encoding: gzip, deflate, br` as browsers send it (BENCH_ACCEPT_ENCODING='' for none). Printed, never asserted.
 *
 *   DATABASE_URL=postgres://… npm run bench:http -w @sagsgang/server
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../src/platform/db/database.js';
import { benchEngines, load, loadAverage, signIn, startSagsgang, type LoadResult } from './http-bench-support.js';
import { demoCitizenCases, openOrNewest } from './bench-support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? 'gzip, deflate, br';
/** BENCH_CPU_PROFILE=dir: a V8 CPU profile of the server per engine and scenario, written there (seeding left out). */
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE;
/** BENCH_ONLY=substring: run only the scenarios whose name contains it. */
const ONLY = process.env.BENCH_ONLY;

async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const result = await work();
  const { profile } = await session.post('Profiler.stop');
  fs.mkdirSync(PROFILE_DIR, { recursive: true });
  fs.writeFileSync(`${PROFILE_DIR}/${name.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`, JSON.stringify(profile));
  session.disconnect();
  return result;
}

interface Scenario {
  name: string;
  path: string;
  cookie: string;
  accept: 'html' | 'json';
  /** What the issue asks of this page, per engine. */
  target: (engine: Engine, r: LoadResult, bare: LoadResult) => { text: string; met: boolean };
}

const rate = (min: number, p99?: number) => (_e: Engine, r: LoadResult) => ({
  text: `≥${min} req/s${p99 ? `, p99<${p99} ms` : ''}`,
  met: r.requests >= min && (p99 === undefined || r.p99 < p99),
});
const pageTarget = (engine: Engine, r: LoadResult) =>
  engine === 'postgres' ? rate(1000, 50)(engine, r) : rate(300)(engine, r);
const apiTarget = (_e: Engine, r: LoadResult, bare: LoadResult) => ({
  text: '≥25% of bare, p99<20 ms',
  met: r.requests >= 0.25 * bare.requests && r.p99 < 20,
});

/** A bare Fastify server answering the very bodies Sagsgang sent, JSON re-serialised per request like a route. */
async function startBare(json: unknown, html: string) {
  const bare = Fastify({ logger: false });
  bare.get('/json', async () => json);
  bare.get('/html', async (_req, reply) => reply.type('text/html; charset=utf-8').send(html));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  return { app: bare, base: `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}` };
}

async function fetchOk(url: string, headers: Record<string, string>): Promise<string> {
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

async function run(engine: Engine): Promise<void> {
  const server = await startSagsgang(engine, { jobs: false });
  // Closing drops the throwaway database, also when a step fails.
  try {
    await measureAll(engine, server);
  } finally {
    await server.close();
  }
}

async function measureAll(engine: Engine, server: Awaited<ReturnType<typeof startSagsgang>>): Promise<void> {
  const citizen = await signIn(server.base, 'borger');
  const staff = await signIn(server.base, 'sagsbehandler');
  const db = server.database.db;
  const mine = await demoCitizenCases(db);
  if (mine.length === 0)
    throw new Error('The demo citizen has no cases at this SAGSGANG_DEMO_CASES: use a larger one.');
  const open = openOrNewest(mine)!;
  const staffCase = await db
    .selectFrom('case_clock')
    .innerJoin('unit', 'unit.id', 'case_clock.unit_id')
    .select('case_clock.case_id')
    .where('unit.code', '=', 'udl-familie')
    .where('case_clock.decided_at', 'is', null)
    .executeTakeFirstOrThrow();
  const scenarios: Scenario[] = [
    {
      name: 'citizen case page',
      path: `/mine-sager/${encodeURIComponent(open.reference)}`,
      cookie: citizen,
      accept: 'html',
      target: pageTarget,
    },
    { name: 'citizen my-cases', path: '/mine-sager', cookie: citizen, accept: 'html', target: pageTarget },
    {
      name: 'GET /api/my/cases/:id',
      path: `/api/my/cases/${open.id}`,
      cookie: citizen,
      accept: 'json',
      target: apiTarget,
    },
    { name: 'staff work queue', path: '/api/cases/queue?limit=25', cookie: staff, accept: 'json', target: rate(500) },
    { name: 'staff case', path: `/api/cases/${staffCase.case_id}`, cookie: staff, accept: 'json', target: rate(500) },
  ];
  const headersOf = (s: Scenario) => ({
    cookie: s.cookie,
    accept: s.accept === 'html' ? 'text/html' : 'application/json',
    ...(ACCEPT_ENCODING ? { 'accept-encoding': ACCEPT_ENCODING } : {}),
  });
  // Every page answers 200 before any load, and the bare server gets the very bodies of the case page and the API.
  for (const s of scenarios) await fetchOk(server.base + s.path, headersOf(s));
  const jsonBody = JSON.parse(await fetchOk(server.base + scenarios[2].path, { cookie: citizen }));
  const htmlBody = await fetchOk(server.base + scenarios[0].path, { cookie: citizen, accept: 'text/html' });
  const bare = await startBare(jsonBody, htmlBody);

  console.log(
    `\n${engine}: demo seeded in ${server.seedSeconds.toFixed(1)} s (SAGSGANG_DEMO_CASES=${process.env.SAGSGANG_DEMO_CASES ?? '20000'}); ` +
      `${CONNECTIONS} connections, ${SECONDS} s each; JSON body ${JSON.stringify(jsonBody).length} B, ` +
      `HTML body ${htmlBody.length} B; load average before: ${loadAverage()}`,
  );
  const bareJson = await load(`${bare.base}/json`, { connections: CONNECTIONS, seconds: SECONDS });
  const bareHtml = await load(`${bare.base}/html`, { connections: CONNECTIONS, seconds: SECONDS });
  const rows: Record<string, string | number>[] = [
    row('bare Fastify JSON', bareJson),
    row('bare Fastify HTML', bareHtml),
  ];
  for (const s of scenarios) {
    if (ONLY && !s.name.includes(ONLY)) continue;
    const r = await profiled(`${engine}-${s.name}`, () =>
      load(server.base + s.path, { connections: CONNECTIONS, seconds: SECONDS, headers: headersOf(s) }),
    );
    const baseline = s.accept === 'html' ? bareHtml : bareJson;
    const target = s.target(engine, r, baseline);
    rows.push({
      ...row(s.name, r),
      'vs bare': `${((100 * r.requests) / baseline.requests).toFixed(1)}%`,
      target: target.text,
      met: target.met && r.errors === 0 && r.non2xx === 0 ? 'yes' : 'NO',
    });
  }
  console.table(rows);
  console.log(`${engine}: load average after: ${loadAverage()}`);
  await bare.app.close();
}

function row(name: string, r: LoadResult): Record<string, string | number> {
  return {
    scenario: name,
    'req/s': Math.round(r.requests),
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    'errors/non-2xx': `${r.errors}/${r.non2xx}`,
    'CPU ms/req': Math.round(r.cpuMsPerRequest * 100) / 100,
    'of it kernel': `${Math.round(100 * r.systemShare)}%`,
  };
}

for (const engine of benchEngines()) await run(engine);

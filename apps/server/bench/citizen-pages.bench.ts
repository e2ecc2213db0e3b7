/**
 * The citizen's pages and the staff case page on a freshly seeded demo authority, as `npm start` makes it: one
 * request's latency (the first after start, then the median of a few) and the number of SQL statements each page
 * sends, counted at the pool. Runs on PGlite, and on PostgreSQL too when DATABASE_URL is set (BENCH_ENGINES picks:
 * `pglite`, `postgres` or `pglite,postgres`). Sizes: SAGSGANG_DEMO_CASES (default 20,000). Printed, never asserted.
 * With BENCH_EXPLAIN=1 it also prints EXPLAIN ANALYZE of every statement each page sent.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/citizen-pages.bench.ts
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import type { Engine } from '../src/platform/db/database.js';
import { createSession, SESSION_COOKIE } from '../src/platform/auth/session-store.js';
import { createAppContext, startBackground } from '../src/composition.js';
import { benchDatabase, demoCitizenCases, openOrNewest } from './bench-support.js';
import { countQueries, type Statement } from '../test/support/query-counter.js';
import { explainStatements } from './explain-support.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const ENGINES = (process.env.BENCH_ENGINES ?? (process.env.DATABASE_URL ? 'pglite,postgres' : 'pglite'))
  .split(',')
  .map((s) => s.trim()) as Engine[];

async function cookieFor(database: Awaited<ReturnType<typeof benchDatabase>>, username: string): Promise<string> {
  const user = await database.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const { token } = await createSession(
    database.db,
    { userId: user.id, authMethod: 'bench' },
    { idleMinutes: 600, maxMinutes: 600 },
  );
  return `${SESSION_COOKIE}=${token}`;
}

interface PageFigure {
  page: string;
  first: number;
  median: number;
  queries: number;
  status: number;
  statements: Statement[];
}

async function measure(
  app: FastifyInstance,
  counter: ReturnType<typeof countQueries>,
  page: string,
  url: string,
  cookie: string,
): Promise<PageFigure> {
  const once = async () => {
    counter.reset();
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { cookie, accept: 'text/html' } });
    return {
      ms: performance.now() - t,
      status: res.statusCode,
      queries: counter.count,
      statements: [...counter.statements],
    };
  };
  const first = await once();
  const times: number[] = [];
  let last = first;
  for (let i = 0; i < RUNS; i++) {
    last = await once();
    times.push(last.ms);
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    page,
    first: round(first.ms),
    median: round(times[Math.floor(times.length / 2)]),
    queries: last.queries,
    status: last.status,
    statements: last.statements,
  };
}

async function run(engine: Engine): Promise<void> {
  const database = await benchDatabase(engine);
  const config = loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' }, { seedDemo: true });
  const ctx = createAppContext({ config, database });
  const app = await buildApp(ctx, { logger: false });
  const t0 = performance.now();
  // What `npm start` does on an empty database, without the job runner (its timing would blur the figures).
  const stop = await startBackground(app, ctx, { jobs: false });
  const seedSeconds = (performance.now() - t0) / 1000;
  await app.ready();
  const counter = countQueries(database.pool);
  const citizen = await cookieFor(database, 'borger');
  const staff = await cookieFor(database, 'sagsbehandler');
  const mine = await demoCitizenCases(database.db);
  const open = openOrNewest(mine)!;
  const staffCase = await database.db
    .selectFrom('case_clock')
    .innerJoin('unit', 'unit.id', 'case_clock.unit_id')
    .select('case_clock.case_id')
    .where('unit.code', '=', 'udl-familie')
    .where('case_clock.decided_at', 'is', null)
    .executeTakeFirst();
  const figures = [
    await measure(app, counter, `GET /mine-sager (${mine.length} cases)`, '/mine-sager', citizen),
    await measure(app, counter, 'GET /mine-sager/:reference (open)', `/mine-sager/${open.reference}`, citizen),
    await measure(app, counter, 'GET /api/my/cases/:id', `/api/my/cases/${open.id}`, citizen),
    await measure(app, counter, 'GET /api/cases/queue (staff)', '/api/cases/queue?limit=25', staff),
  ];
  if (staffCase)
    figures.push(await measure(app, counter, 'GET /api/cases/:id (staff)', `/api/cases/${staffCase.case_id}`, staff));
  counter.stop();
  console.log(`\n${engine}: demo seeded in ${seedSeconds.toFixed(1)} s; ${RUNS} runs after the first request`);
  console.table(
    figures.map((f) => ({
      page: f.page,
      status: f.status,
      'first ms': f.first,
      'median ms': f.median,
      queries: f.queries,
    })),
  );
  if (EXPLAIN)
    for (const f of figures) {
      console.log(`\n${engine}, ${f.page}: EXPLAIN ANALYZE of its ${f.queries} statements`);
      for (const p of await explainStatements(database.pool, f.statements))
        console.log(
          `  ${String(p.ms).padStart(8)} ms  ${p.sql}\n${p.reads.map((r) => `              ${r}`).join('\n')}${
            p.suspicious.length ? `\n              SEQUENTIAL: ${p.suspicious.join('; ')}` : ''
          }`,
        );
    }
  await stop();
  await app.close();
  await database.close();
}

for (const engine of ENGINES) await run(engine);

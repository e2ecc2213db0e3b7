/**
 * The soak benchmark: Sagsgang as a real HTTP server with its job runner, under mixed citizen and staff traffic for
 * SOAK_MINUTES (default 30) — the citizen's case page, my-cases and API, the staff work queue and case, staff notes
 * and the citizen's answers with a small PDF — printing per minute the requests answered, the errors, and the
 * server's RSS and heap; at the end the memory slope in MB per minute (least squares over the minutes after
 * SOAK_WARMUP_MINUTES, default 5). SOAK_CLIENTS concurrent clients (default 8). On PostgreSQL (DATABASE_URL, a
 * throwaway database); BENCH_ENGINES=pglite runs it on the embedded engine instead. Demo size: SAGSGANG_DEMO_CASES.
 * Not part of `npm run bench`:
 *
 *   DATABASE_URL=postgres://… npm run bench:soak -w @sagsgang/server
 */
import { fork } from 'node:child_process';
import { csrfFor, loadAverage, signIn, startSagsgang } from './http-bench-support.js';
import { demoCitizenCases, openOrNewest } from './bench-support.js';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const WARMUP = Number(process.env.SOAK_WARMUP_MINUTES ?? Math.min(5, Math.floor(MINUTES / 3)));
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 8);
const MINUTE_MS = 60_000;

interface Counts {
  ok: number;
  errors: number;
  byKind: Record<string, { ok: number; errors: number }>;
}

/** Least-squares slope of y over x. */
export function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main() {
  if (!process.env.DATABASE_URL && process.env.BENCH_ENGINES !== 'pglite')
    throw new Error('The soak runs on PostgreSQL: set DATABASE_URL (or BENCH_ENGINES=pglite).');
  const engine = process.env.BENCH_ENGINES === 'pglite' ? 'pglite' : 'postgres';
  const server = await startSagsgang(engine, { jobs: true });
  // Closing drops the throwaway database, also when a step fails.
  try {
    await soak(engine, server);
  } finally {
    await server.close();
  }
}

async function soak(engine: string, server: Awaited<ReturnType<typeof startSagsgang>>): Promise<void> {
  const db = server.database.db;
  const own = openOrNewest(await demoCitizenCases(db));
  if (!own) throw new Error('The demo citizen has no cases at this SAGSGANG_DEMO_CASES: use a larger one.');
  const staffCases = await db
    .selectFrom('case_clock')
    .innerJoin('unit', 'unit.id', 'case_clock.unit_id')
    .select('case_clock.case_id')
    .where('unit.code', '=', 'udl-familie')
    .where('case_clock.decided_at', 'is', null)
    .where('case_clock.case_id', '!=', own.id)
    .limit(CLIENTS * 50)
    .execute();
  const citizen = await csrfFor(server.base, await signIn(server.base, 'borger'));
  const staff = await csrfFor(server.base, await signIn(server.base, 'sagsbehandler'));

  const traffic = fork(new URL('./soak-traffic.mjs', import.meta.url), { stdio: 'inherit' });
  const ask = (): Promise<Counts> =>
    new Promise((resolve) => {
      traffic.once('message', (m) => resolve(m as Counts));
      traffic.send({ type: 'counts' });
    });
  console.log(
    `Soak on ${engine}: demo seeded in ${server.seedSeconds.toFixed(1)} s ` +
      `(SAGSGANG_DEMO_CASES=${process.env.SAGSGANG_DEMO_CASES ?? '20000'}), ${CLIENTS} clients, ${MINUTES} min, ` +
      `warm-up ${WARMUP} min; load average ${loadAverage()}`,
  );
  traffic.send({
    type: 'start',
    plan: {
      base: server.base,
      clients: CLIENTS,
      citizen: { cookie: citizen.cookie, csrf: citizen.token, reference: own.reference, caseId: own.id },
      staff: { cookie: staff.cookie, csrf: staff.token, caseIds: staffCases.map((c) => c.case_id) },
    },
  });

  const rows: Record<string, string | number>[] = [];
  const rss: number[] = [];
  const heap: number[] = [];
  let before: Counts = { ok: 0, errors: 0, byKind: {} };
  for (let minute = 1; minute <= MINUTES; minute++) {
    await new Promise((resolve) => setTimeout(resolve, MINUTE_MS));
    const now = await ask();
    const memory = process.memoryUsage();
    rss.push(mb(memory.rss));
    heap.push(mb(memory.heapUsed));
    const row = {
      minute,
      requests: now.ok + now.errors - before.ok - before.errors,
      'req/s': Math.round((now.ok + now.errors - before.ok - before.errors) / 60),
      errors: now.errors - before.errors,
      'RSS MB': mb(memory.rss),
      'heap MB': mb(memory.heapUsed),
      load: loadAverage().split(' ')[0],
    };
    rows.push(row);
    console.log(
      Object.entries(row)
        .map(([k, v]) => `${k} ${v}`)
        .join('  '),
    );
    before = now;
  }
  traffic.send({ type: 'stop' });
  const final = await new Promise<Counts>((resolve) => traffic.once('message', (m) => resolve(m as Counts)));
  console.table(rows);
  console.log('By kind of request:');
  console.table(final.byKind);
  const minutes = rows.map((r) => Number(r.minute));
  const after = (xs: number[]) => xs.slice(WARMUP);
  const fit = (ys: number[]) =>
    after(minutes).length >= 2 ? `${slope(after(minutes), after(ys)).toFixed(2)} MB/min` : 'too short to fit';
  console.log(
    `Totals: ${final.ok} answered, ${final.errors} errors. Memory slope over minutes ${WARMUP + 1}–${MINUTES}: ` +
      `RSS ${fit(rss)}, heap ${fit(heap)}. Load average at the end: ${loadAverage()}`,
  );
}

await main();

import { describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { enqueueJob } from './job-queue.js';
import { JobRunner, LeaseLostError, PermanentJobError, type JobDefinition } from './job-runner.js';
import { buildModuleRegistry } from '../module-registry.js';
import { Lifecycle } from '../lifecycle.js';
import { openFileStorage } from '../files/open-file-storage.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A runner of an app whose only module declares `jobs`; `lease` sets short lease settings for lease tests. */
function runner(
  database: Database,
  jobs: Record<string, JobDefinition>,
  workerId?: string,
  lease?: { leaseSeconds: number; heartbeatMs: number; pollMs?: number },
): JobRunner {
  const config = loadConfig({ ...process.env, DATABASE_URL: '' }, { seedDemo: false });
  const registry = buildModuleRegistry([{ name: 'test', jobs }]);
  return new JobRunner({
    ctx: { config, database, registry, lifecycle: new Lifecycle(), files: openFileStorage(config) },
    log: silent,
    pollMs: 10,
    workerId,
    ...lease,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function jobRow(database: Database, id: number) {
  return database.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describeEachEngine('job runner', (db, engine) => {
  test('runs a job by its kind and stores the result', async () => {
    const echo: JobDefinition = { handler: async (job) => ({ echoed: job.payload }) };
    const jobs = { [`echo-${engine}`]: echo };
    const id = await enqueueJob(db().db, { kind: `echo-${engine}`, payload: { n: 1 } });
    expect(await runner(db(), jobs).drain()).toBeGreaterThanOrEqual(1);
    const row = await jobRow(db(), id);
    expect(row).toMatchObject({ status: 'done', attempts: 1, result: { echoed: { n: 1 } } });
    expect(row.finished_at).toBeInstanceOf(Date);
  });

  test('retries a failing job later, then fails it for good after the last attempt', async () => {
    let calls = 0;
    const flaky: JobDefinition = {
      handler: async () => {
        calls++;
        throw new Error('smtp unavailable');
      },
      backoffSeconds: () => 3600,
    };
    const id = await enqueueJob(db().db, { kind: `flaky-${engine}`, maxAttempts: 2 });
    const r = runner(db(), { [`flaky-${engine}`]: flaky });
    await r.drain();
    let row = await jobRow(db(), id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'smtp unavailable' });
    expect(row.run_at.getTime()).toBeGreaterThan(Date.now() + 3000 * 1000);
    expect(await r.drain()).toBe(0); // not due yet
    await db()
      .db.updateTable('job')
      .set({ run_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
    await r.drain();
    row = await jobRow(db(), id);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(calls).toBe(2);
  });

  test('a permanent error fails the job at once', async () => {
    const bad: JobDefinition = {
      handler: async () => {
        throw new PermanentJobError('payload has no recipient');
      },
    };
    const id = await enqueueJob(db().db, { kind: `bad-${engine}` });
    await runner(db(), { [`bad-${engine}`]: bad }).drain();
    expect(await jobRow(db(), id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'payload has no recipient',
    });
  });

  test('two runners draining at once run every job exactly once', async () => {
    const seen: number[] = [];
    const count: JobDefinition = {
      handler: async (job) => {
        seen.push(job.id);
        await new Promise((r) => setImmediate(r));
      },
    };
    const jobs = { [`count-${engine}`]: count };
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await enqueueJob(db().db, { kind: `count-${engine}` }));
    await Promise.all([runner(db(), jobs, 'a').drain(), runner(db(), jobs, 'b').drain()]);
    expect([...seen].sort((x, y) => x - y)).toEqual(ids);
  });

  test('kinds without a handler here are left for another node', async () => {
    const id = await enqueueJob(db().db, { kind: `unknown-${engine}` });
    await runner(db(), {}).drain();
    expect(await jobRow(db(), id)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  test("two apps in one process each run only their own modules' kinds", async () => {
    const ran: string[] = [];
    const appA = runner(db(), { [`a-${engine}`]: { handler: async () => void ran.push('a') } });
    const appB = runner(db(), { [`b-${engine}`]: { handler: async () => void ran.push('b') } });
    const forB = await enqueueJob(db().db, { kind: `b-${engine}` });
    const forA = await enqueueJob(db().db, { kind: `a-${engine}` });
    expect(await appA.drain()).toBe(1);
    expect(ran).toEqual(['a']);
    expect(await jobRow(db(), forB)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await appB.drain()).toBe(1);
    expect(ran).toEqual(['a', 'b']);
    expect(await jobRow(db(), forA)).toMatchObject({ status: 'done' });
  });

  test('a job left running by a dead worker is picked up again', async () => {
    let recovered: () => void = () => undefined;
    const orphan: JobDefinition = { handler: async () => (recovered(), 'recovered') };
    const id = await enqueueJob(db().db, { kind: `orphan-${engine}` });
    await db()
      .db.updateTable('job')
      .set({ status: 'running', attempts: 1, locked_by: 'dead-node', locked_at: sql<Date>`now() - interval '1 hour'` })
      .where('id', '=', id)
      .execute();
    const r = runner(db(), { [`orphan-${engine}`]: orphan });
    await new Promise<void>((resolve) => {
      recovered = resolve;
      r.start();
    });
    await r.stop();
    expect(await jobRow(db(), id)).toMatchObject({ status: 'done', attempts: 2, result: 'recovered' });
  });

  test('stopping gives back the lease of a job that stops on the signal, without counting the attempt', async () => {
    let startedRun: () => void = () => undefined;
    const polite: JobDefinition = {
      handler: (_job, { signal }) =>
        new Promise((_, reject) => {
          startedRun();
          signal.addEventListener('abort', () => reject(new Error('stopped')));
        }),
    };
    const id = await enqueueJob(db().db, { kind: `polite-${engine}` });
    const r = runner(db(), { [`polite-${engine}`]: polite }, `polite-worker-${engine}`);
    await new Promise<void>((resolve) => {
      startedRun = resolve;
      r.start();
    });
    expect(await jobRow(db(), id)).toMatchObject({ status: 'running', attempts: 1 });
    await r.stop(5_000);
    expect(await jobRow(db(), id)).toMatchObject({ status: 'pending', attempts: 0, locked_by: null, last_error: null });
  });

  test('a job that ignores the signal loses its lease when the grace ends, and its late result is not stored', async () => {
    let startedRun: () => void = () => undefined;
    let finish: () => void = () => undefined;
    const stubborn: JobDefinition = {
      handler: () =>
        new Promise((resolve) => {
          startedRun();
          finish = () => resolve('late');
        }),
    };
    const id = await enqueueJob(db().db, { kind: `stubborn-${engine}` });
    const r = runner(db(), { [`stubborn-${engine}`]: stubborn }, `stubborn-worker-${engine}`);
    await new Promise<void>((resolve) => {
      startedRun = resolve;
      r.start();
    });
    const before = Date.now();
    await r.stop(100);
    expect(Date.now() - before).toBeLessThan(3_000);
    expect(await jobRow(db(), id)).toMatchObject({ status: 'pending', attempts: 0, locked_by: null });
    finish();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await jobRow(db(), id)).toMatchObject({ status: 'pending', result: null });
  });
});

describeEachEngine('job leases', (db, engine) => {
  // Short settings: a 1.5 s lease renewed every 250 ms, and another node polling every 50 ms for stale leases.
  const short = { leaseSeconds: 1.5, heartbeatMs: 250, pollMs: 50 };

  test('a job renewed while it runs past the stale window is not taken over by another node', async () => {
    const runs: string[] = [];
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const long = (who: string): JobDefinition => ({
      handler: async () => {
        runs.push(who);
        started();
        await new Promise<void>((resolve) => (release = resolve));
        return who;
      },
    });
    const kind = `long-${engine}`;
    const id = await enqueueJob(db().db, { kind });
    const a = runner(db(), { [kind]: long('a') }, `lease-a-${engine}`, short);
    const b = runner(db(), { [kind]: long('b') }, `lease-b-${engine}`, short);
    const running = new Promise<void>((resolve) => (started = resolve));
    const first = a.runOnce();
    await running;
    b.start();
    await sleep(3_500); // more than two leases
    const mid = await jobRow(db(), id);
    expect(mid).toMatchObject({ status: 'running', locked_by: `lease-a-${engine}`, attempts: 1 });
    expect(mid.lease_until!.getTime()).toBeGreaterThan(Date.now());
    release();
    expect(await first).toBe(true);
    await b.stop();
    expect(runs).toEqual(['a']);
    expect(await jobRow(db(), id)).toMatchObject({ status: 'done', result: 'a', attempts: 1, lease_until: null });
  });

  test("a killed worker's job, claimed and never renewed, is taken over once its lease has run out", async () => {
    let done: () => void = () => undefined;
    const kind = `killed-${engine}`;
    const id = await enqueueJob(db().db, { kind });
    // What a node killed right after its claim leaves behind: a 1 s lease that no heartbeat will renew.
    await db()
      .db.updateTable('job')
      .set({
        status: 'running',
        attempts: 1,
        locked_by: 'killed-node',
        locked_at: sql<Date>`now()`,
        lease_until: sql<Date>`now() + interval '1 second'`,
      })
      .where('id', '=', id)
      .execute();
    const claimedAt = Date.now();
    const b = runner(db(), { [kind]: { handler: async () => (done(), 'resumed') } }, `rescuer-${engine}`, short);
    const resumed = new Promise<void>((resolve) => (done = resolve));
    b.start();
    await sleep(400);
    expect(await jobRow(db(), id)).toMatchObject({ status: 'running', locked_by: 'killed-node' });
    await resumed;
    const waited = Date.now() - claimedAt;
    await b.stop();
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(3_000);
    expect(await jobRow(db(), id)).toMatchObject({ status: 'done', result: 'resumed', attempts: 2 });
  });

  test('a handler whose lease is lost is aborted, and what it returns afterwards is not stored', async () => {
    let started: () => void = () => undefined;
    let reason: unknown;
    const kind = `lost-${engine}`;
    const stubborn: JobDefinition = {
      handler: (_job, { signal }) =>
        new Promise((resolve) => {
          started();
          signal.addEventListener('abort', () => {
            reason = signal.reason;
            resolve('written after the lease was lost');
          });
        }),
    };
    const id = await enqueueJob(db().db, { kind });
    const a = runner(db(), { [kind]: stubborn }, `loser-${engine}`, { leaseSeconds: 60, heartbeatMs: 100 });
    const running = new Promise<void>((resolve) => (started = resolve));
    const run = a.runOnce();
    await running;
    // Another node has taken the job over (as after a lease that ran out while this one was stalled).
    await db()
      .db.updateTable('job')
      .set({ locked_by: 'other-node', attempts: 2, lease_until: sql<Date>`now() + interval '60 seconds'` })
      .where('id', '=', id)
      .execute();
    const before = Date.now();
    expect(await run).toBe(true);
    expect(Date.now() - before).toBeLessThan(2_000);
    expect(reason).toBeInstanceOf(LeaseLostError);
    expect(await jobRow(db(), id)).toMatchObject({
      status: 'running',
      locked_by: 'other-node',
      attempts: 2,
      result: null,
      last_error: null,
    });
  });

  test('a handler whose node cannot renew its lease (the database is unreachable) stops before the lease runs out', async () => {
    let started: () => void = () => undefined;
    let stoppedAt = 0;
    let reason: unknown;
    const kind = `cut-off-${engine}`;
    const patient: JobDefinition = {
      handler: (_job, { signal }) =>
        new Promise((_, reject) => {
          started();
          signal.addEventListener('abort', () => {
            stoppedAt = Date.now();
            reason = signal.reason;
            reject(signal.reason);
          });
        }),
    };
    // This node's view of the database: every statement fails once `cut` is set, as when the network is gone.
    let cut = false;
    const failing = db().db.withPlugin({
      transformQuery: (args) => {
        if (cut) throw new Error('connect ECONNREFUSED');
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const id = await enqueueJob(db().db, { kind });
    const a = runner({ ...db(), db: failing }, { [kind]: patient }, `cut-off-${engine}`, short);
    const running = new Promise<void>((resolve) => (started = resolve));
    const run = a.runOnce();
    await running;
    const leaseEnds = (await jobRow(db(), id)).lease_until!.getTime();
    cut = true;
    expect(await run).toBe(true);
    expect(reason).toBeInstanceOf(LeaseLostError);
    expect((reason as Error).message).toContain('could not be renewed');
    // Compared on this machine's clock with the database's lease end: both run on this host.
    expect(stoppedAt).toBeLessThan(leaseEnds);
    cut = false;
    expect(await jobRow(db(), id)).toMatchObject({
      status: 'running',
      locked_by: `cut-off-${engine}`,
      last_error: null,
    });
  });

  test('a handler that throws on the lost lease does not fail the job that another node now runs', async () => {
    let started: () => void = () => undefined;
    const kind = `lost-throw-${engine}`;
    const polite: JobDefinition = {
      handler: (_job, { signal }) =>
        new Promise((_, reject) => {
          started();
          signal.addEventListener('abort', () => reject(signal.reason));
        }),
    };
    const id = await enqueueJob(db().db, { kind });
    const a = runner(db(), { [kind]: polite }, `loser2-${engine}`, { leaseSeconds: 60, heartbeatMs: 100 });
    const running = new Promise<void>((resolve) => (started = resolve));
    const run = a.runOnce();
    await running;
    // Given back and queued again (a stale release by another node) before this one noticed.
    await db()
      .db.updateTable('job')
      .set({ status: 'pending', locked_by: null, locked_at: null, lease_until: null })
      .where('id', '=', id)
      .execute();
    expect(await run).toBe(true);
    expect(await jobRow(db(), id)).toMatchObject({ status: 'pending', attempts: 1, last_error: null });
  });
});

describe('job runner stop', () => {
  test('stop() without start() resolves', async () => {
    const r = new JobRunner({ ctx: {} as never, log: silent });
    await expect(r.stop()).resolves.toBeUndefined();
  });
});

import { describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { enqueueJob } from './job-queue.js';
import { JobRunner, PermanentJobError, registerJobHandler } from './job-runner.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

function runner(database: Database, workerId?: string): JobRunner {
  const config = loadConfig({ ...process.env, DATABASE_URL: '' }, { seedDemo: false });
  return new JobRunner({ ctx: { config, database }, log: silent, pollMs: 10, workerId });
}

async function jobRow(database: Database, id: number) {
  return database.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describeEachEngine('job runner', (db, engine) => {
  test('runs a job by its kind and stores the result', async () => {
    registerJobHandler(`echo-${engine}`, { handler: async (job) => ({ echoed: job.payload }) });
    const id = await enqueueJob(db().db, { kind: `echo-${engine}`, payload: { n: 1 } });
    expect(await runner(db()).drain()).toBeGreaterThanOrEqual(1);
    const row = await jobRow(db(), id);
    expect(row).toMatchObject({ status: 'done', attempts: 1, result: { echoed: { n: 1 } } });
    expect(row.finished_at).toBeInstanceOf(Date);
  });

  test('retries a failing job later, then fails it for good after the last attempt', async () => {
    let calls = 0;
    registerJobHandler(`flaky-${engine}`, {
      handler: async () => {
        calls++;
        throw new Error('smtp unavailable');
      },
      backoffSeconds: () => 3600,
    });
    const id = await enqueueJob(db().db, { kind: `flaky-${engine}`, maxAttempts: 2 });
    const r = runner(db());
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
    registerJobHandler(`bad-${engine}`, {
      handler: async () => {
        throw new PermanentJobError('payload has no recipient');
      },
    });
    const id = await enqueueJob(db().db, { kind: `bad-${engine}` });
    await runner(db()).drain();
    expect(await jobRow(db(), id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'payload has no recipient',
    });
  });

  test('two runners draining at once run every job exactly once', async () => {
    const seen: number[] = [];
    registerJobHandler(`count-${engine}`, {
      handler: async (job) => {
        seen.push(job.id);
        await new Promise((r) => setImmediate(r));
      },
    });
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await enqueueJob(db().db, { kind: `count-${engine}` }));
    await Promise.all([runner(db(), 'a').drain(), runner(db(), 'b').drain()]);
    expect([...seen].sort((x, y) => x - y)).toEqual(ids);
  });

  test('kinds without a handler here are left for another node', async () => {
    const id = await enqueueJob(db().db, { kind: `unknown-${engine}` });
    await runner(db()).drain();
    expect(await jobRow(db(), id)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  test('a job left running by a dead worker is picked up again', async () => {
    registerJobHandler(`orphan-${engine}`, { handler: async () => 'recovered' });
    const id = await enqueueJob(db().db, { kind: `orphan-${engine}` });
    await db()
      .db.updateTable('job')
      .set({ status: 'running', attempts: 1, locked_by: 'dead-node', locked_at: sql<Date>`now() - interval '1 hour'` })
      .where('id', '=', id)
      .execute();
    const r = runner(db());
    await new Promise<void>((resolve) => {
      registerJobHandler(`orphan-${engine}`, { handler: async () => (resolve(), 'recovered') });
      r.start();
    });
    await r.stop();
    expect(await jobRow(db(), id)).toMatchObject({ status: 'done', attempts: 2, result: 'recovered' });
  });
});

describe('job runner stop', () => {
  test('stop() without start() resolves', async () => {
    const r = new JobRunner({ ctx: {} as never, log: silent });
    await expect(r.stop()).resolves.toBeUndefined();
  });
});

import crypto from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { createAppContext } from '../../composition.js';
import { loadConfig } from '../config.js';
import { openDatabase, type Database } from './database.js';
import { openThrowawayPostgres } from '../../../test/support/throwaway-postgres.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function appOn(database: Database, readinessTimeoutMs = 500): Promise<FastifyInstance> {
  const base = loadConfig({ ...process.env, LOG_LEVEL: 'silent' }, { seedDemo: false });
  const config = { ...base, database: { ...base.database, readinessTimeoutMs } };
  const app = await buildApp(createAppContext({ config, database }), { logger: false });
  await app.ready();
  return app;
}

/** A port that accepts connections and never answers: a database behind a network black hole. */
async function blackHole(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on (it was just free). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('readiness without a database', () => {
  const connectionErrors: Error[] = [];

  test('a database that never answers: readiness fails within its time-out, liveness stays 200', async () => {
    const hole = await blackHole();
    const database = await openDatabase({
      url: `postgres://postgres@127.0.0.1:${hole.port}/nowhere`,
      settings: { connectTimeoutMs: 5_000 },
      onConnectionError: (err) => connectionErrors.push(err),
    });
    const app = await appOn(database, 400);
    try {
      const before = Date.now();
      const ready = await app.inject({ method: 'GET', url: '/api/health/ready' });
      const took = Date.now() - before;
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'unavailable', database: 'timeout' });
      expect(took).toBeGreaterThanOrEqual(350);
      expect(took).toBeLessThan(3_000);
      const live = await app.inject({ method: 'GET', url: '/api/health/live' });
      expect(live.statusCode).toBe(200);
    } finally {
      await app.close();
      await hole.close();
      await database.close().catch(() => undefined);
    }
  });

  test('a closed port: readiness fails at once, liveness stays 200', async () => {
    const database = await openDatabase({
      url: `postgres://postgres@127.0.0.1:${await closedPort()}/nowhere`,
      settings: { connectTimeoutMs: 1_000 },
      onConnectionError: (err) => connectionErrors.push(err),
    });
    const app = await appOn(database, 2_000);
    try {
      const ready = await app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'unavailable', database: 'unreachable' });
      expect((await app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe.runIf(process.env.DATABASE_URL)('losing PostgreSQL connections [postgres]', () => {
  const applicationName = `sagsgang-test-${crypto.randomBytes(4).toString('hex')}`;
  const connectionErrors: Error[] = [];
  let database: Database;
  let app: FastifyInstance;
  let admin: pg.Client;

  beforeAll(async () => {
    database = await openThrowawayPostgres({
      prefix: 'sagsgang_conn_loss',
      poolSize: 4,
      settings: { applicationName, statementTimeoutMs: 1_000, idleInTransactionTimeoutMs: 2_000 },
      onConnectionError: (err) => connectionErrors.push(err),
    });
    app = await appOn(database);
    admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await app?.close();
    await database?.close();
  });

  /** Ends this app's backends (as a failover, a restart or idle_session_timeout would); returns how many. */
  async function terminateBackends(state: 'idle' | 'idle in transaction'): Promise<number> {
    const { rows } = await admin.query<{ ended: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = $1 AND state = $2`,
      [applicationName, state],
    );
    return rows.filter((r) => r.ended).length;
  }

  test('the connections carry the node name', async () => {
    await app.inject({ method: 'GET', url: '/api/health/ready' });
    const { rows } = await admin.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
      [applicationName],
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  test('the time-outs are set on every connection, and a statement past its time-out is cancelled', async () => {
    const shown = await database.pool.query<{ statement_timeout: string }>('SHOW statement_timeout');
    expect(shown.rows[0]!.statement_timeout).toBe('1s');
    const idle = await database.pool.query<{ idle_in_transaction_session_timeout: string }>(
      'SHOW idle_in_transaction_session_timeout',
    );
    expect(idle.rows[0]!.idle_in_transaction_session_timeout).toBe('2s');
    const before = Date.now();
    await expect(database.pool.query('SELECT pg_sleep(5)')).rejects.toMatchObject({ code: '57014' });
    expect(Date.now() - before).toBeLessThan(4_000);
  });

  test('ending the idle connections does not kill the app, and the next request succeeds', async () => {
    // Several at once, so the pool holds several idle connections.
    const warm = await Promise.all(
      Array.from({ length: 4 }, () => app.inject({ method: 'GET', url: '/api/health/ready' })),
    );
    expect(warm.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const errorsBefore = connectionErrors.length;
    const ended = await terminateBackends('idle');
    expect(ended).toBeGreaterThan(0);
    // The pool hears of each ended connection (and drops it) through the error listener.
    for (let i = 0; i < 100 && connectionErrors.length - errorsBefore < ended; i++) await sleep(50);
    expect(connectionErrors.length - errorsBefore).toBe(ended);
    expect((connectionErrors.at(-1) as { code?: string }).code).toBe('57P01');
    const after = await app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  test('a connection ended inside a transaction fails that transaction only', async () => {
    let inside: () => void = () => undefined;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    let release: () => void = () => undefined;
    const proceed = new Promise<void>((resolve) => (release = resolve));
    const transaction = database.db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      inside();
      await proceed;
      await sql`SELECT 1`.execute(trx);
    });
    const outcome = transaction.then(
      () => 'committed',
      () => 'failed',
    );
    await entered;
    let ended = 0;
    for (let i = 0; i < 50 && ended === 0; i++) {
      ended = await terminateBackends('idle in transaction');
      if (ended === 0) await sleep(20);
    }
    expect(ended).toBe(1);
    await sleep(200); // the ended connection's error arrives while no statement runs on it
    release();
    expect(await outcome).toBe('failed');
    expect((await app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode).toBe(200);
  });
});

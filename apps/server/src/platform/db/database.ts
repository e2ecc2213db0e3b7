import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import type { DB } from './schema.js';
import { acquireDirectoryLock, type DirectoryLock } from './directory-lock.js';

// Return timestamps, bigints and numerics in forms the domain code can use without surprises.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// A `date` is a local calendar date: keep it as 'YYYY-MM-DD' instead of a Date at the server's midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Engine = 'pglite' | 'postgres';

export interface Database {
  engine: Engine;
  db: Kysely<DB>;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; when absent the embedded engine is used. */
  url?: string;
  /** PGlite data directory; `memory://` for a throwaway database. */
  dataDir?: string;
  /** An existing PGlite instance (tests load one from a prepared image). */
  pglite?: PGlite;
  poolSize?: number;
  /** Time-outs and the name this node gives its PostgreSQL connections. */
  settings?: Partial<PoolSettings>;
  /** Told when a connection breaks outside a query (the server restarted, the backend was ended, TCP dropped). */
  onConnectionError?: (err: Error) => void;
}

export interface PoolSettings {
  applicationName: string;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres({ ...options, url: options.url });
  return openPglite(options);
}

function defaultConnectionError(err: Error): void {
  process.stderr.write(`database connection lost (${(err as { code?: string }).code ?? err.message}); reconnecting\n`);
}

/**
 * A broken connection must not take the process down. Every client gets a listener of its own (one checked out
 * between two statements of a transaction has no other), which reports the loss once; the pool re-emits an idle
 * client's error, which needs a listener too, or it would be thrown. The pool drops the broken client and the next
 * query opens a new connection.
 */
function listenForConnectionErrors(pool: pg.Pool, onError: (err: Error) => void): void {
  pool.on('connect', (client) => client.on('error', onError));
  pool.on('error', () => undefined);
}

function openPostgres(options: DatabaseOptions & { url: string }): Database {
  const s = options.settings ?? {};
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    application_name: s.applicationName,
    connectionTimeoutMillis: s.connectTimeoutMs,
    statement_timeout: s.statementTimeoutMs,
    idle_in_transaction_session_timeout: s.idleInTransactionTimeoutMs,
    // Notices a peer that vanished without closing the connection (a failover, a firewall dropping idle TCP).
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  listenForConnectionErrors(pool, options.onConnectionError ?? defaultConnectionError);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { engine: 'postgres', db, pool, close: () => db.destroy() };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  let lock: DirectoryLock | undefined;
  let pglite = options.pglite;
  if (!pglite) {
    const dataDir = options.dataDir ?? 'memory://';
    if (!dataDir.startsWith('memory://')) {
      fs.mkdirSync(dataDir, { recursive: true });
      // PGlite lets two processes open one directory and corrupt it; a lock file refuses the second.
      lock = acquireDirectoryLock(path.join(dataDir, '..', `${path.basename(dataDir)}.lock`));
    }
    pglite = await PGlite.create(dataDir);
  }
  const owned = !options.pglite;
  const instance = pglite;
  // PGlite has exactly one connection; a pool of one serialises access instead of failing.
  const pool = new pg.Pool({ ...createPgConfig(instance), max: 1 } as pg.PoolConfig);
  listenForConnectionErrors(pool, options.onConnectionError ?? defaultConnectionError);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'pglite',
    db,
    pool,
    async close() {
      await db.destroy();
      if (owned) await instance.close();
      lock?.release();
    },
  };
}

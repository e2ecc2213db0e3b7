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
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10);
  return openPglite(options);
}

function openPostgres(url: string, max: number): Database {
  const pool = new pg.Pool({ connectionString: url, max });
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

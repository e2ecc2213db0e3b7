import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseOptions } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrate.js';

/**
 * A fresh, migrated database of its own on the PostgreSQL server at DATABASE_URL, dropped again on close. Tests and
 * benchmarks both use it, so each run leaves the server as it found it.
 */
export async function openThrowawayPostgres(
  options: { prefix: string; poolSize: number } & Pick<DatabaseOptions, 'settings' | 'onConnectionError'>,
): Promise<Database & { url: string }> {
  const url = new URL(process.env.DATABASE_URL!);
  const name = `${options.prefix}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  const database = await openDatabase({
    url: url.toString(),
    poolSize: options.poolSize,
    settings: options.settings,
    onConnectionError: options.onConnectionError,
  });
  await migrate(database.pool);
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      await dropWhenClosed(name);
    },
  };
}

/**
 * An empty database of its own on the PostgreSQL server at DATABASE_URL, for a server process to migrate and use;
 * `drop` removes it once every connection to it has closed.
 */
export async function createEmptyPostgres(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const url = new URL(process.env.DATABASE_URL!);
  const name = `${prefix}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropWhenClosed(name) };
}

async function dropWhenClosed(name: string): Promise<void> {
  const dropper = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await dropper.connect();
  // The pool reports itself ended before its sockets have closed; dropping WITH (FORCE) at once would kill a
  // connection still saying goodbye, and its FATAL reply would surface as an uncaught error. Wait for them.
  for (let i = 0; i < 100; i++) {
    const open = await dropper.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
    if (open.rows[0].n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await dropper.end();
}

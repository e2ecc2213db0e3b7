import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { ANALYZE_SCHEMA_SQL } from './statistics.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../db/migrations/', import.meta.url));

export interface Migration {
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

// Any fixed number works; it only has to be the same for every node so that two nodes never migrate at once.
const MIGRATION_LOCK_KEY = 7_311_042;

/**
 * Applies the numbered .sql files not yet applied, each in its own transaction. Safe to call from several app
 * nodes at once: an advisory lock lets one migrate while the others wait.
 */
export async function migrate(pool: pg.Pool, migrations = readMigrations()): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set(
      (await client.query<{ name: string }>('SELECT name FROM schema_migration')).rows.map((r) => r.name),
    );
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql); // simple-query protocol: multi-statement files run on both engines
        await client.query('INSERT INTO schema_migration (name) VALUES ($1)', [m.name]);
        await client.query('COMMIT');
        applied.push(m.name);
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
    }
    // New tables, columns and indexes have no statistics yet, and PGlite has no autovacuum to gather them.
    if (applied.length > 0) await client.query(ANALYZE_SCHEMA_SQL);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  return applied;
}

/** The last migration the database has applied (names sort in order), or null before the first. */
export async function appliedSchemaVersion(pool: pg.Pool): Promise<string | null> {
  const { rows } = await pool.query<{ name: string | null }>(
    `SELECT CASE WHEN to_regclass('schema_migration') IS NULL THEN NULL
                 ELSE (SELECT max(name) FROM schema_migration) END AS name`,
  );
  return rows[0]?.name ?? null;
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type Database, type Engine } from '../../src/platform/db/database.js';
import { migrate, readMigrations } from '../../src/platform/db/migrate.js';
import { openThrowawayPostgres } from './throwaway-postgres.js';

/** The engines a database test runs on: always PGlite, and PostgreSQL too when DATABASE_URL is set. */
export const ENGINES: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

const CACHE_DIR = fileURLToPath(new URL('../../../../node_modules/.cache/sagsgang/', import.meta.url));

function migrationsHash(): string {
  const h = crypto.createHash('sha256');
  for (const m of readMigrations()) h.update(m.name).update(m.sql);
  return h.digest('hex').slice(0, 16);
}

// initdb costs ~4 s per PGlite instance; a migrated image is made once, kept on disk, and cloned per test file.
async function pgliteImage(): Promise<Blob> {
  const file = path.join(CACHE_DIR, `pglite-${migrationsHash()}.tar.gz`);
  if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
  const pglite = await PGlite.create('memory://');
  const database = await openDatabase({ pglite });
  await migrate(database.pool);
  await database.close();
  const dump = await pglite.dumpDataDir('gzip');
  await pglite.close();
  const bytes = Buffer.from(await dump.arrayBuffer());
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file); // atomic: parallel workers never read half a file
  return new Blob([bytes]);
}

async function openPgliteTestDatabase(): Promise<Database> {
  const pglite = await PGlite.create({ loadDataDir: await pgliteImage() });
  const database = await openDatabase({ pglite });
  return {
    ...database,
    close: async () => {
      await database.close();
      await pglite.close();
    },
  };
}

export function openTestDatabase(engine: Engine): Promise<Database> {
  return engine === 'pglite'
    ? openPgliteTestDatabase()
    : openThrowawayPostgres({ prefix: 'sagsgang_test', poolSize: 5 });
}

/**
 * Declares the same tests once per engine, each with a fresh migrated database for the whole block:
 *
 *   describeEachEngine('cases', (db) => { test('...', async () => { await db().db.selectFrom(...) }) })
 */
export function describeEachEngine(name: string, body: (database: () => Database, engine: Engine) => void): void {
  for (const engine of ENGINES) {
    describe(`${name} [${engine}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await openTestDatabase(engine);
      });
      afterAll(async () => {
        await database?.close();
      });
      body(() => {
        if (!database) throw new Error('test database not open yet');
        return database;
      }, engine);
    });
  }
}

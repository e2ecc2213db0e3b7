// What the hash chain costs an audit insert (one happens on every staff read): the chained audit_log against a copy
// of it without the chain trigger, one insert per transaction, sequential and (on PostgreSQL) from 4 connections.
// `npm run bench:audit -w @sagsgang/server` (PostgreSQL too with DATABASE_URL).
import { benchDatabase } from './bench-support.js';
import type { Database } from '../src/platform/db/database.js';

const N = 2000;
const WORKERS = 4;

function insertSql(table: string): string {
  return `INSERT INTO ${table} (action, entity_type, entity_id, purpose, request_id, ip, details)
          VALUES ('read', 'case', $1, 'Casework', $2, '203.0.113.7', '{"n": 1}')`;
}

async function run(db: Database, table: string, workers: number): Promise<{ perInsertMs: number; perSecond: number }> {
  const statement = insertSql(table);
  let next = 0;
  const worker = async () => {
    while (next < N) {
      const n = next++;
      await db.pool.query(statement, [`case-${n}`, `req-${n}`]);
    }
  };
  const t = performance.now();
  await Promise.all(Array.from({ length: workers }, worker));
  const ms = performance.now() - t;
  return { perInsertMs: Math.round((ms / N) * 1000) / 1000, perSecond: Math.round((N / ms) * 1000) };
}

async function bench(engine: 'pglite' | 'postgres'): Promise<void> {
  const db = await benchDatabase(engine);
  try {
    await db.pool.query(`CREATE TABLE audit_plain (LIKE audit_log INCLUDING DEFAULTS INCLUDING INDEXES);
      ALTER TABLE audit_plain ALTER COLUMN chain_no DROP NOT NULL, ALTER COLUMN prev_hash DROP NOT NULL,
        ALTER COLUMN hash DROP NOT NULL`);
    for (const workers of engine === 'postgres' ? [1, WORKERS] : [1]) {
      await run(db, 'audit_plain', workers); // warm-up of both
      await run(db, 'audit_log', workers);
      const plain = await run(db, 'audit_plain', workers);
      const chained = await run(db, 'audit_log', workers);
      console.log(
        `${engine}, ${workers} connection(s), ${N} inserts: plain ${plain.perInsertMs} ms/insert (${plain.perSecond}/s), ` +
          `chained ${chained.perInsertMs} ms/insert (${chained.perSecond}/s), ` +
          `+${Math.round((chained.perInsertMs - plain.perInsertMs) * 1000) / 1000} ms`,
      );
    }
  } finally {
    await db.close();
  }
}

await bench('pglite');
if (process.env.DATABASE_URL) await bench('postgres');

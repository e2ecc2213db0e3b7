import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Executor } from '../../../src/platform/db/transaction.js';

/**
 * Tables a refused request may rightly write to: the audit log records denials (and its chain's head moves), a session notes when it was last
 * seen, and a refused sign-in counts against the sign-in limit. Everything else must be exactly as it was after a 4xx.
 */
const MAY_CHANGE_ON_REFUSAL = new Set([
  'audit_log',
  'audit_chain_head',
  'user_session',
  'sign_in_throttle',
  'schema_migration',
  'schema_migrations',
]);

export interface DatabaseFingerprint {
  /** Per table: row count and an md5 over every row's text, sorted. */
  tables: Record<string, string>;
  /** Files in the file store (a refused upload must not leave one behind). */
  files: number;
}

async function tableNames(db: Executor): Promise<string[]> {
  const r = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  return r.rows.map((x) => x.name).filter((n) => !MAY_CHANGE_ON_REFUSAL.has(n));
}

function countFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let n = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    n += entry.isDirectory() ? countFiles(path.join(dir, entry.name)) : 1;
  }
  return n;
}

/** A fingerprint of everything stored: equal fingerprints mean no row and no file was added, changed or lost. */
export async function fingerprint(db: Executor, fileDir: string): Promise<DatabaseFingerprint> {
  const names = await tableNames(db);
  const parts = names.map(
    (n) =>
      `SELECT '${n}' AS name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') AS digest FROM "${n}" t`,
  );
  const r = await sql<{ name: string; digest: string }>`${sql.raw(parts.join(' UNION ALL '))}`.execute(db);
  return { tables: Object.fromEntries(r.rows.map((x) => [x.name, x.digest])), files: countFiles(fileDir) };
}

/** The tables whose digest differs, for a failure message that says what changed. */
export function changedTables(before: DatabaseFingerprint, after: DatabaseFingerprint): string[] {
  const changed = Object.keys({ ...before.tables, ...after.tables }).filter(
    (k) => before.tables[k] !== after.tables[k],
  );
  if (before.files !== after.files) changed.push(`files ${before.files} -> ${after.files}`);
  return changed;
}

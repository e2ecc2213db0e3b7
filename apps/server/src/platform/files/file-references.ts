import { sql } from 'kysely';
import type { Executor } from '../db/transaction.js';

/**
 * The stored files' hashes live in modules' tables, which the platform does not know. A module that keeps a
 * stored file's sha256 registers its table here (from its index.ts), so the orphan sweep and the discard of a
 * failed upload see every reference. By convention the column is named `sha256`.
 */
const referencingTables = new Set<string>();

export const FILE_HASH_COLUMN = 'sha256';

export function registerFileReferences(table: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a table name: ${table}`);
  referencingTables.add(table);
}

export function fileReferencingTables(): string[] {
  return [...referencingTables].sort();
}

/** Which of `hashes` some row of a registered table names (removed rows included: their file is still theirs). */
export async function referencedHashes(db: Executor, hashes: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (hashes.length === 0) return found;
  const column = sql.ref(FILE_HASH_COLUMN);
  for (const table of fileReferencingTables()) {
    const { rows } = await sql<{ sha256: string }>`
      SELECT DISTINCT ${column} AS sha256 FROM ${sql.table(table)} WHERE ${column} IN (${sql.join(hashes)})`.execute(
      db,
    );
    for (const r of rows) found.add(r.sha256);
  }
  return found;
}

export async function isReferenced(db: Executor, sha256: string): Promise<boolean> {
  return (await referencedHashes(db, [sha256])).has(sha256);
}

/** Whether any row of a registered table names a stored file at all. */
export async function anyFileReferenced(db: Executor): Promise<boolean> {
  for (const table of fileReferencingTables()) {
    const { rows } = await sql<{ one: number }>`SELECT 1 AS one FROM ${sql.table(table)} LIMIT 1`.execute(db);
    if (rows.length > 0) return true;
  }
  return false;
}

/**
 * Refuses to go on when a table has a `sha256` column that no module registered: its files would look like
 * orphans and be deleted. A new table that keeps stored files must register, or the sweep stops.
 */
export async function assertEveryReferenceRegistered(db: Executor): Promise<void> {
  const { rows } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = ${FILE_HASH_COLUMN}`.execute(db);
  const registered = new Set(fileReferencingTables());
  const missing = rows.map((r) => r.table_name).filter((t) => !registered.has(t));
  if (registered.size === 0 || missing.length > 0) {
    throw new Error(
      `stored files are referenced from tables not registered with registerFileReferences: ${missing.join(', ') || '(none registered)'}`,
    );
  }
}

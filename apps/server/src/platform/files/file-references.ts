import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/transaction.js';
import type { FileStorage } from './file-storage.js';

/**
 * The stored files' hashes live in modules' tables, which the platform does not know. A module that keeps a
 * stored file's sha256 names its table in its descriptor (`fileReferences`), so the orphan sweep and the discard
 * of a failed upload see every reference. By convention the column is named `sha256`.
 */
export const FILE_HASH_COLUMN = 'sha256';

/** Where stored files are kept and the tables whose rows name them: what "is this file still used?" needs. */
export interface FileStore {
  storage: FileStorage;
  /** Tables whose `sha256` column names a stored file, as the app's modules declare them. */
  referencingTables: readonly string[];
}

/** The app's file store: its configured storage and the referencing tables of its modules. */
export function fileStoreOf(ctx: AppContext): FileStore {
  return { storage: ctx.files, referencingTables: ctx.registry.fileReferences };
}

/** Which of `hashes` some row of a referencing table names (removed rows included: their file is still theirs). */
export async function referencedHashes(
  db: Executor,
  tables: readonly string[],
  hashes: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  if (hashes.length === 0) return found;
  const column = sql.ref(FILE_HASH_COLUMN);
  for (const table of tables) {
    const { rows } = await sql<{ sha256: string }>`
      SELECT DISTINCT ${column} AS sha256 FROM ${sql.table(table)} WHERE ${column} IN (${sql.join(hashes)})`.execute(
      db,
    );
    for (const r of rows) found.add(r.sha256);
  }
  return found;
}

export async function isReferenced(db: Executor, tables: readonly string[], sha256: string): Promise<boolean> {
  return (await referencedHashes(db, tables, [sha256])).has(sha256);
}

/** Whether any row of a referencing table names a stored file at all. */
export async function anyFileReferenced(db: Executor, tables: readonly string[]): Promise<boolean> {
  for (const table of tables) {
    const { rows } = await sql<{ one: number }>`SELECT 1 AS one FROM ${sql.table(table)} LIMIT 1`.execute(db);
    if (rows.length > 0) return true;
  }
  return false;
}

/**
 * Refuses to go on when a table has a `sha256` column that no module declared: its files would look like
 * orphans and be deleted. A new table that keeps stored files must be declared, or the sweep stops.
 */
export async function assertEveryReferenceRegistered(db: Executor, tables: readonly string[]): Promise<void> {
  const { rows } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = ${FILE_HASH_COLUMN}`.execute(db);
  const registered = new Set(tables);
  const missing = rows.map((r) => r.table_name).filter((t) => !registered.has(t));
  if (registered.size === 0 || missing.length > 0) {
    throw new Error(
      `stored files are referenced from tables no module declares in fileReferences: ${missing.join(', ') || '(none declared)'}`,
    );
  }
}

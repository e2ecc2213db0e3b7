/**
 * Planner statistics on both engines. PostgreSQL's autovacuum analyses a table once about a tenth of it changed, but
 * it lags a bulk load by a minute or more, and the embedded engine (PGlite) has no autovacuum at all: without
 * statistics the planner guesses, and a guess on the event log turned a 20 ms page into seconds. So the app
 * analyses after migrations and bulk loads itself, and a background job analyses tables that changed since.
 */
import { sql } from 'kysely';
import type { Executor } from './transaction.js';

/** When a table needs fresh statistics: more rows changed since its last ANALYZE than `baseRows + fraction × rows`. */
export interface StalenessRule {
  baseRows: number;
  fraction: number;
}

/** PostgreSQL's own default for autovacuum's analyse (autovacuum_analyze_threshold and _scale_factor). */
export const AUTOVACUUM_RULE: StalenessRule = { baseRows: 50, fraction: 0.1 };

export interface TableChange {
  table: string;
  /** Rows inserted, updated or deleted since the table was last analysed (pg_stat_user_tables). */
  changedRows: number;
  /** The row count the planner believes (pg_class.reltuples; 0 before the first ANALYZE). */
  plannedRows: number;
}

/**
 * Tables of the current schema changed past the rule since their last ANALYZE, by hand or by autovacuum. The change
 * counts reach the statistics view when the writing connection goes idle (within a second or so), on both engines.
 */
export async function staleTables(db: Executor, rule: StalenessRule = AUTOVACUUM_RULE): Promise<TableChange[]> {
  const r = await sql<{ table: string; changed: number; planned: number }>`
    SELECT s.relname AS table, s.n_mod_since_analyze AS changed, GREATEST(c.reltuples, 0)::float8 AS planned
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
    WHERE s.schemaname = current_schema()
      AND s.n_mod_since_analyze > ${rule.baseRows} + ${rule.fraction}::float8 * GREATEST(c.reltuples, 0)
    ORDER BY s.relname`.execute(db);
  return r.rows.map((x) => ({ table: x.table, changedRows: Number(x.changed), plannedRows: Number(x.planned) }));
}

/** Analyses the named tables in one statement. */
export async function analyzeTables(db: Executor, tables: readonly string[]): Promise<void> {
  if (tables.length === 0) return;
  await sql`ANALYZE ${sql.join(tables.map((t) => sql.id(t)))}`.execute(db);
}

/**
 * One statement that analyses every table of the current schema (not the system catalogs, which a fresh database
 * brings with statistics already): runs through Kysely or a bare `pg` client, inside a transaction or not.
 */
export const ANALYZE_SCHEMA_SQL = `DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'm') ORDER BY c.relname
  LOOP
    EXECUTE 'ANALYZE ' || t;
  END LOOP;
END $$`;

/** Analyses every table of the schema: after migrations and after a bulk load. */
export async function analyzeDatabase(db: Executor): Promise<void> {
  await sql.raw(ANALYZE_SCHEMA_SQL).execute(db);
}

/**
 * Analyses the tables that changed past the rule, one by one so a stopped job (`signal`) stops between tables;
 * returns what was analysed and why.
 */
export async function refreshStatistics(
  db: Executor,
  opts: { rule?: StalenessRule; signal?: AbortSignal } = {},
): Promise<TableChange[]> {
  const stale = await staleTables(db, opts.rule ?? AUTOVACUUM_RULE);
  for (const s of stale) {
    opts.signal?.throwIfAborted();
    await analyzeTables(db, [s.table]);
  }
  return stale;
}

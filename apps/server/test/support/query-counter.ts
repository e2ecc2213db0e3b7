import type pg from 'pg';

export interface QueryCounter {
  /** Statements sent since the last reset. */
  readonly count: number;
  /** The statements' text, in order (for a failing test to show what was sent). */
  readonly texts: readonly string[];
  /** The statements with their parameters, in order (to EXPLAIN them afterwards). */
  readonly statements: readonly Statement[];
  reset(): void;
  /** Stops counting; the clients keep working. */
  stop(): void;
}

export interface Statement {
  text: string;
  values: unknown[];
}

type Query = pg.PoolClient['query'];
const WRAPPED = Symbol('query-counter');

/**
 * Counts the SQL statements sent through a pool, at the driver: every client the pool hands out (Kysely's and
 * anyone else's) has its `query` wrapped once, so nothing that reaches the database is missed.
 */
export function countQueries(pool: pg.Pool): QueryCounter {
  const statements: Statement[] = [];
  const counters = registryOf(pool);
  counters.add(statements);
  return {
    get count() {
      return statements.length;
    },
    get texts() {
      return statements.map((s) => s.text);
    },
    statements,
    reset() {
      statements.length = 0;
    },
    stop() {
      counters.delete(statements);
    },
  };
}

const registries = new WeakMap<pg.Pool, Set<Statement[]>>();

/** One `acquire` listener per pool, shared by every counter on it. */
function registryOf(pool: pg.Pool): Set<Statement[]> {
  const known = registries.get(pool);
  if (known) return known;
  const counters = new Set<Statement[]>();
  registries.set(pool, counters);
  const wrap = (client: pg.PoolClient) => {
    const c = client as pg.PoolClient & { [WRAPPED]?: true };
    if (c[WRAPPED]) return;
    c[WRAPPED] = true;
    const original = c.query.bind(c) as (...args: unknown[]) => unknown;
    c.query = ((...args: unknown[]) => {
      if (counters.size > 0) {
        const q = args[0] as string | { text?: string; values?: unknown[] };
        const text = typeof q === 'string' ? q : (q?.text ?? '');
        const values = (typeof q === 'string' ? args[1] : q?.values) ?? [];
        for (const counter of counters) counter.push({ text, values: Array.isArray(values) ? values : [] });
      }
      return original(...args);
    }) as Query;
  };
  pool.on('acquire', wrap);
  return counters;
}

import type pg from 'pg';

export interface QueryCounter {
  /** Statements sent since the last reset. */
  readonly count: number;
  /** The statements' text, in order (for a failing test to show what was sent). */
  readonly texts: readonly string[];
  reset(): void;
  /** Stops counting; the clients keep working. */
  stop(): void;
}

type Query = pg.PoolClient['query'];
const WRAPPED = Symbol('query-counter');

/**
 * Counts the SQL statements sent through a pool, at the driver: every client the pool hands out (Kysely's and
 * anyone else's) has its `query` wrapped once, so nothing that reaches the database is missed.
 */
export function countQueries(pool: pg.Pool): QueryCounter {
  const texts: string[] = [];
  const counters = registryOf(pool);
  counters.add(texts);
  return {
    get count() {
      return texts.length;
    },
    texts,
    reset() {
      texts.length = 0;
    },
    stop() {
      counters.delete(texts);
    },
  };
}

const registries = new WeakMap<pg.Pool, Set<string[]>>();

/** One `acquire` listener per pool, shared by every counter on it. */
function registryOf(pool: pg.Pool): Set<string[]> {
  const known = registries.get(pool);
  if (known) return known;
  const counters = new Set<string[]>();
  registries.set(pool, counters);
  const wrap = (client: pg.PoolClient) => {
    const c = client as pg.PoolClient & { [WRAPPED]?: true };
    if (c[WRAPPED]) return;
    c[WRAPPED] = true;
    const original = c.query.bind(c) as (...args: unknown[]) => unknown;
    c.query = ((...args: unknown[]) => {
      if (counters.size > 0) {
        const q = args[0] as string | { text?: string };
        const text = typeof q === 'string' ? q : (q?.text ?? '');
        for (const counter of counters) counter.push(text);
      }
      return original(...args);
    }) as Query;
  };
  pool.on('acquire', wrap);
  return counters;
}

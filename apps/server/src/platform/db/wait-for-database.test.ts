import type pg from 'pg';
import { describe, expect, test } from 'vitest';
import { waitForDatabase } from './wait-for-database.js';

function recorder() {
  const lines: string[] = [];
  return { lines, log: { info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`) } };
}

/** A pool whose first `failures` queries fail as a refused connection does. */
function poolFailing(failures: number): { pool: pg.Pool; calls: number[] } {
  const calls: number[] = [];
  const pool = {
    query: async () => {
      calls.push(Date.now());
      if (calls.length <= failures) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      return { rows: [{ '?column?': 1 }] };
    },
  } as unknown as pg.Pool;
  return { pool, calls };
}

describe('waiting for the database at start-up', () => {
  test('retries with growing pauses, says so, and goes on once it answers', async () => {
    const { pool, calls } = poolFailing(3);
    const { lines, log } = recorder();
    await waitForDatabase(pool, { maxWaitMs: 10_000, log, initialDelayMs: 20 });
    expect(calls).toHaveLength(4);
    const pauses = calls.slice(1).map((t, i) => t - calls[i]!);
    expect(pauses[1]!).toBeGreaterThan(pauses[0]!);
    expect(pauses[2]!).toBeGreaterThan(pauses[1]!);
    expect(lines.filter((l) => l.startsWith('warn The database does not answer yet (ECONNREFUSED)'))).toHaveLength(3);
    expect(lines.at(-1)).toBe('info The database answers (after 4 attempts).');
  });

  test('gives up after the longest wait with one clear error', async () => {
    const { pool } = poolFailing(Infinity);
    const { log } = recorder();
    const before = Date.now();
    await expect(waitForDatabase(pool, { maxWaitMs: 300, log, initialDelayMs: 20 })).rejects.toThrow(
      'The database did not answer within 0.3 s (ECONNREFUSED).',
    );
    expect(Date.now() - before).toBeLessThan(2_000);
  });
});

import type pg from 'pg';

export interface WaitLogger {
  info(msg: string): void;
  warn(msg: string): void;
}

export interface WaitOptions {
  /** Give up after this long; the last error is thrown. */
  maxWaitMs: number;
  log: WaitLogger;
  /** First pause between attempts; doubles up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Waits until the database answers, retrying with backoff: a node started while PostgreSQL restarts (or before it
 * is up, as in a compose file) waits for it instead of exiting.
 */
export async function waitForDatabase(pool: pg.Pool, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.maxWaitMs;
  let delay = options.initialDelayMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    try {
      await pool.query('SELECT 1');
      if (attempt > 1) options.log.info(`The database answers (after ${attempt} attempts).`);
      return;
    } catch (err) {
      const reason = (err as { code?: string }).code ?? (err as Error).message;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`The database did not answer within ${options.maxWaitMs / 1000} s (${reason}).`);
      const pause = Math.min(delay, left);
      options.log.warn(`The database does not answer yet (${reason}); trying again in ${(pause / 1000).toFixed(1)} s.`);
      await new Promise((resolve) => setTimeout(resolve, pause));
      delay = Math.min(delay * 2, options.maxDelayMs ?? 2000);
    }
  }
}

import { sql } from 'kysely';
import { inTransaction, type Executor } from '../db/transaction.js';
import type { JobStatus } from '../db/platform-tables.js';

export interface NewJob {
  kind: string;
  payload?: unknown;
  /** Run no earlier than this; default now. */
  runAt?: Date;
  /** Default 5. */
  maxAttempts?: number;
}

/**
 * Queues background work. Pass the transaction that makes the change the job follows from (a case decided -> an
 * e-mail to send), so the job exists exactly when the change does.
 */
export async function enqueueJob(executor: Executor, job: NewJob): Promise<number> {
  const row = await executor
    .insertInto('job')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: job.runAt ?? sql<Date>`now()`,
      max_attempts: job.maxAttempts ?? 5,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Keeps one upcoming run of a recurring job: queues `kind` at `runAt` unless a run is already pending (or, with
 * `orRunning`, running). The transaction-scoped advisory lock makes nodes that start together queue it once.
 */
export async function scheduleRecurringJob(
  executor: Executor,
  job: { kind: string; runAt?: Date; orRunning?: boolean },
): Promise<number | null> {
  return inTransaction(executor, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`job:${job.kind}`}))`.execute(trx);
    const states: JobStatus[] = job.orRunning ? ['pending', 'running'] : ['pending'];
    const queued = await trx
      .selectFrom('job')
      .select('id')
      .where('kind', '=', job.kind)
      .where('status', 'in', states)
      .executeTakeFirst();
    return queued ? null : enqueueJob(trx, { kind: job.kind, runAt: job.runAt });
  });
}

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

const leaseEnd = (leaseSeconds: number) => sql<Date>`now() + make_interval(secs => ${leaseSeconds})`;

/**
 * Claims the next due job of one of `kinds` for `workerId`, leased for `leaseSeconds`. FOR UPDATE SKIP LOCKED lets
 * several nodes (and several loops in one node) claim at once without waiting on, or taking, each other's rows.
 */
export async function claimJob(
  executor: Executor,
  workerId: string,
  kinds: readonly string[],
  leaseSeconds: number,
): Promise<ClaimedJob | undefined> {
  if (kinds.length === 0) return undefined;
  const { rows } = await sql<{ id: number; kind: string; payload: unknown; attempts: number; max_attempts: number }>`
    UPDATE job SET status = 'running', locked_by = ${workerId}, locked_at = now(),
      lease_until = ${leaseEnd(leaseSeconds)}, attempts = attempts + 1
    WHERE id = (
      SELECT id FROM job
      WHERE status = 'pending' AND run_at <= now() AND kind IN (${sql.join(kinds)})
      ORDER BY run_at, id
      FOR UPDATE SKIP LOCKED
      LIMIT 1
    )
    RETURNING id, kind, payload, attempts, max_attempts`.execute(executor);
  const row = rows[0];
  return (
    row && { id: row.id, kind: row.kind, payload: row.payload, attempt: row.attempts, maxAttempts: row.max_attempts }
  );
}

/**
 * Extends the lease of a job `workerId` runs; false when the job is not its own any more (another node took it over
 * after the lease ran out, or it was given back), and the handler must stop.
 */
export async function renewJobLease(
  executor: Executor,
  id: number,
  workerId: string,
  leaseSeconds: number,
): Promise<boolean> {
  const r = await executor
    .updateTable('job')
    .set({ lease_until: leaseEnd(leaseSeconds) })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function completeJob(executor: Executor, id: number, workerId: string, result: unknown): Promise<void> {
  await executor
    .updateTable('job')
    .set({
      status: 'done',
      result: result === undefined ? null : JSON.stringify(result),
      finished_at: sql<Date>`now()`,
      locked_by: null,
      locked_at: null,
      lease_until: null,
    })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** A failed run: back to pending after `retryInSeconds`, or `failed` for good when attempts are used up. */
export async function failJob(
  executor: Executor,
  job: ClaimedJob,
  workerId: string,
  error: string,
  retryInSeconds: number | null,
): Promise<void> {
  const base = executor.updateTable('job').where('id', '=', job.id).where('locked_by', '=', workerId);
  if (retryInSeconds === null || job.attempt >= job.maxAttempts) {
    await base
      .set({
        status: 'failed',
        last_error: error,
        finished_at: sql<Date>`now()`,
        locked_by: null,
        locked_at: null,
        lease_until: null,
      })
      .execute();
    return;
  }
  await base
    .set({
      status: 'pending',
      last_error: error,
      run_at: sql<Date>`now() + make_interval(secs => ${retryInSeconds})`,
      locked_by: null,
      locked_at: null,
      lease_until: null,
    })
    .execute();
}

export async function reportJobProgress(executor: Executor, id: number, progress: unknown): Promise<void> {
  await executor
    .updateTable('job')
    .set({ progress: JSON.stringify(progress) })
    .where('id', '=', id)
    .execute();
}

/**
 * Jobs whose lease ran out — their node died, or lost the database, mid-run — go back to pending (or to failed when
 * that was their last attempt), so another node takes them over. A job claimed by a node of an older release, which
 * sets no lease, keeps that release's rule: 15 minutes from its claim.
 */
export async function releaseStaleJobs(executor: Executor): Promise<number> {
  const stale = sql<boolean>`coalesce(lease_until, locked_at + interval '15 minutes') < now()`;
  const failed = await executor
    .updateTable('job')
    .set({
      status: 'failed',
      last_error: 'worker stopped during the last attempt',
      finished_at: sql<Date>`now()`,
      locked_by: null,
      locked_at: null,
      lease_until: null,
    })
    .where('status', '=', 'running')
    .where(stale)
    .whereRef('attempts', '>=', 'max_attempts')
    .executeTakeFirst();
  const retried = await executor
    .updateTable('job')
    .set({
      status: 'pending',
      last_error: 'worker stopped during the attempt',
      locked_by: null,
      locked_at: null,
      lease_until: null,
    })
    .where('status', '=', 'running')
    .where(stale)
    .executeTakeFirst();
  return Number(failed.numUpdatedRows) + Number(retried.numUpdatedRows);
}

/**
 * Gives back the jobs `workerId` is running (its node is shutting down): pending again at once, and the interrupted
 * attempt not counted, so another node picks them up without waiting for the stale window.
 */
export async function releaseWorkerJobs(executor: Executor, workerId: string): Promise<number> {
  const released = await executor
    .updateTable('job')
    .set({
      status: 'pending',
      attempts: sql<number>`greatest(attempts - 1, 0)`,
      run_at: sql<Date>`now()`,
      locked_by: null,
      locked_at: null,
      lease_until: null,
    })
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(released.numUpdatedRows);
}

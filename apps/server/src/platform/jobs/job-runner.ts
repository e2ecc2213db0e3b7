import crypto from 'node:crypto';
import os from 'node:os';
import type { AppContext, JobLogger } from '../context.js';
import {
  claimJob,
  completeJob,
  failJob,
  releaseStaleJobs,
  releaseWorkerJobs,
  renewJobLease,
  reportJobProgress,
  type ClaimedJob,
} from './job-queue.js';

export type { JobContext, JobDefinition, JobHandler, JobLogger } from '../context.js';

/** Throw this for a failure that retrying cannot fix (bad payload): the job fails at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** The reason a handler's signal carries when its lease was lost: another node may be running the job now. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

export const defaultBackoffSeconds = (attempt: number) => Math.min(10 * 2 ** (attempt - 1), 3600);

/** A job's lease when the configuration names none. */
export const DEFAULT_LEASE_SECONDS = 60;

export interface JobRunnerOptions {
  ctx: AppContext;
  log: JobLogger;
  pollMs?: number;
  /** How long a claim holds without renewal; default the configuration's `jobLeaseSeconds`. */
  leaseSeconds?: number;
  /** How often a running job's lease is renewed; default a third of the lease. */
  heartbeatMs?: number;
  workerId?: string;
}

/**
 * Polls the job table and runs due jobs one at a time: only the kinds of its app's registry, so a kind no module
 * here handles is left for a node that does. While a handler runs, its lease is renewed every third of the lease;
 * when a renewal finds the job taken over, or the lease runs out because renewals fail, the handler's signal
 * aborts and its outcome is not stored. `runOnce`/`drain` let tests run jobs without timers.
 */
export class JobRunner {
  readonly workerId: string;
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<unknown> = Promise.resolve();
  private running = false;
  private started = false;
  private stopped = false;

  constructor(private readonly options: JobRunnerOptions) {
    this.workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  }

  private get leaseSeconds(): number {
    return this.options.leaseSeconds ?? this.options.ctx.config.jobLeaseSeconds ?? DEFAULT_LEASE_SECONDS;
  }

  /**
   * Renews the lease of `job` until the returned `end` is called; `signal` aborts when the lease is lost or the
   * runner stops.
   */
  private holdLease(job: ClaimedJob): { signal: AbortSignal; end: () => void } {
    const db = this.options.ctx.database.db;
    const leaseMs = this.leaseSeconds * 1000;
    const everyMs = this.options.heartbeatMs ?? leaseMs / 3;
    const lost = new AbortController();
    let heldUntil = Date.now() + leaseMs;
    let timer: NodeJS.Timeout | undefined;
    let ended = false;
    const beat = async () => {
      const sent = Date.now();
      try {
        if (await renewJobLease(db, job.id, this.workerId, this.leaseSeconds)) heldUntil = sent + leaseMs;
        else lost.abort(new LeaseLostError(`job ${job.id}: another node took it over`));
      } catch (err) {
        // Unsure whether it still holds: stop before the lease can run out and another node starts the job.
        if (Date.now() + everyMs >= heldUntil)
          lost.abort(new LeaseLostError(`job ${job.id}: the lease could not be renewed (${(err as Error).message})`));
      }
      if (!ended && !lost.signal.aborted) timer = setTimeout(() => void beat(), everyMs);
    };
    timer = setTimeout(() => void beat(), everyMs);
    return {
      signal: AbortSignal.any([this.abort.signal, lost.signal]),
      end: () => {
        ended = true;
        clearTimeout(timer);
      },
    };
  }

  /** Claims and runs one due job; false when none was due. */
  async runOnce(): Promise<boolean> {
    const db = this.options.ctx.database.db;
    const jobs = this.options.ctx.registry.jobs;
    const job = await claimJob(db, this.workerId, [...jobs.keys()], this.leaseSeconds);
    if (!job) return false;
    const definition = jobs.get(job.kind)!;
    // Every line the job writes names it, as every line of a request names the request.
    const log = this.options.log.child?.({ jobId: job.id, jobKind: job.kind }) ?? this.options.log;
    const lease = this.holdLease(job);
    try {
      const result = await definition.handler(job, {
        ctx: this.options.ctx,
        log,
        signal: lease.signal,
        reportProgress: (p) => reportJobProgress(db, job.id, p),
      });
      lease.end();
      if (this.leaseLost(lease.signal, job)) return true;
      await completeJob(db, job.id, this.workerId, result);
    } catch (err) {
      lease.end();
      // Stopped by shutdown, not failed: `stop` gives the job back without counting the attempt.
      if (this.abort.signal.aborted) return true;
      if (this.leaseLost(lease.signal, job)) return true;
      const permanent = err instanceof PermanentJobError;
      const retryIn = permanent ? null : (definition.backoffSeconds ?? defaultBackoffSeconds)(job.attempt);
      log.warn({ jobId: job.id, kind: job.kind, attempt: job.attempt, err }, 'job failed');
      await failJob(db, job, this.workerId, (err as Error).message ?? String(err), retryIn);
    }
    return true;
  }

  /** The job is not this runner's any more: whatever the handler did last is not recorded as the job's outcome. */
  private leaseLost(signal: AbortSignal, job: ClaimedJob): boolean {
    if (!(signal.reason instanceof LeaseLostError)) return false;
    this.options.log.warn({ jobId: job.id, kind: job.kind, reason: signal.reason.message }, 'job lease lost; stopped');
    return true;
  }

  /** Runs due jobs until none is left. */
  async drain(): Promise<number> {
    let n = 0;
    while (await this.runOnce()) n++;
    return n;
  }

  start(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    this.started = true;
    const tick = async () => {
      if (!this.running) return;
      try {
        await releaseStaleJobs(this.options.ctx.database.db);
        const loop = async () => {
          while (this.running && (await this.runOnce()));
        };
        this.current = loop();
        await this.current;
      } catch (err) {
        this.options.log.error({ err }, 'job runner poll failed');
      }
      if (this.running) this.timer = setTimeout(() => void tick(), this.options.pollMs ?? 2000);
    };
    void tick();
  }

  /**
   * Stops polling, signals the running job, and waits for it to finish (at most `graceMs`); then gives back the
   * lease of a job that did not finish, so another node takes it over at once.
   */
  async stop(graceMs = Infinity): Promise<void> {
    this.running = false;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    let timer: NodeJS.Timeout | undefined;
    const grace = Number.isFinite(graceMs)
      ? new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))
      : new Promise(() => undefined);
    await Promise.race([this.current.catch(() => undefined), grace]);
    clearTimeout(timer);
    if (!this.started) return;
    const released = await releaseWorkerJobs(this.options.ctx.database.db, this.workerId).catch((err: unknown) => {
      this.options.log.error({ err }, 'could not give back the running jobs');
      return 0;
    });
    if (released > 0) this.options.log.info({ released }, 'gave back the leases of unfinished jobs');
  }
}

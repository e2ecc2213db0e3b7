import crypto from 'node:crypto';
import os from 'node:os';
import type { AppContext, JobLogger } from '../context.js';
import { claimJob, completeJob, failJob, releaseStaleJobs, releaseWorkerJobs, reportJobProgress } from './job-queue.js';

export type { JobContext, JobDefinition, JobHandler, JobLogger } from '../context.js';

/** Throw this for a failure that retrying cannot fix (bad payload): the job fails at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export const defaultBackoffSeconds = (attempt: number) => Math.min(10 * 2 ** (attempt - 1), 3600);

export interface JobRunnerOptions {
  ctx: AppContext;
  log: JobLogger;
  pollMs?: number;
  staleMinutes?: number;
  workerId?: string;
}

/**
 * Polls the job table and runs due jobs one at a time: only the kinds of its app's registry, so a kind no module
 * here handles is left for a node that does. `runOnce`/`drain` let tests run jobs without timers.
 */
export class JobRunner {
  readonly workerId: string;
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<unknown> = Promise.resolve();
  private running = false;
  private started = false;

  constructor(private readonly options: JobRunnerOptions) {
    this.workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  }

  /** Claims and runs one due job; false when none was due. */
  async runOnce(): Promise<boolean> {
    const db = this.options.ctx.database.db;
    const jobs = this.options.ctx.registry.jobs;
    const job = await claimJob(db, this.workerId, [...jobs.keys()]);
    if (!job) return false;
    const definition = jobs.get(job.kind)!;
    // Every line the job writes names it, as every line of a request names the request.
    const log = this.options.log.child?.({ jobId: job.id, jobKind: job.kind }) ?? this.options.log;
    try {
      const result = await definition.handler(job, {
        ctx: this.options.ctx,
        log,
        signal: this.abort.signal,
        reportProgress: (p) => reportJobProgress(db, job.id, p),
      });
      await completeJob(db, job.id, this.workerId, result);
    } catch (err) {
      // Stopped by shutdown, not failed: `stop` gives the job back without counting the attempt.
      if (this.abort.signal.aborted) return true;
      const permanent = err instanceof PermanentJobError;
      const retryIn = permanent ? null : (definition.backoffSeconds ?? defaultBackoffSeconds)(job.attempt);
      log.warn({ jobId: job.id, kind: job.kind, attempt: job.attempt, err }, 'job failed');
      await failJob(db, job, this.workerId, (err as Error).message ?? String(err), retryIn);
    }
    return true;
  }

  /** Runs due jobs until none is left. */
  async drain(): Promise<number> {
    let n = 0;
    while (await this.runOnce()) n++;
    return n;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.started = true;
    const tick = async () => {
      if (!this.running) return;
      try {
        await releaseStaleJobs(this.options.ctx.database.db, this.options.staleMinutes ?? 15);
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

import type { Executor } from '../../platform/db/transaction.js';
import { runAnalysis } from './use-cases/run-analysis.js';
import * as repo from './navigator.repository.js';

export const ANALYSIS_JOB_KIND = 'navigator.analysis';

interface Logger {
  error(obj: unknown, msg?: string): void;
}

/**
 * Runs queued analyses one at a time in this process and cancels them on request. One at a time because an
 * analysis of 100,000 cases takes most of a core; the request path stays responsive as the analysis yields.
 */
export class AnalysisRunner {
  private readonly queue: string[] = [];
  private readonly controllers = new Map<string, AbortController>();
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly db: Executor, private readonly log: Logger) {}

  enqueue(analysisId: string): void {
    if (this.stopped) return;
    this.queue.push(analysisId);
    this.running ??= this.drain().finally(() => (this.running = null));
  }

  /** Marks the analysis cancelled (if still pending or running) and stops its computation. */
  async cancel(analysisId: string): Promise<boolean> {
    const changed = await repo.markEnded(this.db, analysisId, 'cancelled', null);
    this.controllers.get(analysisId)?.abort();
    return changed;
  }

  /** Resolves when everything queued so far has ended (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const c of this.controllers.values()) c.abort();
    await this.idle();
  }

  private async drain(): Promise<void> {
    for (let id = this.queue.shift(); id !== undefined; id = this.queue.shift()) {
      const controller = new AbortController();
      this.controllers.set(id, controller);
      try {
        await runAnalysis(this.db, id, { signal: controller.signal });
      } catch (err) {
        this.log.error({ err, analysisId: id }, 'analysis crashed');
      } finally {
        this.controllers.delete(id);
      }
    }
  }
}

import { LeaseLostError, PermanentJobError, type JobDefinition, type JobHandler } from '../../platform/jobs/index.js';
import type { Executor } from '../../platform/db/transaction.js';
import { runAnalysis } from './use-cases/run-analysis.js';
import { navigatorRepository as repo } from './navigator.repository.js';

export const ANALYSIS_JOB_KIND = 'navigator.analysis';

// Analyses running in this process, so a cancel stops the computation at once; a cancel made on another node is
// seen by the run itself when its next progress report finds the analysis no longer running.
const running = new Map<string, AbortController>();

/** Marks the analysis cancelled (if still pending or running) and stops its computation. */
export async function cancelAnalysis(db: Executor, analysisId: string): Promise<boolean> {
  const changed = await repo.markEnded(db, analysisId, 'cancelled', null);
  running.get(analysisId)?.abort();
  return changed;
}

const handleAnalysis: JobHandler = async (job, { ctx, signal, reportProgress }) => {
  const analysisId = (job.payload as { analysisId?: unknown }).analysisId;
  if (typeof analysisId !== 'string') throw new PermanentJobError('navigator.analysis needs an analysisId');
  const controller = new AbortController();
  const onStop = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onStop);
  running.set(analysisId, controller);
  try {
    const outcome = await runAnalysis(ctx.database.db, analysisId, {
      signal: controller.signal,
      onProgress: reportProgress,
    });
    // Another node took the job over when this one lost its lease: the analysis is that node's now.
    if (outcome === 'cancelled' && signal.reason instanceof LeaseLostError) throw signal.reason;
    if (outcome === 'cancelled' && signal.aborted) {
      // The server is stopping, not the analyst: queue it again so the next start finishes it.
      await repo.markPendingAgain(ctx.database.db, analysisId);
      throw new Error('stopped with the server; it will run again');
    }
    return { analysisId, outcome };
  } finally {
    signal.removeEventListener('abort', onStop);
    running.delete(analysisId);
  }
};

/** The navigator's job handlers, by kind. */
export const navigatorJobs: Record<string, JobDefinition> = {
  [ANALYSIS_JOB_KIND]: { handler: handleAnalysis, backoffSeconds: () => 5 },
};

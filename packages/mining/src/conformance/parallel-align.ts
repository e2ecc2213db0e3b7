import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { MiningError, type MiningErrorCode } from '../errors.js';
import type { EventLog } from '../log/event-log.js';
import type { PetriNet } from '../model/petri-net.js';
import type { AlignJob, AlignReply } from './align-worker.js';
import {
  aggregateAlignments,
  alignerFor,
  variantTraces,
  type AlignmentResult,
  type LogAlignment,
} from './alignments.js';

export interface AlignOptions {
  /** Threads to align on, the calling thread included when it helps; 0 or 1 aligns in this thread. Default: available cores. */
  workers?: number;
  /** Search limit per trace (states); beyond it the trace fails with state_limit. */
  maxStates?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** The calling thread aligns from the same queue, and workers start only when the work is big enough to pay for them (default true). */
  mainThreadHelps?: boolean;
}

/** Per-result worker metadata, used by tests to prove the work left the main thread. */
export interface ParallelAlignment extends LogAlignment {
  threadIds: number[];
}

/** Optimal alignments of every variant, computed once per variant and spread over worker threads. */
export async function alignLog(log: EventLog, net: PetriNet, opts: AlignOptions = {}): Promise<ParallelAlignment> {
  const traces = variantTraces(log);
  const counts = log.variants().map((v) => v.count);
  const { results, threadIds } = await alignTraces(net, traces, opts);
  return { ...aggregateAlignments(counts, results), threadIds };
}

/** Aligns a list of traces (activity names), in workers when asked to. */
export async function alignTraces(net: PetriNet, traces: string[][], opts: AlignOptions = {}) {
  const workers = Math.min(opts.workers ?? availableParallelism(), traces.length);
  if (workers <= 1) {
    const aligner = alignerFor(net);
    const results: AlignmentResult[] = [];
    for (const t of traces) {
      if (opts.signal?.aborted) throw new MiningError('aborted', 'operation was cancelled');
      results.push(aligner.align(t, { maxStates: opts.maxStates }));
      opts.onProgress?.(results.length, traces.length);
    }
    return { results, threadIds: [0] };
  }
  return runPool(net, traces, workers, opts);
}

/** Workers are started once the calling thread's remaining work is projected beyond this. */
const WORKERS_WORTHWHILE_MS = 1000;
const JUDGE_EVERY_MS = 100;

/**
 * The worker's entry. Compiled (dist/), it is the JavaScript beside this file; run from sources (tests, tsx), plain
 * node cannot load a .ts worker, so a small .mjs entry registers the TypeScript loader first.
 */
const WORKER_URL = new URL(import.meta.url).pathname.endsWith('.ts')
  ? new URL('./align-worker.mjs', import.meta.url)
  : new URL('./align-worker.js', import.meta.url);

function runPool(net: PetriNet, traces: string[][], n: number, opts: AlignOptions) {
  const results: AlignmentResult[] = new Array(traces.length);
  const threadIds = new Set<number>();
  // Longest traces first: they are the slow ones, so the pool ends evenly.
  const queue = traces.map((t, index) => ({ index, trace: t })).sort((a, b) => b.trace.length - a.trace.length);
  let done = 0;
  return new Promise<{ results: AlignmentResult[]; threadIds: number[] }>((resolve, reject) => {
    const pool: Worker[] = [];
    let finished = false;
    const timer: { id?: NodeJS.Timeout } = {};
    const stop = (err?: unknown) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer.id);
      for (const w of pool) void w.terminate();
      if (err) reject(err);
      else resolve({ results, threadIds: [...threadIds] });
    };
    const record = (index: number, r: AlignmentResult, thread: number) => {
      results[index] = r;
      threadIds.add(thread);
      done++;
      opts.onProgress?.(done, traces.length);
      if (done === traces.length) stop();
    };
    opts.signal?.addEventListener('abort', () => stop(new MiningError('aborted', 'operation was cancelled')), {
      once: true,
    });
    const spawn = (count: number) => {
      for (let i = 0; i < Math.max(1, count) && !finished && queue.length > 0; i++) startWorker();
    };
    const startWorker = () => {
      const w = new Worker(WORKER_URL, { workerData: { net: net.toJSON(), maxStates: opts.maxStates } });
      pool.push(w);
      let pending = 0;
      const feed = () => {
        const batch: AlignJob[] = queue.splice(0, 2);
        pending = batch.length;
        if (batch.length) w.postMessage(batch);
      };
      w.on('message', (r: AlignReply) => {
        if ('error' in r)
          return stop(new MiningError((r.error.code as MiningErrorCode) ?? 'state_limit', r.error.message));
        record(r.index, r.result, r.threadId);
        if (--pending <= 0) feed();
      });
      w.on('error', (e) => stop(e));
      feed();
    };
    // A worker costs a quarter to a whole second of CPU before its first result (loading the code,
    // rebuilding the marking graph, warming up), so the calling thread starts alone and workers
    // are added only once the work left is projected to outlast that, and while the machine has a
    // core to spare (on a saturated machine they only slow the whole run down).
    const helps = opts.mainThreadHelps ?? true;
    if (!helps) {
      spawn(n);
      return;
    }
    const started = performance.now();
    const judge = () => {
      if (finished) return;
      const elapsed = performance.now() - started;
      const projected = (elapsed / Math.max(done, 1)) * queue.length;
      if (projected > WORKERS_WORTHWHILE_MS && loadavg()[0] < availableParallelism()) spawn(n - 1);
      else timer.id = setTimeout(judge, JUDGE_EVERY_MS);
    };
    timer.id = setTimeout(judge, JUDGE_EVERY_MS);
    const local = alignerFor(net);
    const step = () => {
      if (finished) return;
      const job = queue.shift();
      if (!job) return;
      try {
        record(job.index, local.align(job.trace, { maxStates: opts.maxStates }), 0);
      } catch (e) {
        return stop(e);
      }
      setImmediate(step);
    };
    setImmediate(step);
  });
}

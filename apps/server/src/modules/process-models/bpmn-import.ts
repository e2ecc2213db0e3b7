import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../platform/errors.js';
import { checkShape, type BpmnLimits, type ReadBpmnResult } from './bpmn-document.js';

const WORKER_URL = new URL(import.meta.url).pathname.endsWith('.ts')
  ? new URL('./bpmn-import-worker.mjs', import.meta.url)
  : new URL('./bpmn-import-worker.js', import.meta.url);

function tooCostly(setting: string, value: number, what: string): AppError {
  return new AppError('payload_too_large', `The BPMN file is refused: ${what} (${setting}: ${value}).`, {
    reason: 'limit_exceeded',
    limit: setting,
    value,
  });
}

type Reply = { result: ReadBpmnResult } | { error: { code?: ErrorCode; message: string; details?: unknown } };

/**
 * Reads an uploaded BPMN document as readBpmn does, in a worker thread: parsing and the automatic layout of a
 * document without diagram (which costs more than linear time) never hold up other requests, and past the time or
 * heap allowed the worker is ended and the document refused (413 naming the setting).
 */
export function importBpmn(xml: string, limits: BpmnLimits, signal?: AbortSignal): Promise<ReadBpmnResult> {
  checkShape(xml, limits); // linear, and refuses the worst before a thread is started
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, {
      workerData: { xml, limits },
      resourceLimits: {
        maxOldGenerationSizeMb: limits.bpmnLayoutMemoryMb,
        maxYoungGenerationSizeMb: Math.min(64, Math.max(8, limits.bpmnLayoutMemoryMb / 8)),
        stackSizeMb: 8,
      },
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const seconds = limits.bpmnLayoutTimeoutMs / 1000;
    const timer = setTimeout(
      () => settle(() => reject(tooCostly('BPMN_LAYOUT_TIMEOUT_SECONDS', seconds, 'reading it took too long'))),
      limits.bpmnLayoutTimeoutMs,
    );
    const onAbort = () =>
      settle(() => reject(new AppError('validation', 'The client went away.', { reason: 'aborted' })));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (m: Reply) =>
      settle(() =>
        'result' in m
          ? resolve(m.result)
          : reject(
              m.error.code ? new AppError(m.error.code, m.error.message, m.error.details) : new Error(m.error.message),
            ),
      ),
    );
    worker.once('error', (err: Error & { code?: string }) =>
      settle(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? tooCostly(
                'BPMN_LAYOUT_MEMORY_MB',
                limits.bpmnLayoutMemoryMb,
                'reading it needed more memory than allowed',
              )
            : err,
        ),
      ),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`the BPMN reader stopped (exit code ${code})`))));
  });
}

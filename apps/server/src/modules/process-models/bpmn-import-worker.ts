import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../../platform/errors.js';
import { readBpmn, type BpmnLimits } from './bpmn-document.js';

// Reads (and lays out) one uploaded BPMN document away from the event loop; the caller bounds its time and heap.
const { xml, limits } = workerData as { xml: string; limits: BpmnLimits };
try {
  parentPort!.postMessage({ result: await readBpmn(xml, limits) });
} catch (err) {
  parentPort!.postMessage({
    error: isAppError(err)
      ? { code: err.code, message: err.message, details: err.details }
      : { message: (err as Error).message ?? String(err) },
  });
}

import { parentPort, threadId, workerData } from 'node:worker_threads';
import { PetriNet, type NetData } from '../model/petri-net.js';
import { Aligner } from './alignments.js';

/** Message to a worker: align these traces. */
export interface AlignJob {
  index: number;
  trace: string[];
}

/** Reply: one result per job, or the error that stopped it. */
export type AlignReply =
  | { index: number; result: ReturnType<Aligner['align']>; threadId: number }
  | { index: number; error: { message: string; code?: string } };

const { net, maxStates } = workerData as { net: NetData; maxStates?: number };
const aligner = new Aligner(PetriNet.fromJSON(net));

parentPort!.on('message', (jobs: AlignJob[]) => {
  for (const job of jobs) {
    try {
      const result = aligner.align(job.trace, { maxStates });
      parentPort!.postMessage({ index: job.index, result, threadId } satisfies AlignReply);
    } catch (e) {
      const err = e as Error & { code?: string };
      parentPort!.postMessage({
        index: job.index,
        error: { message: err.message, code: err.code },
      } satisfies AlignReply);
    }
  }
});

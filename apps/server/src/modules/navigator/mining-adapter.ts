import * as mining from '@sagsgang/mining';
import type { EventLog, PetriNet } from '@sagsgang/mining';
import { AppError } from '../../platform/errors.js';
import type { TraceAlignment } from './analysis/classify-trace.js';

// The one place that knows how the mining engine is called: BPMN → Petri net, alignments, log import.

export interface Conformance {
  net: PetriNet;
  align(trace: string[]): TraceAlignment & { cost: number; bwc: number };
}

function describe(err: unknown): string {
  if (err instanceof mining.MiningError) return err.message;
  return (err as Error).message ?? String(err);
}

/** Converts the model for conformance checking; a model the engine cannot convert is refused, naming why. */
export async function prepareConformance(bpmnXml: string): Promise<Conformance> {
  let net: PetriNet;
  try {
    net = await mining.readBpmnAsPetri(bpmnXml);
  } catch (err) {
    throw new AppError('validation', `The model cannot be analysed: ${describe(err)}`, {
      reason: 'model_not_convertible',
    });
  }
  const aligner = new mining.Aligner(net);
  return {
    net,
    align(trace) {
      const r = aligner.align(trace);
      return { fitness: r.fitness, cost: r.cost, bwc: r.bwc, moves: r.steps };
    },
  };
}

export type LogFormat = 'xes' | 'csv';

/** The import limits of the server's settings, as the mining engine takes them. */
export type LogLimits = Partial<mining.ImportLimits>;

const LIMIT_SETTING: Record<keyof mining.ImportLimits, string> = {
  maxTokenBytes: 'IMPORT_MAX_TOKEN_BYTES',
  maxDecompressedBytes: 'IMPORT_MAX_DECOMPRESSED_MB',
  maxEvents: 'IMPORT_MAX_EVENTS',
};

/** A log past one of the import limits: 413, naming the setting that bounds it. */
export function logTooLarge(limit: mining.MiningLimit, message: string): AppError {
  const setting = LIMIT_SETTING[limit.name];
  const value = limit.name === 'maxDecompressedBytes' ? limit.value / (1024 * 1024) : limit.value;
  const said = message.replace(/the import limit \w+ \(\d+\)/, `the limit ${setting} (${value})`);
  return new AppError('payload_too_large', `The event log is refused: ${said}.`, {
    reason: 'limit_exceeded',
    limit: setting,
    value,
  });
}

/** Reads an uploaded log; a file the engine cannot read is refused with the engine's own account of where. */
export async function readLogBytes(
  bytes: Uint8Array,
  format: LogFormat,
  fileName: string,
  signal?: AbortSignal,
  encoding?: mining.TextEncodingChoice,
  limits?: LogLimits,
): Promise<EventLog> {
  try {
    return format === 'xes'
      ? await mining.readXes(bytes, { fileName, signal, limits })
      : await mining.readCsv(bytes, { fileName, signal, encoding, limits });
  } catch (err) {
    if (err instanceof mining.MiningError && err.code === 'aborted') throw err;
    if (err instanceof mining.MiningError && err.limit) throw logTooLarge(err.limit, describe(err));
    if (err instanceof mining.MiningError && err.code === 'bad_encoding')
      throw new AppError('validation', `The event log cannot be read: ${describe(err)}`, { reason: 'bad_encoding' });
    throw new AppError('validation', `The event log cannot be read: ${describe(err)}`, { reason: 'unreadable_log' });
  }
}

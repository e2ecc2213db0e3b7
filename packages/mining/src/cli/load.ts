import { readFileSync, statSync } from 'node:fs';
import { MiningError } from '../errors.js';
import type { EventLog } from '../log/event-log.js';
import type { CsvMapping } from '../log/csv-reader.js';
import type { TextEncodingChoice } from '../log/input-stream.js';
import type { PetriNet } from '../model/petri-net.js';
import { Progress } from './progress.js';

// The readers are imported by format when a file is read, so a command loads only the one it uses.

export type LogFormat = 'xes' | 'csv' | 'ocel';

/** Log format from the file name. */
export function logFormat(file: string): LogFormat {
  const f = file.toLowerCase();
  if (f.endsWith('.xes') || f.endsWith('.xes.gz')) return 'xes';
  if (f.endsWith('.csv') || f.endsWith('.csv.gz')) return 'csv';
  if (/(ocel|\.json)$/.test(f)) return 'ocel';
  throw new MiningError(
    'invalid_argument',
    `cannot tell the log format of ${file} (use .xes, .xes.gz, .csv, .jsonocel or .xmlocel)`,
  );
}

export interface LoadOptions {
  mapping?: CsvMapping;
  encoding?: TextEncodingChoice;
  objectType?: string;
  progress: boolean;
  signal?: AbortSignal;
}

/** Reads an event log of any supported format, with a progress bar over the file's bytes. */
export async function loadLog(file: string, o: LoadOptions): Promise<EventLog> {
  const total = statSync(file).size;
  const bar = new Progress(`reading ${file}`, o.progress);
  const common = { signal: o.signal, onProgress: (b: number) => bar.update(b, total) };
  try {
    const fmt = logFormat(file);
    if (fmt === 'xes') return await (await import('../log/xes-reader.js')).readXes(file, common);
    if (fmt === 'csv')
      return await (
        await import('../log/csv-reader.js')
      ).readCsv(file, { ...common, mapping: o.mapping, encoding: o.encoding });
    const { flattenOcel, ocelObjectTypes, readOcel } = await import('../log/ocel.js');
    const ocel = await readOcel(file, common);
    const type = o.objectType ?? ocelObjectTypes(ocel)[0];
    if (!type) throw new MiningError('bad_ocel', 'the OCEL log has no objects');
    return flattenOcel(ocel, type);
  } finally {
    bar.done();
  }
}

/** Reads a model: PNML as is, BPMN translated into a workflow net. */
export async function loadModel(file: string): Promise<PetriNet> {
  const f = file.toLowerCase();
  if (f.endsWith('.pnml')) return (await import('../model/pnml-reader.js')).readPnml(file);
  if (f.endsWith('.bpmn') || f.endsWith('.xml')) {
    const { readBpmnAsPetri } = await import('../model/bpmn-to-petri.js');
    return readBpmnAsPetri(readFileSync(file, 'utf8'), file);
  }
  throw new MiningError('invalid_argument', `cannot tell the model format of ${file} (use .pnml or .bpmn)`);
}

export {
  DEFAULT_IMPORT_LIMITS,
  MiningError,
  type ImportLimits,
  type MiningErrorCode,
  type MiningErrorPosition,
  type MiningLimit,
} from './errors.js';
export { EventLog, type Variant, type EventLogColumns } from './log/event-log.js';
export type { AttributeColumn, AttributeType, AttributeValue } from './log/attributes.js';
export { LogBuilder } from './log/log-builder.js';
export type { LogSource, ReadOptions, TextEncodingChoice } from './log/input-stream.js';
export { TEXT_ENCODINGS, isTextEncoding, sniffEncoding } from './log/input-stream.js';
export { readXes, readXesText } from './log/xes-reader.js';
export { readCsv, readCsvText, type CsvMapping, type CsvReadOptions } from './log/csv-reader.js';
export { PetriNet, type Place, type Transition, type Arc } from './model/petri-net.js';
export { readPnml, readPnmlText } from './model/pnml-reader.js';
export { writePnml } from './model/pnml-writer.js';
export {
  tokenReplay,
  TokenReplayer,
  type TraceReplay,
  type LogReplay,
  type ReplayOptions,
} from './conformance/token-replay.js';
export { discoverDfg, type Dfg, type DfgEdge } from './discovery/dfg.js';
export { variantTable, type VariantRow } from './discovery/variants.js';
export {
  Aligner,
  alignerFor,
  alignLogSync,
  aggregateAlignments,
  type AlignmentResult,
  type AlignmentStep,
  type LogAlignment,
} from './conformance/alignments.js';
export { alignLog, alignTraces, type AlignOptions, type ParallelAlignment } from './conformance/parallel-align.js';
export { etcPrecision, alignEtcPrecision, type PrecisionResult } from './conformance/precision.js';
export { playOut } from './model/playout.js';
export { bpmnToPetri, readBpmnAsPetri } from './model/bpmn-to-petri.js';
export { reduceSilent } from './model/reduce-silent.js';
export { inductiveMiner, type InductiveOptions } from './discovery/inductive-miner.js';
export { treeToPetri, treeToString, type ProcessTree } from './discovery/process-tree.js';
export { treeToBpmn } from './discovery/tree-to-bpmn.js';
export { writeXes, xesToString } from './log/xes-writer.js';
export { writeCsv } from './log/csv-writer.js';
export {
  readOcel,
  flattenOcel,
  logToOcel,
  writeOcelJson,
  ocelObjectTypes,
  type OcelLog,
  type OcelEvent,
  type OcelObject,
} from './log/ocel.js';
export { caseEventsToLog, type CaseEventRow } from './log/case-events-adapter.js';
export { pairLifecycle, foldLifecycle, type LifecyclePairs, type FoldedLog } from './log/lifecycle.js';
export {
  deviationSummary,
  classifyMoves,
  eventTimings,
  exceedsAllowedTime,
  type DeviationSummary,
  type ActivityDeviation,
  type StepTiming,
  type DeadlineRule,
  type MoveVerdict,
  type StepKey,
  type EventTimings,
} from './conformance/deviations.js';
export { checkSoundness, assertSound, type SoundnessReport } from './model/soundness.js';

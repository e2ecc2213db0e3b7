import type { EventLog } from '@sagsgang/mining';
import type {
  TAnalysisSummary,
  TBallState,
  TDeviation,
  TDfg,
  TElementStats,
  TGroupStats,
  TVariantStats,
} from '@sagsgang/contracts';
import type { BpmnGraph } from '../../process-models/index.js';
import type { LabelMap, TraceAlignment } from './classify-trace.js';

export interface AnalysisTask {
  elementId: string;
  name: string;
  deadlineDays: number | null;
}

export interface AnalysisModel {
  tasks: AnalysisTask[];
  graph: BpmnGraph;
}

/** What the analysis knows about a case besides its events. */
export interface CaseInfo {
  /** The case in the back office (own log); null for an uploaded log. */
  caseId: string | null;
  unit: string | null;
  /** The case's own deadline (service goal), epoch ms. */
  dueAt?: number;
}

export interface AnalysisProgress {
  phase: 'conformance' | 'cases' | 'discovery' | 'saving';
  done: number;
  total: number;
}

export interface AnalysisInput {
  log: EventLog;
  model: AnalysisModel;
  labels: LabelMap;
  /** The optimal alignment of one trace (given as net labels) against the model. */
  align(trace: string[]): TraceAlignment & { cost?: number; bwc?: number };
  caseInfo(c: number): CaseInfo;
  signal?: AbortSignal;
  onProgress?(p: AnalysisProgress): void | Promise<void>;
}

/** One analysed case, as stored for drill-down and replay. */
export interface CaseRecord {
  key: string;
  caseId: string | null;
  unit: string | null;
  variant: number;
  fitness: number;
  state: TBallState;
  startedAt: number | null;
  endedAt: number | null;
  passed: string[];
  skipped: string[];
  outOfOrder: string[];
  extra: string[];
  overDeadline: string[];
  flows: string[];
  outside: string[];
  deviations: TDeviation[];
  /** Replay path: [task index or -1, minutes since t0] pairs. */
  path: number[];
}

export interface AnalysisOutput {
  summary: TAnalysisSummary;
  elements: TElementStats[];
  flows: { flowId: string; count: number }[];
  jumps: { from: string; to: string; count: number }[];
  variants: TVariantStats[];
  dfg: TDfg;
  units: TGroupStats[];
  people: TGroupStats[];
  cases: CaseRecord[];
  /** Replay origin (epoch ms) and end. */
  t0: number;
  t1: number;
}

/** People with fewer cases than this are never shown on their own. */
export const MIN_PERSON_GROUP = 5;
/** Share of a deadline after which a case counts as at risk. */
export const AT_RISK_SHARE = 0.75;
export const DAY_MS = 86_400_000;

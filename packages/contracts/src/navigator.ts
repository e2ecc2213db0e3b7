import { z } from 'zod';
import { ZVersionNumber } from './primitives.js';

/** The cases an analysis looks at: the authority's own event log, or a log uploaded from another system. */
export const ZPopulation = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('case-type'),
    caseTypeCode: z.string().min(1).max(100),
    /** Units whose cases are included (with their sub-units); empty for all the analyst may see. */
    unitIds: z.array(z.string().uuid()).max(200).default([]),
    /** Cases received in [from, to] (ISO dates); open ends allowed. */
    from: z.string().date().optional(),
    to: z.string().date().optional(),
  }),
  z.object({ kind: z.literal('log'), logId: z.string().uuid() }),
]);
export type TPopulation = z.infer<typeof ZPopulation>;

export const ZStartAnalysis = z.object({
  modelId: z.string().uuid(),
  /** The model version to check against; the current one when absent. */
  version: ZVersionNumber.optional(),
  population: ZPopulation,
  name: z.string().trim().max(200).default(''),
});
export type TStartAnalysis = z.infer<typeof ZStartAnalysis>;

export const ANALYSIS_STATUSES = ['pending', 'running', 'done', 'failed', 'cancelled'] as const;
export const ZAnalysisStatus = z.enum(ANALYSIS_STATUSES);
export type TAnalysisStatus = z.infer<typeof ZAnalysisStatus>;

/** A case's state in an analysis, as its ball shows it (not the casework state of the cases module). */
export const BALL_STATES = ['on_time', 'at_risk', 'late', 'deviating'] as const;
export const ZBallState = z.enum(BALL_STATES);
export type TBallState = z.infer<typeof ZBallState>;

export const ZAnalysisSummary = z.object({
  cases: z.number().int(),
  events: z.number().int(),
  /** Alignment-based log fitness (1 = every case follows the model). */
  logFitness: z.number(),
  averageTraceFitness: z.number(),
  fittingShare: z.number(),
  medianThroughputMs: z.number().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  // One count per ball state, spelled out so the document lists each (a record over an enum has no properties).
  states: z.object({
    on_time: z.number().int(),
    at_risk: z.number().int(),
    late: z.number().int(),
    deviating: z.number().int(),
  }) satisfies z.ZodType<Record<TBallState, number>>,
  /** Activities of the log that no step of the model stands for (they count as extra steps). */
  unmappedActivities: z.array(z.string()),
});
export type TAnalysisSummary = z.infer<typeof ZAnalysisSummary>;

export const ZAnalysisInfo = z.object({
  id: z.string(),
  name: z.string(),
  modelId: z.string(),
  modelName: z.string(),
  version: z.number().int(),
  population: ZPopulation,
  populationLabel: z.string(),
  status: ZAnalysisStatus,
  progress: z.object({ done: z.number(), total: z.number(), phase: z.string() }).nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  summary: ZAnalysisSummary.nullable(),
});
export type TAnalysisInfo = z.infer<typeof ZAnalysisInfo>;

/** Figures for one step of the model: what the heat overlay shows. */
export const ZElementStats = z.object({
  elementId: z.string(),
  name: z.string(),
  /** Cases that did the step. */
  passed: z.number().int(),
  /** Cases that should have done it by the model but did not. */
  skipped: z.number().int(),
  /** Cases that did it out of the model's order. */
  outOfOrder: z.number().int(),
  /** Cases that did it once more than the model allows. */
  extra: z.number().int(),
  medianWaitMs: z.number().nullable(),
  medianDurationMs: z.number().nullable(),
  deadlineDays: z.number().nullable(),
  /** Cases whose wait for this step passed the step's deadline. */
  overDeadline: z.number().int(),
});
export type TElementStats = z.infer<typeof ZElementStats>;

export const ZFlowStats = z.object({ flowId: z.string(), count: z.number().int() });
export const ZJumpStats = z.object({ from: z.string(), to: z.string(), count: z.number().int() });

export const ZDeviation = z.object({
  kind: z.enum(['skipped', 'extra', 'out_of_order', 'outside']),
  activity: z.string(),
  elementId: z.string().nullable(),
});
export type TDeviation = z.infer<typeof ZDeviation>;

export const ZVariantStats = z.object({
  index: z.number().int(),
  count: z.number().int(),
  activities: z.array(z.string()),
  fitness: z.number(),
  deviations: z.array(ZDeviation),
  medianThroughputMs: z.number().nullable(),
});
export type TVariantStats = z.infer<typeof ZVariantStats>;

export const ZDfg = z.object({
  activities: z.array(
    z.object({ name: z.string(), count: z.number().int(), starts: z.number().int(), ends: z.number().int() }),
  ),
  edges: z.array(
    z.object({
      from: z.number().int(),
      to: z.number().int(),
      count: z.number().int(),
      medianMs: z.number().nullable(),
      meanMs: z.number().nullable(),
    }),
  ),
});
export type TDfg = z.infer<typeof ZDfg>;

export const ZGroupStats = z.object({
  group: z.string(),
  cases: z.number().int(),
  averageFitness: z.number(),
  fittingShare: z.number(),
  deviatingShare: z.number(),
  lateShare: z.number(),
  medianThroughputMs: z.number().nullable(),
});
export type TGroupStats = z.infer<typeof ZGroupStats>;

export const ZAnalysisResult = z.object({
  analysis: ZAnalysisInfo,
  bpmnXml: z.string(),
  elements: z.array(ZElementStats),
  flows: z.array(ZFlowStats),
  jumps: z.array(ZJumpStats),
  variants: z.array(ZVariantStats),
  dfg: ZDfg,
  units: z.array(ZGroupStats),
});
export type TAnalysisResult = z.infer<typeof ZAnalysisResult>;

/** Per-person figures: only for team leads and analysts, and only for people with at least 5 cases. */
export const ZPeopleStats = z.object({ minimumGroup: z.number().int(), people: z.array(ZGroupStats) });
export type TPeopleStats = z.infer<typeof ZPeopleStats>;

/** The cases behind a number. */
export const ZCaseListQuery = z.object({
  element: z.string().max(300).optional(),
  metric: z.enum(['passed', 'skipped', 'out_of_order', 'extra', 'deviating', 'over_deadline']).optional(),
  flow: z.string().max(300).optional(),
  variant: z.coerce.number().int().min(0).optional(),
  unit: z.string().max(300).optional(),
  state: ZBallState.optional(),
  activity: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type TCaseListQuery = z.infer<typeof ZCaseListQuery>;

export const ZAnalysedCase = z.object({
  caseKey: z.string(),
  /** The case in the back office, when the analysis ran on the authority's own log. */
  caseId: z.string().nullable(),
  unit: z.string().nullable(),
  fitness: z.number(),
  state: ZBallState,
  variant: z.number().int(),
  deviations: z.array(ZDeviation),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});
export type TAnalysedCase = z.infer<typeof ZAnalysedCase>;

export const ZCaseList = z.object({ total: z.number().int(), cases: z.array(ZAnalysedCase) });
export type TCaseList = z.infer<typeof ZCaseList>;

/**
 * Replay data, compact: element ids once; per case its state and its steps as [element index, ms since t0]
 * pairs (element index -1: an activity outside the model).
 */
export const ZReplay = z.object({
  t0: z.number(),
  t1: z.number(),
  elements: z.array(z.string()),
  cases: z.array(z.object({ k: z.string(), s: z.number().int(), p: z.array(z.number()) })),
  total: z.number().int(),
});
export type TReplay = z.infer<typeof ZReplay>;

/** How an uploaded CSV log's bytes are read: detected (byte-order mark, else UTF-8 when valid, else Windows-1252) or chosen. */
export const ZLogEncoding = z.enum(['auto', 'utf-8', 'windows-1252']);
export type TLogEncoding = z.infer<typeof ZLogEncoding>;

export const ZUploadedLog = z.object({
  id: z.string(),
  name: z.string(),
  format: z.enum(['xes', 'csv']),
  cases: z.number().int(),
  events: z.number().int(),
  activities: z.array(z.string()),
  createdAt: z.string(),
});
export type TUploadedLog = z.infer<typeof ZUploadedLog>;

/** One case's own path through its workflow, for the case page and the citizen. */
export const ZCasePath = z.object({
  caseId: z.string(),
  modelId: z.string().nullable(),
  modelName: z.string().nullable(),
  version: z.number().int().nullable(),
  fitness: z.number().nullable(),
  steps: z.array(
    z.object({
      elementId: z.string().nullable(),
      name: z.string(),
      status: z.enum(['done', 'skipped', 'extra', 'out_of_order', 'outside', 'upcoming']),
      at: z.string().nullable(),
    }),
  ),
  deviations: z.array(ZDeviation),
});
export type TCasePath = z.infer<typeof ZCasePath>;

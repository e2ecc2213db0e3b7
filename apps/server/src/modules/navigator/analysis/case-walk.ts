import { exceedsAllowedTime, type EventTimings } from '@sagsgang/mining';
import type { TBallState } from '@sagsgang/contracts';
import type { BpmnGraph } from '../../process-models/index.js';
import { KIND } from './classify-trace.js';
import { AT_RISK_SHARE, DAY_MS, type AnalysisInput, type CaseRecord } from './analysis-types.js';
import type { VariantConformance } from './variant-conformance.js';
import { Samples } from './stats.js';

/** Counts a thing at most once per case: a stamp per slot remembers the last case counted. */
class PerCaseCounter {
  readonly counts: Int32Array;
  private readonly stamps: Int32Array;
  constructor(size: number) {
    this.counts = new Int32Array(size);
    this.stamps = new Int32Array(size).fill(-1);
  }
  hit(slot: number, c: number): boolean {
    if (this.stamps[slot] === c) return false;
    this.stamps[slot] = c;
    this.counts[slot]++;
    return true;
  }
}

/** Running totals over all cases, per step and per flow. */
export class WalkTotals {
  readonly passed: PerCaseCounter;
  readonly extra: PerCaseCounter;
  readonly outOfOrder: PerCaseCounter;
  readonly skipped: PerCaseCounter;
  readonly overDeadline: PerCaseCounter;
  readonly flows: PerCaseCounter;
  readonly waits = new Samples();
  readonly durations = new Samples();
  readonly jumps = new Map<string, number>();
  readonly flowIndex: Map<string, number>;
  constructor(
    taskCount: number,
    readonly flowIds: string[],
  ) {
    this.passed = new PerCaseCounter(taskCount);
    this.extra = new PerCaseCounter(taskCount);
    this.outOfOrder = new PerCaseCounter(taskCount);
    this.skipped = new PerCaseCounter(taskCount);
    this.overDeadline = new PerCaseCounter(taskCount);
    this.flows = new PerCaseCounter(flowIds.length);
    this.flowIndex = new Map(flowIds.map((id, i) => [id, i]));
  }
}

/** The flows walked between consecutive steps, looked up once per pair. */
export class FlowPaths {
  private readonly cache = new Map<string, string[] | null>();
  private readonly first: Map<string, string[]>;
  constructor(private readonly graph: BpmnGraph) {
    this.first = graph.firstTasks();
  }
  fromStart(task: string): string[] | null {
    return this.first.get(task) ?? null;
  }
  between(a: string, b: string): string[] | null {
    const key = `${a}\u0001${b}`;
    if (!this.cache.has(key)) this.cache.set(key, this.graph.flowsBetween(a, b));
    return this.cache.get(key)!;
  }
  toEnd(task: string): string[] | null {
    const key = `${task}\u0001`;
    if (!this.cache.has(key)) this.cache.set(key, this.graph.flowsToEnd(task));
    return this.cache.get(key)!;
  }
}

export interface WalkContext {
  totals: WalkTotals;
  paths: FlowPaths;
  /** Each step's wait, span and duration (start → completion), as the mining package measures them on the imported log. */
  timings: EventTimings;
  /** Per case, the time of its first imported event (a start event too), NaN when unknown. */
  caseStarts: Float64Array;
  t0: number;
}

interface Walk {
  rec: CaseRecord;
  lateStep: boolean;
  riskyStep: boolean;
}

function stepEvent(
  input: AnalysisInput,
  totals: WalkTotals,
  w: Walk,
  ev: { c: number; el: number; kind: number; wait: number; span: number; duration: number },
): void {
  const task = input.model.tasks[ev.el];
  if (totals.passed.hit(ev.el, ev.c)) w.rec.passed.push(task.elementId);
  if (ev.kind === KIND.extra && totals.extra.hit(ev.el, ev.c)) w.rec.extra.push(task.elementId);
  if (ev.kind === KIND.outOfOrder && totals.outOfOrder.hit(ev.el, ev.c)) w.rec.outOfOrder.push(task.elementId);
  totals.waits.add(ev.el, ev.wait);
  totals.durations.add(ev.el, ev.duration);
  if (task.deadlineDays === null || !Number.isFinite(ev.span)) return;
  const limit = task.deadlineDays * DAY_MS;
  if (exceedsAllowedTime(ev.span, limit)) {
    w.lateStep = true;
    if (totals.overDeadline.hit(ev.el, ev.c)) w.rec.overDeadline.push(task.elementId);
  } else if (exceedsAllowedTime(ev.span, limit * AT_RISK_SHARE)) w.riskyStep = true;
}

// How far back a step looks for the step it follows in the model: in a parallel block the previous event may be on
// another branch, so the step's own predecessor is the latest earlier step that leads to it directly.
const LOOK_BACK = 8;

function walkFlows(paths: FlowPaths, totals: WalkTotals, c: number, steps: string[], rec: CaseRecord): void {
  const mark = (flows: string[] | null) => {
    for (const f of flows ?? []) {
      const i = totals.flowIndex.get(f);
      if (i !== undefined && totals.flows.hit(i, c)) rec.flows.push(f);
    }
  };
  if (steps.length === 0) return;
  mark(paths.fromStart(steps[0]));
  for (let j = 1; j < steps.length; j++) {
    let found: string[] | null = null;
    for (let k = j - 1; k >= Math.max(0, j - LOOK_BACK) && !found; k--) found = paths.between(steps[k], steps[j]);
    found ??= paths.fromStart(steps[j]);
    if (found) mark(found);
    else if (steps[j - 1] !== steps[j]) {
      const key = `${steps[j - 1]}\u0001${steps[j]}`;
      totals.jumps.set(key, (totals.jumps.get(key) ?? 0) + 1);
    }
  }
  mark(paths.toEnd(steps[steps.length - 1]));
}

function stateOf(w: Walk, fitness: number, dueAt: number | undefined): TBallState {
  const { startedAt, endedAt } = w.rec;
  const overall =
    dueAt !== undefined && startedAt !== null && endedAt !== null
      ? (endedAt - startedAt) / Math.max(1, dueAt - startedAt)
      : 0;
  if (w.lateStep || overall > 1) return 'late';
  if (fitness < 1 || w.rec.outside.length > 0) return 'deviating';
  if (w.riskyStep || overall > AT_RISK_SHARE) return 'at_risk';
  return 'on_time';
}

/** Walks one case's events: what each did against the model, the flows taken, deadlines, and its replay path. */
export function walkCase(
  input: AnalysisInput,
  ctx: WalkContext,
  c: number,
  conf: VariantConformance,
  variant: number,
): CaseRecord {
  const { log } = input;
  const info = input.caseInfo(c);
  const from = log.caseOffsets[c];
  const to = log.caseOffsets[c + 1];
  const times = log.timestamps;
  const rec: CaseRecord = {
    key: log.caseIds[c],
    caseId: info.caseId,
    unit: info.unit,
    variant,
    fitness: conf.fitness,
    state: 'on_time',
    startedAt: Number.isFinite(ctx.caseStarts[c]) ? ctx.caseStarts[c] : null,
    endedAt: to > from && Number.isFinite(times[to - 1]) ? times[to - 1] : null,
    passed: [],
    skipped: [],
    outOfOrder: [],
    extra: [],
    overDeadline: [],
    flows: [],
    outside: [],
    deviations: conf.deviations,
    path: [],
  };
  const w: Walk = { rec, lateStep: false, riskyStep: false };
  const steps: string[] = [];
  for (let e = from; e < to; e++) {
    const kind = conf.kinds[e - from];
    const el = conf.elements[e - from];
    const minute = Number.isFinite(times[e]) ? Math.round((times[e] - ctx.t0) / 60_000) : 0;
    if (kind === KIND.outside) {
      rec.outside.push(log.activityNames[log.activities[e]]);
      rec.path.push(-1, minute);
    }
    if (el < 0 || kind === KIND.outside || kind === KIND.ignored) continue;
    stepEvent(input, ctx.totals, w, {
      c,
      el,
      kind,
      wait: ctx.timings.waits[e],
      span: ctx.timings.spans[e],
      duration: ctx.timings.durations[e],
    });
    steps.push(input.model.tasks[el].elementId);
    rec.path.push(el, minute);
  }
  for (const t of conf.skipped) if (ctx.totals.skipped.hit(t, c)) rec.skipped.push(input.model.tasks[t].elementId);
  walkFlows(ctx.paths, ctx.totals, c, steps, rec);
  rec.state = stateOf(w, conf.fitness, info.dueAt);
  return rec;
}

import {
  discoverDfg,
  eventTimings,
  foldLifecycle,
  MiningError,
  type EventLog,
  type EventTimings,
  type FoldedLog,
} from '@sagsgang/mining';
import type { TBallState, TDfg, TElementStats, TGroupStats, TVariantStats } from '@sagsgang/contracts';
import { BALL_STATES } from '@sagsgang/contracts';
import { MIN_PERSON_GROUP, type AnalysisInput, type AnalysisOutput, type CaseRecord } from './analysis-types.js';
import { FlowPaths, WalkTotals, walkCase, type WalkContext } from './case-walk.js';
import { conformPerVariant, type VariantConformance } from './variant-conformance.js';
import { median, share, yieldToEventLoop } from './stats.js';

const MAX_VARIANTS = 200;

function timeRange(log: EventLog): { t0: number; t1: number } {
  let t0 = Infinity,
    t1 = -Infinity;
  for (const t of log.timestamps) {
    if (!Number.isFinite(t)) continue;
    if (t < t0) t0 = t;
    if (t > t1) t1 = t;
  }
  return Number.isFinite(t0) ? { t0, t1 } : { t0: 0, t1: 0 };
}

/** Each step's wait, span and duration, measured on the log as imported (its starts included). */
function stepTimings(imported: EventLog, steps: FoldedLog): EventTimings {
  const all = eventTimings(imported);
  const pick = (xs: Float64Array) => Float64Array.from(steps.source, (e) => xs[e]);
  return { waits: pick(all.waits), spans: pick(all.spans), durations: pick(all.durations) };
}

async function walkAll(
  input: AnalysisInput,
  imported: EventLog,
  steps: FoldedLog,
  conf: VariantConformance[],
  totals: WalkTotals,
  t0: number,
): Promise<CaseRecord[]> {
  const { log } = input;
  const caseVariant = log.caseVariants();
  const ctx: WalkContext = {
    totals,
    paths: new FlowPaths(input.model.graph),
    timings: stepTimings(imported, steps),
    caseStarts: caseStarts(imported),
    t0,
  };
  const cases: CaseRecord[] = new Array(log.caseCount);
  for (let c = 0; c < log.caseCount; c++) {
    cases[c] = walkCase(input, ctx, c, conf[caseVariant[c]], caseVariant[c]);
    if (c % 5000 === 4999) {
      await yieldToEventLoop();
      if (input.signal?.aborted) throw new MiningError('aborted', 'the analysis was cancelled');
      await input.onProgress?.({ phase: 'cases', done: c + 1, total: log.caseCount });
    }
  }
  return cases;
}

/** When each case began: its first event as imported, so a first step's start counts. */
function caseStarts(imported: EventLog): Float64Array {
  return Float64Array.from({ length: imported.caseCount }, (_, c) =>
    imported.caseOffsets[c + 1] > imported.caseOffsets[c] ? imported.timestamps[imported.caseOffsets[c]] : NaN,
  );
}

function groupStats(group: string, members: CaseRecord[]): TGroupStats {
  const n = members.length;
  let fit = 0,
    fitting = 0,
    deviating = 0,
    late = 0;
  const throughput: number[] = [];
  for (const m of members) {
    fit += m.fitness;
    if (m.fitness === 1) fitting++;
    if (m.deviations.length > 0) deviating++;
    if (m.state === 'late') late++;
    if (m.startedAt !== null && m.endedAt !== null) throughput.push(m.endedAt - m.startedAt);
  }
  return {
    group,
    cases: n,
    averageFitness: share(fit, n),
    fittingShare: share(fitting, n),
    deviatingShare: share(deviating, n),
    lateShare: share(late, n),
    medianThroughputMs: median(throughput),
  };
}

function byGroup(
  cases: CaseRecord[],
  keysOf: (c: CaseRecord, i: number) => Iterable<string>,
  minimum = 1,
): TGroupStats[] {
  const groups = new Map<string, CaseRecord[]>();
  cases.forEach((c, i) => {
    for (const k of keysOf(c, i)) {
      const list = groups.get(k);
      if (list) list.push(c);
      else groups.set(k, [c]);
    }
  });
  const collator = new Intl.Collator('da');
  return [...groups]
    .filter(([, m]) => m.length >= minimum)
    .map(([g, m]) => groupStats(g, m))
    .sort((a, b) => collator.compare(a.group, b.group));
}

/** The people who recorded events on each case (the log's resource column). */
function peopleOf(log: EventLog): (c: CaseRecord, i: number) => Set<string> {
  return (_c, i) => {
    const out = new Set<string>();
    for (let e = log.caseOffsets[i]; e < log.caseOffsets[i + 1]; e++) {
      const r = log.resources[e];
      if (r >= 0) out.add(log.resourceNames[r]);
    }
    return out;
  };
}

function elementStats(input: AnalysisInput, totals: WalkTotals): TElementStats[] {
  return input.model.tasks.map((t, i) => ({
    elementId: t.elementId,
    name: t.name,
    passed: totals.passed.counts[i],
    skipped: totals.skipped.counts[i],
    outOfOrder: totals.outOfOrder.counts[i],
    extra: totals.extra.counts[i],
    medianWaitMs: totals.waits.median(i),
    medianDurationMs: totals.durations.median(i),
    deadlineDays: t.deadlineDays,
    overDeadline: totals.overDeadline.counts[i],
  }));
}

function variantStats(log: EventLog, conf: VariantConformance[], cases: CaseRecord[]): TVariantStats[] {
  const throughput = new Map<number, number[]>();
  for (const c of cases) {
    if (c.variant >= MAX_VARIANTS || c.startedAt === null || c.endedAt === null) continue;
    const list = throughput.get(c.variant) ?? [];
    list.push(c.endedAt - c.startedAt);
    throughput.set(c.variant, list);
  }
  return log
    .variants()
    .slice(0, MAX_VARIANTS)
    .map((v) => ({
      index: v.index,
      count: v.count,
      activities: Array.from(v.activities, (a) => log.activityNames[a]),
      fitness: conf[v.index].fitness,
      deviations: conf[v.index].deviations,
      medianThroughputMs: median(throughput.get(v.index) ?? []),
    }));
}

function dfgOf(log: EventLog): TDfg {
  const d = discoverDfg(log, { durations: true });
  const num = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    activities: d.activities.map((name, i) => ({
      name,
      count: d.activityCounts[i],
      starts: d.startCounts[i],
      ends: d.endCounts[i],
    })),
    edges: d.edges.map((e) => ({
      from: e.from,
      to: e.to,
      count: e.count,
      medianMs: num(e.medianMs),
      meanMs: num(e.meanMs),
    })),
  };
}

function summaryOf(
  log: EventLog,
  conf: VariantConformance[],
  cases: CaseRecord[],
  range: { t0: number; t1: number },
  unmapped: string[],
) {
  const states = Object.fromEntries(BALL_STATES.map((s) => [s, 0])) as Record<TBallState, number>;
  let cost = 0,
    bwc = 0,
    fit = 0,
    fitting = 0;
  const throughput: number[] = [];
  for (const c of cases) {
    states[c.state]++;
    fit += c.fitness;
    if (c.fitness === 1) fitting++;
    cost += conf[c.variant].cost;
    bwc += conf[c.variant].bwc;
    if (c.startedAt !== null && c.endedAt !== null) throughput.push(c.endedAt - c.startedAt);
  }
  const n = cases.length;
  return {
    cases: n,
    events: log.eventCount,
    logFitness: bwc > 0 ? 1 - cost / bwc : share(fit, n),
    averageTraceFitness: share(fit, n),
    fittingShare: share(fitting, n),
    medianThroughputMs: median(throughput),
    from: n && range.t0 ? new Date(range.t0).toISOString() : null,
    to: n && range.t1 ? new Date(range.t1).toISOString() : null,
    states,
    unmappedActivities: unmapped,
  };
}

/**
 * Checks every case of the log against the model and gathers what the navigator shows: heat per step and flow,
 * variants with their deviations, the discovered process, figures per unit and (for those allowed) per person,
 * and every case's verdict and replay path.
 */
export async function analyseLog(input: AnalysisInput): Promise<AnalysisOutput> {
  const imported = input.log;
  // A step is its completion: start events are folded into it before anything is aligned, counted or drawn.
  const steps = foldLifecycle(imported);
  const stepInput: AnalysisInput = { ...input, log: steps.log };
  const { log } = stepInput;
  const range = timeRange(imported);
  const conf = await conformPerVariant(stepInput);
  const totals = new WalkTotals(
    input.model.tasks.length,
    input.model.graph.flows.map((f) => f.id),
  );
  const cases = await walkAll(stepInput, imported, steps, conf, totals, range.t0);
  await input.onProgress?.({ phase: 'discovery', done: 0, total: 1 });
  await yieldToEventLoop();
  const unmapped = log.activityNames.filter((a) => !input.labels.activityTask.has(a));
  const jumps = [...totals.jumps].map(([k, count]) => {
    const [from, to] = k.split('\u0001');
    return { from, to, count };
  });
  return {
    summary: summaryOf(imported, conf, cases, range, unmapped),
    elements: elementStats(input, totals),
    flows: totals.flowIds.map((flowId, i) => ({ flowId, count: totals.flows.counts[i] })),
    jumps,
    variants: variantStats(log, conf, cases),
    dfg: dfgOf(log),
    units: byGroup(cases, (c) => (c.unit ? [c.unit] : [])),
    people: byGroup(cases, peopleOf(imported), MIN_PERSON_GROUP),
    cases,
    ...range,
  };
}

import type { EventLog } from '../log/event-log.js';
import { pairLifecycle, type LifecyclePairs } from '../log/lifecycle.js';
import type { AlignmentStep, LogAlignment } from './alignments.js';

/** How an activity deviates from the model, counted over all cases. */
export interface ActivityDeviation {
  activity: string;
  /** Model moves: the model required it, the case did not do it. */
  skipped: number;
  /** Log moves of an activity the case did not also skip elsewhere: done in addition. */
  extra: number;
  /** Log moves matched by a skip of the same activity in the same case: done, but at the wrong point. */
  outOfOrder: number;
}

/** Timing of one step (activity) and how often its deadline was missed. */
export interface StepTiming {
  activity: string;
  count: number;
  /** Time from the previous completed step of the case to this step (start if known), ms. */
  waitingMeanMs: number;
  waitingMedianMs: number;
  /** Start to complete, ms (NaN without lifecycle start events). */
  durationMeanMs: number;
  durationMedianMs: number;
  deadlineChecked: number;
  deadlineExceeded: number;
}

export interface DeadlineRule {
  /** A case attribute (date) every step must finish by. */
  caseAttribute?: string;
  /** An event attribute (date) the step itself must finish by. */
  eventAttribute?: string;
  /** Longest allowed waiting + duration per activity, in ms. */
  perStepMs?: Record<string, number>;
}

export interface DeviationSummary {
  activities: ActivityDeviation[];
  steps: StepTiming[];
}

/** A summary fit for people: per activity skipped / extra / out-of-order counts, per step times and deadline misses. */
export function deviationSummary(
  log: EventLog,
  alignment: LogAlignment,
  deadline: DeadlineRule = {},
): DeviationSummary {
  return { activities: activityDeviations(log, alignment), steps: stepTimings(log, deadline) };
}

/**
 * What one move of an alignment means for people. Model moves are `skipped`, or `moved` when the case did that
 * step elsewhere; log moves are `extra`, or `out_of_order` when they make up for a skip of the same step.
 */
export type MoveVerdict = 'sync' | 'silent' | 'skipped' | 'moved' | 'extra' | 'out_of_order';

/** The step a skip or a log move stands for when the two are paired; undefined never pairs. */
export type StepKey = (step: AlignmentStep, index: number) => string | number | undefined;

const labelKey: StepKey = (s) => (s.log !== '>>' ? s.log : (s.model ?? undefined));

/**
 * Reads an alignment into a verdict per move. A step the model wanted at one point and the case did at another
 * shows up as a model move plus a log move of the same step: that pair is one out-of-order step, not a skip and
 * an extra. Per step, the earliest log moves pair with the latest skips. Steps are told apart by their label
 * unless `keyOf` says otherwise.
 */
export function classifyMoves(steps: readonly AlignmentStep[], keyOf: StepKey = labelKey): MoveVerdict[] {
  const verdicts = new Array<MoveVerdict>(steps.length);
  const skips = new Map<string | number, number[]>();
  const logMoves = new Map<string | number, number[]>();
  const remember = (into: Map<string | number, number[]>, i: number) => {
    const key = keyOf(steps[i], i);
    if (key === undefined) return;
    const list = into.get(key);
    if (list) list.push(i);
    else into.set(key, [i]);
  };
  steps.forEach((s, i) => {
    if (s.log === '>>') {
      verdicts[i] = typeof s.model === 'string' && s.model !== '>>' ? 'skipped' : 'silent';
      if (verdicts[i] === 'skipped') remember(skips, i);
    } else if (s.model === '>>' || s.model === null) {
      verdicts[i] = 'extra';
      remember(logMoves, i);
    } else verdicts[i] = 'sync';
  });
  for (const [key, skipped] of skips) {
    const done = logMoves.get(key) ?? [];
    for (let j = 0; j < Math.min(skipped.length, done.length); j++) {
      verdicts[done[j]] = 'out_of_order';
      verdicts[skipped[skipped.length - 1 - j]] = 'moved';
    }
  }
  return verdicts;
}

function activityDeviations(log: EventLog, alignment: LogAlignment): ActivityDeviation[] {
  const rows = new Map<string, ActivityDeviation>();
  const row = (a: string) => {
    let r = rows.get(a);
    if (!r) rows.set(a, (r = { activity: a, skipped: 0, extra: 0, outOfOrder: 0 }));
    return r;
  };
  log.variants().forEach((v, i) => {
    const steps = alignment.variants[i].steps;
    const verdicts = classifyMoves(steps);
    // Log moves first, then skips: the order rows first appear in (ties keep it).
    verdicts.forEach((verdict, j) => {
      if (verdict === 'extra') row(steps[j].log).extra += v.count;
      else if (verdict === 'out_of_order') row(steps[j].log).outOfOrder += v.count;
    });
    verdicts.forEach((verdict, j) => verdict === 'skipped' && (row(steps[j].model as string).skipped += v.count));
  });
  return [...rows.values()].sort((a, b) => b.skipped + b.extra + b.outOfOrder - (a.skipped + a.extra + a.outOfOrder));
}

/** When each event's step happened relative to the case's previous completed step, ms. */
export interface EventTimings {
  /** Previous completed step → this step's start (its completion without a start event). */
  waits: Float64Array;
  /** Previous completed step → this step's completion: what a step's allowed time is checked against. */
  spans: Float64Array;
  /** This step's start → its completion. */
  durations: Float64Array;
}

/**
 * Per event of the log, how long its step waited and took. Start events carry NaN and lend their time to their
 * step's completion, paired as `pairLifecycle` says; a case's first step, and any time that is unknown, give NaN too.
 */
export function eventTimings(log: EventLog, pairs: LifecyclePairs = pairLifecycle(log)): EventTimings {
  const n = log.eventCount;
  const out: EventTimings = {
    waits: new Float64Array(n).fill(NaN),
    spans: new Float64Array(n).fill(NaN),
    durations: new Float64Array(n).fill(NaN),
  };
  for (let c = 0; c < log.caseCount; c++) {
    let lastDone = NaN;
    for (let e = log.caseOffsets[c]; e < log.caseOffsets[c + 1]; e++) {
      if (pairs.isStart[e]) continue;
      const ts = log.timestamps[e];
      const began = pairs.partner[e] >= 0 ? log.timestamps[pairs.partner[e]] : ts;
      out.waits[e] = began - lastDone;
      out.spans[e] = ts - lastDone;
      if (pairs.partner[e] >= 0) out.durations[e] = ts - began;
      lastDone = ts;
    }
  }
  return out;
}

function stepTimings(log: EventLog, rule: DeadlineRule): StepTiming[] {
  const acc = log.activityNames.map(() => ({ wait: [] as number[], dur: [] as number[], checked: 0, exceeded: 0 }));
  const pairs = pairLifecycle(log);
  const caseDeadline = rule.caseAttribute ? log.caseAttributes.get(rule.caseAttribute) : undefined;
  const eventDeadline = rule.eventAttribute ? log.eventAttributes.get(rule.eventAttribute) : undefined;
  const { waits, spans, durations } = eventTimings(log, pairs);
  for (let c = 0; c < log.caseCount; c++) {
    for (let e = log.caseOffsets[c]; e < log.caseOffsets[c + 1]; e++) {
      if (pairs.isStart[e]) continue;
      const a = log.activities[e],
        ts = log.timestamps[e];
      acc[a].wait.push(waits[e]);
      acc[a].dur.push(durations[e]);
      const over = overDeadline(
        rule,
        { activity: log.activityNames[a], ts, span: spans[e] },
        caseDeadline?.values[c],
        eventDeadline?.values[e],
      );
      if (over === undefined) continue;
      acc[a].checked++;
      if (over) acc[a].exceeded++;
    }
  }
  return acc.map((x, a): StepTiming => {
    const w = stats(x.wait);
    const d = stats(x.dur);
    return {
      activity: log.activityNames[a],
      count: countOf(log, pairs, a),
      waitingMeanMs: w.mean,
      waitingMedianMs: w.median,
      durationMeanMs: d.mean,
      durationMedianMs: d.median,
      deadlineChecked: x.checked,
      deadlineExceeded: x.exceeded,
    };
  });
}

/** Whether a step missed its deadline; undefined when none applies or a time is unknown. */
function overDeadline(
  rule: DeadlineRule,
  step: { activity: string; ts: number; span: number },
  caseValue: unknown,
  eventValue: unknown,
): boolean | undefined {
  if (Number.isNaN(step.ts)) return undefined;
  if (typeof eventValue === 'number') return step.ts > eventValue;
  if (typeof caseValue === 'number') return step.ts > caseValue;
  const allowed = rule.perStepMs?.[step.activity];
  if (allowed === undefined || Number.isNaN(step.span)) return undefined;
  return exceedsAllowedTime(step.span, allowed);
}

/** A step's own deadline: the time from the previous completed step to its completion (its span) beyond what is allowed. */
export function exceedsAllowedTime(span: number, allowedMs: number): boolean {
  return span > allowedMs;
}

function countOf(log: EventLog, pairs: LifecyclePairs, a: number): number {
  let n = 0;
  for (let e = 0; e < log.eventCount; e++) if (log.activities[e] === a && !pairs.isStart[e]) n++;
  return n;
}

function stats(xs: number[]) {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  const mean = s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN;
  const h = s.length >> 1;
  const median = !s.length ? NaN : s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
  return { mean, median };
}

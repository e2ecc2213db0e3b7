import type { EventLog } from '../log/event-log.js';
import type { LogAlignment } from './alignments.js';

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
export function deviationSummary(log: EventLog, alignment: LogAlignment, deadline: DeadlineRule = {}): DeviationSummary {
  return { activities: activityDeviations(log, alignment), steps: stepTimings(log, deadline) };
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
    const skipped = new Map<string, number>();
    for (const s of steps) if (s.log === '>>' && typeof s.model === 'string' && s.model !== '>>') skipped.set(s.model, (skipped.get(s.model) ?? 0) + 1);
    const moved = new Map<string, number>();
    for (const s of steps) {
      if (s.model !== '>>') continue;
      const a = s.log as string;
      const pairable = (skipped.get(a) ?? 0) - (moved.get(a) ?? 0);
      if (pairable > 0) {
        moved.set(a, (moved.get(a) ?? 0) + 1);
        row(a).outOfOrder += v.count;
      } else row(a).extra += v.count;
    }
    for (const [a, k] of skipped) row(a).skipped += (k - (moved.get(a) ?? 0)) * v.count;
  });
  return [...rows.values()].sort((a, b) => b.skipped + b.extra + b.outOfOrder - (a.skipped + a.extra + a.outOfOrder));
}

function stepTimings(log: EventLog, rule: DeadlineRule): StepTiming[] {
  const acc = log.activityNames.map(() => ({ wait: [] as number[], dur: [] as number[], checked: 0, exceeded: 0 }));
  const startName = log.lifecycleNames.indexOf('start');
  const caseDeadline = rule.caseAttribute ? log.caseAttributes.get(rule.caseAttribute) : undefined;
  const eventDeadline = rule.eventAttribute ? log.eventAttributes.get(rule.eventAttribute) : undefined;
  for (let c = 0; c < log.caseCount; c++) {
    let lastDone = NaN;
    const openStart = new Map<number, number>();
    for (let e = log.caseOffsets[c]; e < log.caseOffsets[c + 1]; e++) {
      const a = log.activities[e], ts = log.timestamps[e];
      if (startName >= 0 && log.lifecycles[e] === startName) {
        openStart.set(a, ts);
        continue;
      }
      const began = openStart.get(a);
      openStart.delete(a);
      const wait = (began ?? ts) - lastDone;
      if (!Number.isNaN(wait)) acc[a].wait.push(wait);
      if (began !== undefined) acc[a].dur.push(ts - began);
      const limit = deadlineFor(rule, log.activityNames[a], caseDeadline?.values[c], eventDeadline?.values[e], lastDone);
      if (limit !== undefined && !Number.isNaN(ts)) {
        acc[a].checked++;
        if (ts > limit) acc[a].exceeded++;
      }
      lastDone = ts;
    }
  }
  return acc.map((x, a): StepTiming => {
    const w = stats(x.wait);
    const d = stats(x.dur);
    return {
      activity: log.activityNames[a],
      count: countOf(log, a),
      waitingMeanMs: w.mean,
      waitingMedianMs: w.median,
      durationMeanMs: d.mean,
      durationMedianMs: d.median,
      deadlineChecked: x.checked,
      deadlineExceeded: x.exceeded,
    };
  });
}

function deadlineFor(rule: DeadlineRule, activity: string, caseValue: unknown, eventValue: unknown, lastDone: number): number | undefined {
  if (typeof eventValue === 'number') return eventValue;
  if (typeof caseValue === 'number') return caseValue;
  const allowed = rule.perStepMs?.[activity];
  if (allowed !== undefined && !Number.isNaN(lastDone)) return lastDone + allowed;
  return undefined;
}

function countOf(log: EventLog, a: number): number {
  const startName = log.lifecycleNames.indexOf('start');
  let n = 0;
  for (let e = 0; e < log.eventCount; e++) if (log.activities[e] === a && (startName < 0 || log.lifecycles[e] !== startName)) n++;
  return n;
}

function stats(xs: number[]) {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  const mean = s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN;
  const h = s.length >> 1;
  const median = !s.length ? NaN : s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
  return { mean, median };
}

import type { EventLog } from '../log/event-log.js';

/** One directly-follows edge with its frequency and the time between the two events. */
export interface DfgEdge {
  from: number;
  to: number;
  count: number;
  /** Mean and median of the time between the events, in ms (NaN when timestamps are missing). */
  meanMs: number;
  medianMs: number;
}

/** A directly-follows graph over the log's interned activities. */
export interface Dfg {
  activities: string[];
  activityCounts: Int32Array;
  startCounts: Int32Array;
  endCounts: Int32Array;
  edges: DfgEdge[];
}

/** Directly-follows graph with frequencies and durations (mean, median), in one pass plus a sort per edge. */
export function discoverDfg(log: EventLog, opts: { durations?: boolean } = {}): Dfg {
  const n = log.activityNames.length;
  const act = log.activities;
  const off = log.caseOffsets;
  const activityCounts = new Int32Array(n);
  const startCounts = new Int32Array(n);
  const endCounts = new Int32Array(n);
  const edgeIndex = new Map<number, number>();
  const pairs: number[] = [];
  const counts: number[] = [];
  for (let e = 0; e < act.length; e++) activityCounts[act[e]]++;
  for (let c = 0; c < log.caseCount; c++) {
    const s = off[c],
      t = off[c + 1];
    if (s === t) continue;
    startCounts[act[s]]++;
    endCounts[act[t - 1]]++;
    for (let e = s + 1; e < t; e++) {
      const key = act[e - 1] * n + act[e];
      let k = edgeIndex.get(key);
      if (k === undefined) {
        k = pairs.length;
        edgeIndex.set(key, k);
        pairs.push(key);
        counts.push(0);
      }
      counts[k]++;
    }
  }
  const stats = opts.durations === false ? null : durationStats(log, edgeIndex, counts, n);
  const edges = pairs.map((key, k) => ({
    from: Math.floor(key / n),
    to: key % n,
    count: counts[k],
    meanMs: stats ? stats.mean[k] : NaN,
    medianMs: stats ? stats.median[k] : NaN,
  }));
  edges.sort((a, b) => b.count - a.count || a.from - b.from || a.to - b.to);
  return { activities: log.activityNames, activityCounts, startCounts, endCounts, edges };
}

// Durations grouped per edge in one flat Float64Array, then sorted per edge for the median.
function durationStats(log: EventLog, edgeIndex: Map<number, number>, counts: number[], n: number) {
  const m = counts.length;
  const start = new Int32Array(m + 1);
  for (let k = 0; k < m; k++) start[k + 1] = start[k] + counts[k];
  const fill = start.slice(0, m);
  const all = new Float64Array(start[m]);
  const act = log.activities,
    ts = log.timestamps,
    off = log.caseOffsets;
  for (let c = 0; c < log.caseCount; c++) {
    for (let e = off[c] + 1; e < off[c + 1]; e++) {
      const k = edgeIndex.get(act[e - 1] * n + act[e])!;
      all[fill[k]++] = ts[e] - ts[e - 1];
    }
  }
  const mean = new Float64Array(m);
  const median = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const seg = all
      .subarray(start[k], start[k + 1])
      .filter((x) => !Number.isNaN(x))
      .sort();
    if (seg.length === 0) {
      mean[k] = median[k] = NaN;
      continue;
    }
    let sum = 0;
    for (let i = 0; i < seg.length; i++) sum += seg[i];
    mean[k] = sum / seg.length;
    const h = seg.length >> 1;
    median[k] = seg.length % 2 ? seg[h] : (seg[h - 1] + seg[h]) / 2;
  }
  return { mean, median };
}

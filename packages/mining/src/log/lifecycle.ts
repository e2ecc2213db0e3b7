import type { AttributeColumn } from './attributes.js';
import { EventLog } from './event-log.js';

/** How a log's start events (lifecycle `start`) meet the completions they belong to. */
export interface LifecyclePairs {
  /** Whether the log has any start event at all. */
  hasStarts: boolean;
  /** Per event: 1 for a start event. */
  isStart: Uint8Array;
  /** Per event: for a completion, the start folded into it; for a start, the completion it is folded into; -1 for none. */
  partner: Int32Array;
}

/** Lifecycle ids of the log that mark a step's start (`start` in any letter case, as exporters write it). */
function startIds(log: EventLog): Set<number> {
  const ids = new Set<number>();
  log.lifecycleNames.forEach((name, i) => name.trim().toLowerCase() === 'start' && ids.add(i));
  return ids;
}

/**
 * Pairs each start event with the completion of its step. A step instance is its completion: every event that is
 * not a start. A completion takes the earliest start of the same activity in the same case, before it in the case's
 * order, that no earlier completion took (first in, first out). A start no completion takes is a step still in
 * progress; a completion without a start has no measured duration.
 */
export function pairLifecycle(log: EventLog): LifecyclePairs {
  const n = log.eventCount;
  const pairs: LifecyclePairs = { hasStarts: false, isStart: new Uint8Array(n), partner: new Int32Array(n).fill(-1) };
  const starts = startIds(log);
  if (starts.size === 0) return pairs;
  for (let e = 0; e < n; e++) if (starts.has(log.lifecycles[e])) pairs.isStart[e] = 1;
  pairs.hasStarts = pairs.isStart.includes(1);
  if (!pairs.hasStarts) return pairs;
  for (let c = 0; c < log.caseCount; c++) {
    const open = new Map<number, number[]>();
    for (let e = log.caseOffsets[c]; e < log.caseOffsets[c + 1]; e++) {
      const a = log.activities[e];
      const queue = open.get(a);
      if (pairs.isStart[e]) {
        if (queue) queue.push(e);
        else open.set(a, [e]);
      } else if (queue?.length) {
        const s = queue.shift()!;
        pairs.partner[e] = s;
        pairs.partner[s] = e;
      }
    }
  }
  return pairs;
}

/** A log seen as its step instances: every start event folded into its completion. */
export interface FoldedLog {
  /** One event per step instance (its completion), in each case's order; every case kept, even one left empty. */
  log: EventLog;
  /** Per event of the folded log, its row in the original log. */
  source: Int32Array;
  /** Rows of the original log whose start no completion took: steps still in progress. */
  inProgress: number[];
}

/**
 * Folds start events into their completions (see `pairLifecycle` for the pairing), so a step done with a start and
 * a complete event is one step, as for alignments and conformance. A log without start events comes back as it is.
 */
export function foldLifecycle(log: EventLog, pairs: LifecyclePairs = pairLifecycle(log)): FoldedLog {
  if (!pairs.hasStarts)
    return { log, source: Int32Array.from({ length: log.eventCount }, (_, i) => i), inProgress: [] };
  const source: number[] = [];
  const inProgress: number[] = [];
  const caseOffsets = new Uint32Array(log.caseCount + 1);
  for (let c = 0; c < log.caseCount; c++) {
    for (let e = log.caseOffsets[c]; e < log.caseOffsets[c + 1]; e++) {
      if (!pairs.isStart[e]) source.push(e);
      else if (pairs.partner[e] < 0) inProgress.push(e);
    }
    caseOffsets[c + 1] = source.length;
  }
  const rows = Int32Array.from(source);
  const pick = (column: Int32Array) => Int32Array.from(rows, (r) => column[r]);
  const eventAttributes = new Map<string, AttributeColumn>();
  for (const [key, column] of log.eventAttributes) eventAttributes.set(key, pickedColumn(column, rows));
  const folded = new EventLog({
    activityNames: log.activityNames,
    resourceNames: log.resourceNames,
    lifecycleNames: log.lifecycleNames,
    caseIds: log.caseIds,
    caseOffsets,
    activities: pick(log.activities),
    resources: pick(log.resources),
    lifecycles: pick(log.lifecycles),
    timestamps: Float64Array.from(rows, (r) => log.timestamps[r]),
    eventAttributes,
    caseAttributes: log.caseAttributes,
  });
  return { log: folded, source: rows, inProgress };
}

// Laid out only when read: most attribute columns of a folded log are never looked at.
function pickedColumn(column: AttributeColumn, rows: Int32Array): AttributeColumn {
  let values: AttributeColumn['values'][number][] | undefined;
  return {
    type: column.type,
    get values() {
      values ??= Array.from(rows, (r) => column.values[r]);
      return values;
    },
  };
}

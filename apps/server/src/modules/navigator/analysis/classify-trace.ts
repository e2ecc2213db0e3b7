/** One move of an optimal alignment, as the mining engine reports it. */
export interface AlignMove {
  /** The log's activity label, or '>>' for a move on the model only. */
  log: string;
  /** The model's activity label, null for a silent step, '>>' for a move on the log only. */
  model: string | null;
  transitionId?: string;
}

export interface TraceAlignment {
  fitness: number;
  moves: AlignMove[];
}

/** What happened to each event of a trace, measured against the model. */
export const KIND = { ok: 0, extra: 1, outOfOrder: 2, outside: 3, ignored: 4 } as const;
export type EventKind = (typeof KIND)[keyof typeof KIND];

export interface TraceClass {
  fitness: number;
  /** Per event of the trace: its kind and the model step (task index) it stands for, -1 for none. */
  kinds: Int8Array;
  elements: Int32Array;
  /** Task indexes the model required but the trace skipped. */
  skipped: number[];
}

/** How the log's activities meet the model's tasks. */
export interface LabelMap {
  /** activity → task index; -1 marks an activity deliberately left out of the workflow. Absent: unmapped. */
  activityTask: Map<string, number>;
  /** The label each task carries in the net (its name). */
  taskLabels: string[];
  /** task index by the net's transition id (when ids are the BPMN element ids) and by label. */
  taskByTransition: Map<string, number>;
  taskByLabel: Map<string, number>;
}

function taskOf(move: AlignMove, labels: LabelMap): number {
  if (move.transitionId !== undefined) {
    const t = labels.taskByTransition.get(move.transitionId);
    if (t !== undefined) return t;
  }
  return typeof move.model === 'string' ? labels.taskByLabel.get(move.model) ?? -1 : -1;
}

/** The trace as the net sees it: mapped activities become their task's label; left-out ones are dropped. */
export function netTrace(activities: readonly string[], labels: LabelMap): { trace: string[]; positions: number[] } {
  const trace: string[] = [];
  const positions: number[] = [];
  activities.forEach((a, i) => {
    const t = labels.activityTask.get(a);
    if (t === -1) return;
    trace.push(t === undefined ? a : labels.taskLabels[t]);
    positions.push(i);
  });
  return { trace, positions };
}

/**
 * Reads an alignment into per-event verdicts. A step the model wanted earlier and the trace did later shows up
 * as a model move plus a log move of the same task: that pair is one out-of-order step, not a skip and an extra.
 */
export function classifyTrace(activities: readonly string[], labels: LabelMap, alignment: TraceAlignment, positions: number[]): TraceClass {
  const n = activities.length;
  const kinds = new Int8Array(n).fill(KIND.ignored);
  const elements = new Int32Array(n).fill(-1);
  const skipped: number[] = [];
  let k = 0;
  for (const move of alignment.moves) {
    if (move.log !== '>>') {
      const pos = positions[k++];
      const mapped = labels.activityTask.get(activities[pos]);
      if (move.model !== '>>' && move.model !== null) {
        kinds[pos] = KIND.ok;
        elements[pos] = taskOf(move, labels);
      } else {
        kinds[pos] = mapped === undefined ? KIND.outside : KIND.extra;
        elements[pos] = mapped ?? -1;
      }
    } else if (move.model !== null && move.model !== '>>') {
      const t = taskOf(move, labels);
      if (t >= 0) skipped.push(t);
    }
  }
  for (let i = skipped.length - 1; i >= 0; i--) {
    const pos = firstExtraOf(kinds, elements, skipped[i]);
    if (pos < 0) continue;
    kinds[pos] = KIND.outOfOrder;
    skipped.splice(i, 1);
  }
  return { fitness: alignment.fitness, kinds, elements, skipped };
}

function firstExtraOf(kinds: Int8Array, elements: Int32Array, task: number): number {
  for (let i = 0; i < kinds.length; i++) if (kinds[i] === KIND.extra && elements[i] === task) return i;
  return -1;
}

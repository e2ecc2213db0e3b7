import { classifyMoves, type AlignmentStep } from '@sagsgang/mining';

/** One move of an optimal alignment, as the mining engine reports it. */
export type AlignMove = AlignmentStep;

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

/** The model's task a move stands for: by its transition (the BPMN element id), else by its label; -1 for none. */
export function taskOf(move: AlignMove, labels: LabelMap): number {
  if (move.transitionId !== undefined) {
    const t = labels.taskByTransition.get(move.transitionId);
    if (t !== undefined) return t;
  }
  return typeof move.model === 'string' ? (labels.taskByLabel.get(move.model) ?? -1) : -1;
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
 * Reads an alignment into per-event verdicts, by the mining package's one classification of moves. Steps are told
 * apart by task (not by label), and an activity outside the workflow never makes up for a skipped step.
 */
export function classifyTrace(
  activities: readonly string[],
  labels: LabelMap,
  alignment: TraceAlignment,
  positions: number[],
): TraceClass {
  const n = activities.length;
  const kinds = new Int8Array(n).fill(KIND.ignored);
  const elements = new Int32Array(n).fill(-1);
  const skipped: number[] = [];
  const eventOf = new Int32Array(alignment.moves.length).fill(-1);
  let k = 0;
  alignment.moves.forEach((m, i) => m.log !== '>>' && (eventOf[i] = positions[k++]));
  const mappedTask = (i: number) => labels.activityTask.get(activities[eventOf[i]]);
  const stepOf = (m: AlignMove, i: number) => (m.log !== '>>' ? mappedTask(i) : nonNegative(taskOf(m, labels)));
  classifyMoves(alignment.moves, stepOf).forEach((verdict, i) => {
    const move = alignment.moves[i];
    if (verdict === 'skipped') {
      const t = taskOf(move, labels);
      if (t >= 0) skipped.push(t);
    }
    if (move.log === '>>') return;
    const pos = eventOf[i];
    const mapped = mappedTask(i);
    if (verdict === 'sync') {
      kinds[pos] = KIND.ok;
      elements[pos] = taskOf(move, labels);
    } else {
      kinds[pos] = verdict === 'out_of_order' ? KIND.outOfOrder : mapped === undefined ? KIND.outside : KIND.extra;
      elements[pos] = mapped ?? -1;
    }
  });
  return { fitness: alignment.fitness, kinds, elements, skipped };
}

const nonNegative = (t: number) => (t >= 0 ? t : undefined);

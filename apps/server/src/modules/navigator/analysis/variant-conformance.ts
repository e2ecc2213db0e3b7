import { MiningError } from '@sagsgang/mining';
import type { TDeviation } from '@sagsgang/contracts';
import { classifyTrace, KIND, netTrace, type TraceClass } from './classify-trace.js';
import type { AnalysisInput } from './analysis-types.js';
import { yieldToEventLoop } from './stats.js';

export interface VariantConformance extends TraceClass {
  cost: number;
  bwc: number;
  deviations: TDeviation[];
}

/** The deviations of one classified trace, as people read them. */
export function deviationsOf(
  activities: string[],
  cls: TraceClass,
  tasks: { elementId: string; name: string }[],
): TDeviation[] {
  const out: TDeviation[] = cls.skipped.map((t) => ({
    kind: 'skipped',
    activity: tasks[t].name,
    elementId: tasks[t].elementId,
  }));
  cls.kinds.forEach((k, i) => {
    const el = cls.elements[i];
    const elementId = el >= 0 ? tasks[el].elementId : null;
    if (k === KIND.extra) out.push({ kind: 'extra', activity: activities[i], elementId });
    else if (k === KIND.outOfOrder) out.push({ kind: 'out_of_order', activity: activities[i], elementId });
    else if (k === KIND.outside) out.push({ kind: 'outside', activity: activities[i], elementId: null });
  });
  return out;
}

/**
 * Aligns each variant once (variants that look the same to the net share one alignment) and reads the verdicts.
 * Yields to the event loop between variants so the server stays responsive and a cancel is seen.
 */
export async function conformPerVariant(input: AnalysisInput): Promise<VariantConformance[]> {
  const { log } = input;
  const variants = log.variants();
  const cache = new Map<string, ReturnType<AnalysisInput['align']>>();
  const out: VariantConformance[] = [];
  let lastYield = performance.now();
  for (let v = 0; v < variants.length; v++) {
    const activities = Array.from(variants[v].activities, (a) => log.activityNames[a]);
    const { trace, positions } = netTrace(activities, input.labels);
    const key = trace.join('\u0001');
    let alignment = cache.get(key);
    if (!alignment) {
      alignment = input.align(trace);
      cache.set(key, alignment);
    }
    const cls = classifyTrace(activities, input.labels, alignment, positions);
    out.push({
      ...cls,
      cost: alignment.cost ?? 0,
      bwc: alignment.bwc ?? 0,
      deviations: deviationsOf(activities, cls, input.model.tasks),
    });
    if (performance.now() - lastYield > 50) {
      await yieldToEventLoop();
      if (input.signal?.aborted) throw new MiningError('aborted', 'the analysis was cancelled');
      await input.onProgress?.({ phase: 'conformance', done: v + 1, total: variants.length });
      lastYield = performance.now();
    }
  }
  return out;
}

import type { TAnalysisResult, TElementStats } from '@sagsgang/contracts';
import type { DiagramHandle } from '../workflows/bpmn-viewer.js';

export const METRICS = ['passed', 'skipped', 'deviating', 'wait', 'deadline'] as const;
export type Metric = (typeof METRICS)[number];

/** The value a step gets under a metric, as a number for the heat and a label for the badge. */
export function metricValue(e: TElementStats, m: Metric, cases: number): number | null {
  switch (m) {
    case 'passed':
      return e.passed;
    case 'skipped':
      return cases ? e.skipped / cases : 0;
    case 'deviating':
      return e.passed + e.skipped ? (e.skipped + e.outOfOrder + e.extra) / (e.passed + e.skipped) : 0;
    case 'wait':
      return e.medianWaitMs;
    case 'deadline':
      return e.deadlineDays === null ? null : e.passed ? e.overDeadline / e.passed : 0;
  }
}

export const drillMetric: Record<Metric, string> = {
  passed: 'passed',
  skipped: 'skipped',
  deviating: 'deviating',
  wait: 'passed',
  deadline: 'over_deadline',
};

/** Heat level 0-4 by the value's place between zero and the highest value of the metric. */
export function heatLevel(v: number | null, max: number): number {
  if (v === null || max <= 0) return 0;
  return Math.min(4, Math.ceil((v / max) * 4));
}

/**
 * Marks each step with a heat class and a badge that is a link to the cases behind the number; flows get a
 * thickness class and their case count. Returns a function that removes it all.
 */
export function applyHeat(
  h: DiagramHandle,
  result: TAnalysisResult,
  metric: Metric,
  badge: (e: TElementStats, value: number | null) => { text: string; label: string; href: string },
  go: (href: string) => void,
): () => void {
  const cases = result.analysis.summary?.cases ?? 0;
  const values = result.elements.map((e) => metricValue(e, metric, cases));
  const max = Math.max(0, ...values.map((v) => v ?? 0));
  const undo: (() => void)[] = [];
  result.elements.forEach((e, i) => {
    const cls = `bo-heat-${heatLevel(values[i], max)}`;
    h.addMarker(e.elementId, cls);
    undo.push(() => h.removeMarker(e.elementId, cls));
    const b = badge(e, values[i]);
    const a = document.createElement('a');
    a.className = `bo-heat-badge bo-heat-badge-${heatLevel(values[i], max)}`;
    a.href = b.href;
    a.textContent = b.text;
    a.setAttribute('aria-label', b.label);
    a.dataset.element = e.elementId;
    a.addEventListener('click', (ev) => {
      if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
      ev.preventDefault();
      go(b.href);
    });
    undo.push(h.overlay(e.elementId, a, { bottom: -4, left: -6 }));
  });
  const flowMax = Math.max(1, ...result.flows.map((f) => f.count));
  for (const f of result.flows) {
    const cls = `bo-flow-${f.count === 0 ? 0 : Math.max(1, Math.ceil((f.count / flowMax) * 4))}`;
    h.addMarker(f.flowId, cls);
    undo.push(() => h.removeMarker(f.flowId, cls));
  }
  return () => undo.forEach((u) => u());
}

import { useEffect, useRef } from 'react';
import * as Plot from '@observablehq/plot';
import type { TFigures, TFiguresRow } from '@sagsgang/contracts';
import type { Translate } from '../../i18n/i18n.js';

function PlotFigure({ make, label }: { make: () => ReturnType<typeof Plot.plot>; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = make();
    chart.setAttribute('aria-hidden', 'true'); // the table below the chart carries the same figures for every reader
    el.replaceChildren(chart);
    return () => chart.remove();
  }, [make]);
  return <div ref={ref} role="img" aria-label={label} className="bo-chart" />;
}

/** Share decided within the goal, month by month, against the target line. */
export function ComplianceChart({ figures, row, t }: { figures: TFigures; row: TFiguresRow; t: Translate }) {
  const data = figures.monthly
    .filter((m) => m.caseTypeId === row.caseTypeId)
    .map((m) => ({ month: new Date(`${m.month}-01T00:00:00Z`), share: m.share }));
  const make = () =>
    Plot.plot({
      height: 220,
      marginLeft: 48,
      y: { domain: [Math.min(0.5, ...data.map((d) => d.share)), 1], tickFormat: '%', label: t('cases:chartShare') },
      x: { type: 'utc', label: null },
      marks: [
        Plot.ruleY([row.targetShare], { stroke: '#b51d09', strokeDasharray: '4,3' }),
        Plot.lineY(data, { x: 'month', y: 'share', stroke: '#0059b3', strokeWidth: 2 }),
        Plot.dot(data, { x: 'month', y: 'share', fill: '#0059b3' }),
      ],
    });
  return (
    <PlotFigure make={make} label={t('cases:complianceChartLabel', { target: Math.round(row.targetShare * 100) })} />
  );
}

/** Processing times (receipt to decision) as a histogram, with the goal marked. */
export function DistributionChart({ figures, row, t }: { figures: TFigures; row: TFiguresRow; t: Translate }) {
  const counts = figures.distribution.filter((d) => d.caseTypeId === row.caseTypeId);
  const width = Math.max(1, Math.ceil(Math.max(row.goalDays, ...counts.map((d) => d.days)) / 30));
  const bins = new Map<number, number>();
  for (const d of counts) bins.set(Math.floor(d.days / width), (bins.get(Math.floor(d.days / width)) ?? 0) + d.count);
  const data = [...bins].map(([b, count]) => ({ x1: b * width, x2: (b + 1) * width, count }));
  const make = () =>
    Plot.plot({
      height: 220,
      marginLeft: 48,
      x: { label: t('cases:chartDays') },
      y: { label: t('cases:chartCases') },
      marks: [
        Plot.rectY(data, { x1: 'x1', x2: 'x2', y: 'count', fill: '#5c5c5c', insetLeft: 1 }),
        Plot.ruleX([row.goalDays], { stroke: '#b51d09', strokeWidth: 2 }),
        Plot.ruleY([0]),
      ],
    });
  return <PlotFigure make={make} label={t('cases:distributionChartLabel', { goal: row.goalDays })} />;
}

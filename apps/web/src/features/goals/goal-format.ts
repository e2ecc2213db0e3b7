import type { TGoalState, TIndicator } from '@sagsgang/contracts';

/** A figure as the dashboard shows it: shares in per cent with one decimal, days with one, counts whole. */
export function formatFigure(value: number | null, unit: TIndicator['unit'], locale: string): string {
  if (value === null) return '–';
  const n = (v: number, digits: number) =>
    v.toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  if (unit === 'share') return `${n(value * 100, 1)} %`;
  if (unit === 'days') return n(value, 1);
  return n(value, 0);
}

/** Status is never colour alone: a symbol and its words. */
export const STATE_SYMBOL: Record<TGoalState, string> = { met: '✓', not_met: '✗', no_data: '–' };

/** The quarter a date falls in, as 2026-Q3. */
export function quarterOf(date: Date): string {
  return `${date.getFullYear()}-Q${Math.floor(date.getMonth() / 3) + 1}`;
}

/** The address of one step of the drill-down. */
export function drillHref(q: { indicatorId: string; unitId: string; period: string; caseTypeId?: string }): string {
  const p = new URLSearchParams({ indicatorId: q.indicatorId, unitId: q.unitId, period: q.period });
  if (q.caseTypeId) p.set('caseTypeId', q.caseTypeId);
  return `/app/goals/drill?${p.toString()}`;
}

import { REVERSING_OUTCOMES } from '@sagsgang/contracts';
import type { IndicatorDefinition } from '../../platform/indicators.js';
import { complaintFiguresRepository as repo } from './figures.repository.js';

/** Complaints received per 1,000 decisions made in the period. */
const per1000Decisions: IndicatorDefinition = {
  id: 'complaints.per-1000-decisions',
  labelKey: 'complaints:per1000',
  descriptionKey: 'complaints:per1000Description',
  unit: 'count',
  async compute(db, f) {
    const rows = await repo.perQuarter(db, { from: f.from, to: f.to, units: f.unitIds, caseTypeId: f.caseTypeId });
    const complaints = rows.reduce((n, r) => n + r.complaints, 0);
    const decisions = rows.reduce((n, r) => n + r.decisions, 0);
    return { value: decisions === 0 ? null : (1000 * complaints) / decisions, basis: decisions };
  },
};

/** The share of the appeal body's decisions in the period that changed, reversed or remitted the decision. */
const reversalRate: IndicatorDefinition = {
  id: 'complaints.reversal-rate',
  labelKey: 'complaints:reversalRate',
  descriptionKey: 'complaints:reversalRateDescription',
  unit: 'share',
  async compute(db, f) {
    const h = await repo.handling(db, { from: f.from, to: f.to, units: f.unitIds, caseTypeId: f.caseTypeId });
    const all = h.upheld + h.changed + h.reversed + h.remitted + h.dismissed;
    const reversing = REVERSING_OUTCOMES.reduce((n, o) => n + h[o], 0);
    return { value: all === 0 ? null : reversing / all, basis: all };
  },
};

export const complaintIndicators: IndicatorDefinition[] = [per1000Decisions, reversalRate];

import { localDateOf } from '@sagsgang/clock';
import type { IndicatorDefinition, IndicatorFilter, IndicatorLevel } from '../../platform/indicators.js';
import { percentileFromHistogram } from './histogram-percentile.js';
import { indicatorRepository as repo } from './indicator.repository.js';

const EVERY_LEVEL: readonly IndicatorLevel[] = ['authority', 'centre', 'team', 'caseType'];
const label = (id: string) => ({ labelKey: `goals:indicator.${id}`, descriptionKey: `goals:indicator.${id}.about` });
/** "Now" is today, but never after the period asked for. */
const todayFor = (f: IndicatorFilter) => {
  const today = localDateOf(new Date());
  return f.to < today ? f.to : today;
};

async function processingPercentile(db: Parameters<IndicatorDefinition['compute']>[0], f: IndicatorFilter, p: number) {
  const bins = await repo.decidedHistogram(db, f);
  const basis = bins.reduce((n, b) => n + b.cases, 0);
  return {
    value: percentileFromHistogram(
      bins.map((b) => ({ value: b.days, count: b.cases })),
      p,
    ),
    basis,
  };
}

/**
 * The casework figures goals and reports read: computed from the clock rows and their monthly roll-ups (never a
 * replay of the event log), so a figure over a million cases reads a few thousand rows.
 */
export const CASE_INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'cases.decided-within-goal',
    ...label('cases.decided-within-goal'),
    unit: 'share',
    higherIsBetter: true,
    levels: EVERY_LEVEL,
    async compute(db, f) {
      const bins = await repo.decidedHistogram(db, f);
      const decided = bins.reduce((n, b) => n + b.cases, 0);
      const within = bins.reduce((n, b) => n + b.within, 0);
      return { value: decided > 0 ? within / decided : null, basis: decided };
    },
    cases: (db, f, limit) => repo.decidedCases(db, f, true, limit),
  },
  {
    id: 'cases.processing-days-median',
    ...label('cases.processing-days-median'),
    unit: 'days',
    higherIsBetter: false,
    levels: EVERY_LEVEL,
    compute: (db, f) => processingPercentile(db, f, 0.5),
    cases: (db, f, limit) => repo.decidedCases(db, f, false, limit),
  },
  {
    id: 'cases.processing-days-p90',
    ...label('cases.processing-days-p90'),
    unit: 'days',
    higherIsBetter: false,
    levels: EVERY_LEVEL,
    compute: (db, f) => processingPercentile(db, f, 0.9),
    cases: (db, f, limit) => repo.decidedCases(db, f, false, limit),
  },
  {
    id: 'cases.fully-informed-on-receipt',
    ...label('cases.fully-informed-on-receipt'),
    unit: 'share',
    higherIsBetter: true,
    levels: EVERY_LEVEL,
    async compute(db, f) {
      const r = await repo.received(db, f);
      return { value: r.screened > 0 ? r.informed / r.screened : null, basis: r.screened };
    },
    cases: (db, f, limit) => repo.notInformedCases(db, f, limit),
  },
  {
    id: 'cases.slipping-now',
    ...label('cases.slipping-now'),
    unit: 'count',
    higherIsBetter: false,
    levels: EVERY_LEVEL,
    async compute(db, f) {
      const r = await repo.slipping(db, f, todayFor(f));
      return { value: r.slipping, basis: r.open };
    },
    cases: (db, f, limit) => repo.slippingCases(db, f, todayFor(f), limit),
  },
];

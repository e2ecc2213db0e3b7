import type { IndicatorDefinition } from '../../platform/indicators.js';
import { supervisionRepository as repo } from './supervision.repository.js';

/**
 * The share of reviewed cases in which at least one criterion was not met, over the reviews made in the period of
 * the units' cases. The cases reviewed pooled as they are (each sample's design weights are in its analysis).
 */
export const supervisionErrorRate: IndicatorDefinition = {
  id: 'supervision.error-rate',
  labelKey: 'supervision:indicatorErrorRate',
  descriptionKey: 'supervision:indicatorErrorRateDescription',
  unit: 'share',
  async compute(db, filter) {
    const r = await repo.errorShare(db, filter);
    return { value: r.reviewed === 0 ? null : r.withError / r.reviewed, basis: r.reviewed };
  },
};

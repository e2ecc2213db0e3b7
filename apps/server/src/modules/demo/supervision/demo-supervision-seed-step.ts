import type { DemoSeedStep } from '../demo-seed.types.js';
import { seedDemoSupervision } from './demo-supervision.js';

/** Demo seed step: two years of management supervision on the demo history (after the case history). */
export const seedSupervision: DemoSeedStep = {
  name: 'two years of management supervision',
  async run(trx, state, _ctx, log) {
    const started = performance.now();
    const r = await seedDemoSupervision(trx, { units: state.units, users: state.users });
    log.info(
      `Demo seed: ${r.samples} supervision samples with ${r.reviews} reviews in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  },
};

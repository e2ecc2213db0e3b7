import { demoCaseTypes } from '../case-types/demo-case-types.js';
import type { DemoSeedStep } from '../demo-seed.types.js';
import { seedDemoWorkflows } from './demo-workflows.js';

/** Demo seed step: a described workflow for every demo case type, so the portal and the navigator have content. */
export const seedWorkflows: DemoSeedStep = {
  name: 'workflows for the demo case types',
  async run(trx, _state, _ctx, log) {
    const n = await seedDemoWorkflows(trx, demoCaseTypes());
    log.info(`Demo: ${n} workflows with guidance and activity mapping`);
  },
};

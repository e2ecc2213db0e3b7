import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { demoCaseTypes } from '../case-types/index.js';
import { seedDemoWorkflows } from './demo-workflows.js';

/** Demo seed step: a described workflow for every demo case type, so the portal and the navigator have content. */
export const seedWorkflows = {
  name: 'workflows for the demo case types',
  async run(trx: Transaction<DB>, _state: unknown, _ctx: unknown, log: { info(msg: string): void }) {
    const n = await seedDemoWorkflows(trx, demoCaseTypes());
    log.info(`Demo: ${n} workflows with guidance and activity mapping`);
  },
};

import type { ModuleDescriptor } from '../../platform/context.js';
import { DEMO_SEED_STEPS } from './seed-steps.js';

/**
 * The demo authority: seeded only into an empty database, when the configuration asks for it. Only the
 * composition root imports this module; production code never does.
 */
export const demoModule: ModuleDescriptor = { name: 'demo', demoSeedSteps: DEMO_SEED_STEPS };

export { isDemoDatabase, seedDemoIfEmpty } from './run-demo-seed.js';
export { DEMO_SEED_STEPS } from './seed-steps.js';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_UNITS } from './organisation/seed-organisation.js';
export type { DemoSeedStep, DemoSeedState } from './demo-seed.types.js';
export { demoCaseTypes, DEMO_CASE_TYPE_UNITS } from './case-types/demo-case-types.js';
export { generateDemoHistory, type DemoHistoryOptions, type DemoHistoryResult } from './case-history/demo-history.js';
export { seedDemoWorkflows } from './workflows/demo-workflows.js';
export { seedDemoComplaints } from './complaints/demo-complaints.js';

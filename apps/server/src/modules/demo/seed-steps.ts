import type { DemoSeedStep } from './demo-seed.types.js';
import { seedOrganisation } from './seed-organisation.js';
import { seedCaseHistory } from '../cases/index.js';
import { seedWorkflows } from '../process-models/index.js';

/**
 * The demo seed, step by step, in order. A capability adds its demo data by appending one step here (e.g.
 * `seedCaseHistory` after the organisation it needs); each step reads what earlier steps made from the state.
 */
export const DEMO_SEED_STEPS: DemoSeedStep[] = [seedOrganisation, seedCaseHistory, seedWorkflows];

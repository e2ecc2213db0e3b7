import type { DemoSeedStep } from './demo-seed.types.js';
import { seedOrganisation } from './organisation/seed-organisation.js';
import { seedCaseHistory } from './case-history/demo-history-seed-step.js';
import { seedWorkflows } from './workflows/demo-workflows-seed-step.js';
import { seedComplaints } from './complaints/demo-complaints-seed-step.js';
import { seedCitizenService } from './citizen-service/demo-contacts-seed-step.js';
import { seedSurveys } from './surveys/demo-surveys-seed-step.js';
import { seedSupervision } from './supervision/demo-supervision-seed-step.js';
import { seedGoals } from './goals/demo-goals-seed-step.js';

/**
 * The demo seed, step by step, in order. A capability adds its demo data as one step in a sub-folder of this
 * module, written against the capability's bulk-insert functions, and appends it here after the steps it builds
 * on; each step reads what earlier steps made from the state.
 */
export const DEMO_SEED_STEPS: DemoSeedStep[] = [
  seedOrganisation,
  seedCaseHistory,
  seedWorkflows,
  seedComplaints,
  seedCitizenService,
  seedSurveys,
  seedSupervision,
  seedGoals,
];

/** The demo authority: seeded only into an empty database (see platform/startup.ts). */
export { seedDemoIfEmpty } from './run-demo-seed.js';
export { DEMO_SEED_STEPS } from './seed-steps.js';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_UNITS } from './seed-organisation.js';
export type { DemoSeedStep, DemoSeedState } from './demo-seed.types.js';

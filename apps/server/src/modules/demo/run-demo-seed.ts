import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/transaction.js';
import type { DemoSeedLog, DemoSeedState, DemoSeedStep } from './demo-seed.types.js';
import { countUnits } from '../org/index.js';
import { demoRepository as repo } from './demo.repository.js';
import { DEMO_SEED_STEPS } from './seed-steps.js';
import { DEMO_ACCOUNTS } from './organisation/seed-organisation.js';

// Any fixed number: the same on every node, so two nodes starting at once do not both seed.
const SEED_LOCK_KEY = 7_311_043;

/**
 * Seeds the demo authority into a database that has no units at all, and does nothing otherwise: a real
 * authority's database is never touched. All steps run in one transaction. Returns whether it seeded.
 */
export async function seedDemoIfEmpty(
  ctx: AppContext,
  log: DemoSeedLog,
  steps: readonly DemoSeedStep[] = DEMO_SEED_STEPS,
): Promise<boolean> {
  return ctx.database.db.transaction().execute(async (trx) => {
    await repo.lockSeed(trx, SEED_LOCK_KEY);
    if ((await countUnits(trx)) > 0) return false;
    const state: DemoSeedState = { units: {}, users: {} };
    for (const step of steps) {
      log.info(`Demo seed: ${step.name}`);
      await step.run(trx, state, ctx, log);
    }
    return true;
  });
}

/** Whether this is the demo authority's database: the first demo account exists and can sign in. */
export function isDemoDatabase(db: Executor): Promise<boolean> {
  return repo.canSignIn(db, DEMO_ACCOUNTS[0].username);
}

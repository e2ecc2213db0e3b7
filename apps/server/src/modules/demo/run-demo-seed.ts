import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/transaction.js';
import type { DemoSeedLog, DemoSeedState, DemoSeedStep } from './demo-seed.types.js';
import { DEMO_SEED_STEPS } from './seed-steps.js';
import { DEMO_ACCOUNTS } from './seed-organisation.js';

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
    await sql`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`.execute(trx);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM unit`.execute(trx);
    if (rows[0].n > 0) return false;
    const state: DemoSeedState = { units: {}, users: {} };
    for (const step of steps) {
      log.info(`Demo seed: ${step.name}`);
      await step.run(trx, state, ctx, log);
    }
    return true;
  });
}

/** Whether this is the demo authority's database: the first demo account exists and can sign in. */
export async function isDemoDatabase(db: Executor): Promise<boolean> {
  const row = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', DEMO_ACCOUNTS[0].username)
    .where('password_hash', 'is not', null)
    .executeTakeFirst();
  return Boolean(row);
}

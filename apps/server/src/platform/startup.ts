import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';
import { JobRunner } from './jobs/job-runner.js';
import { purgeExpiredSessions } from './auth/session-store.js';
import { scheduleSessionPurge } from './auth/session-purge.jobs.js';
import { scheduleFileSweep } from './files/file-sweep.jobs.js';
import { scheduleStatisticsRefresh } from './db/statistics.jobs.js';
import { analyzeDatabase } from './db/statistics.js';
import { sessionPolicy } from './auth/auth-plugin.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from '../modules/demo/index.js';

export interface StartBackgroundOptions {
  /** Start the job runner (default true); tests that drive jobs themselves pass false. */
  jobs?: boolean;
}

/**
 * Work done once the app is built but before it listens: the demo seed on an empty database, and the background
 * job runner. Returns a function that stops what it started.
 */
export async function startBackground(
  app: FastifyInstance,
  ctx: AppContext,
  options: StartBackgroundOptions = {},
): Promise<() => Promise<void>> {
  if (ctx.config.seedDemo) {
    const seeded = await seedDemoIfEmpty(ctx, { info: (msg) => app.log.info(msg) });
    // Two years of history were just bulk-loaded: without statistics the first pages would take seconds.
    if (seeded) await analyzeDatabase(ctx.database.db);
    // Also on later starts of a demo database, so whoever runs it can still sign in.
    if (seeded || (await isDemoDatabase(ctx))) logDemoAccounts(app, seeded);
  }
  await purgeExpiredSessions(ctx.database.db, sessionPolicy(ctx));
  if (options.jobs === false) return async () => undefined;
  await scheduleSessionPurge(ctx.database.db);
  await scheduleFileSweep(ctx.database.db);
  await scheduleStatisticsRefresh(ctx.database.db);
  const runner = new JobRunner({ ctx, log: app.log });
  runner.start();
  return () => runner.stop();
}

async function isDemoDatabase(ctx: AppContext): Promise<boolean> {
  const row = await ctx.database.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', DEMO_ACCOUNTS[0].username)
    .where('password_hash', 'is not', null)
    .executeTakeFirst();
  return Boolean(row);
}

function logDemoAccounts(app: FastifyInstance, seededNow: boolean): void {
  const opening = seededNow ? 'Demo authority created.' : 'This is the demo authority.';
  app.log.info(`${opening} Sign in with one of these user names and the password "${DEMO_PASSWORD}":`);
  for (const a of DEMO_ACCOUNTS) app.log.info(`  ${a.username.padEnd(16)} ${a.displayName} — ${a.description}`);
}

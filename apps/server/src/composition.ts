/**
 * The composition root: the one ordered list of modules this app is made of, and the start-up work that needs
 * them. Only this file (with app.ts and main.ts beside it) knows every module; the platform knows none.
 */
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from './platform/config.js';
import type { AppContext, ModuleDescriptor } from './platform/context.js';
import type { Database } from './platform/db/database.js';
import { buildModuleRegistry } from './platform/module-registry.js';
import { Lifecycle } from './platform/lifecycle.js';
import { platformModule } from './platform/platform-module.js';
import { JobRunner } from './platform/jobs/job-runner.js';
import { purgeExpiredSessions } from './platform/auth/session-store.js';
import { scheduleSessionPurge } from './platform/auth/session-purge.jobs.js';
import { scheduleFileSweep } from './platform/files/file-sweep.jobs.js';
import { openFileStorage } from './platform/files/open-file-storage.js';
import { sessionPolicy } from './platform/auth/auth-plugin.js';
import { scheduleStatisticsRefresh } from './platform/db/statistics.jobs.js';
import { scheduleAuditForward } from './platform/audit/audit-forward.jobs.js';
import { analyzeDatabase } from './platform/db/statistics.js';
import { healthModule } from './modules/health/index.js';
import { authModule } from './modules/auth/index.js';
import { samlModule } from './modules/saml/index.js';
import { orgModule } from './modules/org/index.js';
import { auditModule } from './modules/audit/index.js';
import { processModelsModule } from './modules/process-models/index.js';
import { caseTypesModule } from './modules/case-types/index.js';
import { calendarModule } from './modules/calendar/index.js';
import { casesModule } from './modules/cases/index.js';
import { navigatorModule } from './modules/navigator/index.js';
import { goalsModule } from './modules/goals/index.js';
import { notificationsModule } from './modules/notifications/index.js';
import { applicationsModule } from './modules/applications/index.js';
import { complaintsModule } from './modules/complaints/index.js';
import { portalModule } from './modules/portal/index.js';
import { contactsModule } from './modules/contacts/index.js';
import { backOfficeModule } from './modules/back-office/index.js';
import { surveysModule } from './modules/surveys/index.js';
import { supervisionModule } from './modules/supervision/index.js';
import { demoModule, DEMO_ACCOUNTS, DEMO_PASSWORD, isDemoDatabase, seedDemoIfEmpty } from './modules/demo/index.js';

/**
 * Every module, in order. A new capability adds one line. Routes are registered in this order (auth before the
 * modules whose routes rely on its hooks), case-event listeners are told in it, and demo seed steps run in it.
 */
export const APP_MODULES: readonly ModuleDescriptor[] = [
  platformModule,
  healthModule,
  authModule,
  samlModule,
  orgModule,
  auditModule,
  processModelsModule,
  caseTypesModule,
  calendarModule,
  casesModule,
  navigatorModule,
  notificationsModule,
  applicationsModule,
  complaintsModule,
  supervisionModule,
  goalsModule,
  portalModule,
  contactsModule,
  surveysModule,
  backOfficeModule,
  demoModule,
];

/** The context of one app: its configuration, its database and the registry of its modules, built once here. */
export function createAppContext(
  base: { config: AppConfig; database: Database },
  modules: readonly ModuleDescriptor[] = APP_MODULES,
): AppContext {
  return {
    ...base,
    registry: buildModuleRegistry(modules),
    lifecycle: new Lifecycle(),
    files: openFileStorage(base.config),
  };
}

export interface StartBackgroundOptions {
  /** Start the job runner (default true); tests that drive jobs themselves pass false. */
  jobs?: boolean;
}

/**
 * Work done once the app is built but before it listens: the demo seed on an empty database, and the background
 * job runner, which starts claiming jobs only once the server listens (a node that fails to start takes no job)
 * and not at all on a web-only node (SAGSGANG_ROLE=web). Returns a function that stops what it started (waiting at
 * most `graceMs` for a running job).
 */
export async function startBackground(
  app: FastifyInstance,
  ctx: AppContext,
  options: StartBackgroundOptions = {},
): Promise<(graceMs?: number) => Promise<void>> {
  if (ctx.config.production && ctx.config.seedDemo) {
    app.log.warn(
      'SEED_DEMO=true with NODE_ENV=production: this server runs the DEMO authority, whose accounts share a ' +
        'published password. Never use it for real people or real cases.',
    );
  }
  if (ctx.config.production && !ctx.config.seedDemo && (await isDemoDatabase(ctx.database.db))) {
    throw new Error(
      'This database holds the demo authority, whose accounts share a published password: a production server ' +
        'refuses it. Start on an empty database and make the first administrator with `npm run admin:create`, ' +
        'or set SEED_DEMO=true to run the demo on purpose.',
    );
  }
  if (ctx.config.seedDemo) {
    const steps = ctx.registry.modules.flatMap((m) => m.demoSeedSteps ?? []);
    const seeded = await seedDemoIfEmpty(ctx, { info: (msg) => app.log.info(msg) }, steps);
    // Two years of history were just bulk-loaded: without statistics the first pages would take seconds.
    if (seeded) await analyzeDatabase(ctx.database.db);
    // Also on later starts of a demo database, so whoever runs it can still sign in.
    if (seeded || (await isDemoDatabase(ctx.database.db))) logDemoAccounts(app, seeded);
  }
  await purgeExpiredSessions(ctx.database.db, sessionPolicy(ctx));
  if (ctx.config.role !== 'worker') for (const m of ctx.registry.modules) await m.warmUp?.(ctx);
  if (ctx.config.role !== 'all') app.log.info(`SAGSGANG_ROLE=${ctx.config.role}: ${ROLE_NOTE[ctx.config.role]}`);
  if (options.jobs === false || ctx.config.role === 'web') return async () => undefined;
  await scheduleSessionPurge(ctx.database.db);
  await scheduleFileSweep(ctx.database.db);
  await scheduleStatisticsRefresh(ctx.database.db);
  if (ctx.config.auditForwardFile) await scheduleAuditForward(ctx.database.db);
  const runner = new JobRunner({ ctx, log: app.log });
  if (app.server.listening) runner.start();
  else app.server.once('listening', () => runner.start());
  return (graceMs) => runner.stop(graceMs);
}

const ROLE_NOTE = {
  web: 'this node serves requests and runs no background jobs; run at least one worker or all node',
  worker: 'this node runs background jobs and answers only the health checks',
} as const;

function logDemoAccounts(app: FastifyInstance, seededNow: boolean): void {
  const opening = seededNow ? 'Demo authority created.' : 'This is the demo authority.';
  app.log.info(`${opening} Sign in with one of these user names and the password "${DEMO_PASSWORD}":`);
  for (const a of DEMO_ACCOUNTS) app.log.info(`  ${a.username.padEnd(16)} ${a.displayName} — ${a.description}`);
}

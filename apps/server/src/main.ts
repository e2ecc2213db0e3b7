import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { loadConfigOrExit } from './platform/config.js';
import { loggerOptions } from './platform/logging.js';
import { openDatabase } from './platform/db/database.js';
import { waitForDatabase } from './platform/db/wait-for-database.js';
import { migrateAsOwner } from './platform/db/owner-migration.js';
import { claimFileStore } from './platform/files/file-store-identity.js';
import { createMetrics, startMetricsServer } from './platform/metrics/metrics.js';
import { buildApp } from './app.js';
import { createAppContext, startBackground } from './composition.js';

const started = performance.now();
const config = loadConfigOrExit();
// Start-up and connection messages come before the app (and its request logger) exists.
const log = pino(loggerOptions(config.logLevel));
const database = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.dataDir,
  settings: config.database,
  onConnectionError: (err) =>
    log.warn({ code: (err as { code?: string }).code, err: err.message }, 'database connection lost; reconnecting'),
});
if (database.engine === 'postgres') {
  await waitForDatabase(database.pool, { maxWaitMs: config.database.startupWaitMs, log }).catch((err: Error) => {
    log.fatal(err.message);
    process.exit(1);
  });
}
await migrateAsOwner({
  database,
  ownerUrl: config.databaseOwnerUrl,
  production: config.production,
  settings: config.database,
  log: { warn: (message) => log.warn(message) },
});
const ctx = createAppContext({ config, database });
ctx.lifecycle.fileStoreIdentity = await claimFileStore(database.pool, ctx.files).catch((err: Error) => {
  log.fatal(err.message);
  process.exit(1);
});
const metrics = config.metrics
  ? createMetrics({ pool: database.pool, db: database.db, nodeName: config.database.applicationName })
  : undefined;
const app = await buildApp(ctx, { metrics });
const stopBackground = await startBackground(app, ctx);
await app.listen({ port: config.port, host: config.host });
const metricsServer = metrics && config.metrics ? await startMetricsServer(metrics, config.metrics) : undefined;
if (metricsServer) app.log.info(`Metrics at ${metricsServer.url}`);
app.log.info(
  `Sagsgang is ready at ${config.publicUrl} on ${database.engine === 'pglite' ? 'the embedded database' : 'PostgreSQL'} ` +
    `(${Math.round(performance.now() - started)} ms)`,
);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drains, then exits: readiness fails first (a load balancer stops sending), the port closes while requests in
 * flight finish within the grace, running jobs stop and give back their leases, and the pool closes. Requests still
 * running when the grace ends are cut off and the exit code is 1.
 */
async function shutdown(signal: string): Promise<void> {
  if (ctx.lifecycle.draining) return;
  ctx.lifecycle.beginDraining();
  const { readinessDelayMs, graceMs } = config.shutdown;
  log.info(`${signal}: not ready any more; draining (readiness delay ${readinessDelayMs} ms, grace ${graceMs} ms)`);
  // The last resort if something below hangs (a database that does not answer while the pool closes).
  setTimeout(
    () => {
      log.error('shutdown did not finish in time; exiting');
      process.exit(1);
    },
    readinessDelayMs + graceMs + 5000,
  ).unref();
  await sleep(readinessDelayMs);
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
  const [closed] = await Promise.all([
    Promise.race([app.close().then(() => 'closed' as const), graceOver]),
    stopBackground(graceMs),
  ]);
  clearTimeout(timer);
  if (closed === 'timeout') {
    log.warn('requests still running when the grace ended; closing their connections');
    app.server.closeAllConnections();
  }
  await metricsServer?.close();
  await database.close();
  log.info(`${signal}: stopped`);
  process.exit(closed === 'timeout' ? 1 : 0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

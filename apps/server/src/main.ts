import { performance } from 'node:perf_hooks';
import { loadConfigOrExit } from './platform/config.js';
import { openDatabase } from './platform/db/database.js';
import { migrate } from './platform/db/migrate.js';
import { buildApp } from './app.js';
import { createAppContext, startBackground } from './composition.js';

const started = performance.now();
const config = loadConfigOrExit();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
await migrate(database.pool);
const ctx = createAppContext({ config, database });
const app = await buildApp(ctx);
const stopBackground = await startBackground(app, ctx);
await app.listen({ port: config.port, host: config.host });
app.log.info(
  `Sagsgang is ready at ${config.publicUrl} on ${database.engine === 'pglite' ? 'the embedded database' : 'PostgreSQL'} ` +
    `(${Math.round(performance.now() - started)} ms)`,
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info(`${signal}: shutting down`);
  await stopBackground();
  await app.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

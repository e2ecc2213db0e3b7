import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createAppContext } from '../../src/composition.js';
import { loadConfig, type AppConfig } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';
import type { Database, Engine } from '../../src/platform/db/database.js';
import { openTestDatabase } from './test-database.js';
import { watchContract } from './contract-hook.js';
import type { OpenApiContract } from './openapi-contract.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  /** Every route the app registered, in order (HEAD routes Fastify adds for GETs included). */
  routes: RouteOptions[];
  /** Every answer of app.inject checked against the served OpenAPI document (see contract-hook.ts). */
  contract: OpenApiContract;
}

/** Builds the whole app on a fresh test database for one describe block. */
export function useTestApp(
  engine: Engine,
  overrides: Partial<AppConfig> | (() => Partial<AppConfig>) = {},
): () => TestApp {
  let current: TestApp | undefined;
  beforeAll(async () => {
    const database = await openTestDatabase(engine);
    // A function: settings known only once an earlier beforeAll has run (a test server's port).
    const config = loadConfig(
      { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      // A second factor is asked for only where a test turns it on: most tests sign administrators in by password.
      {
        seedDemo: false,
        demoCases: 200,
        mfaRequiredRoles: [],
        ...(typeof overrides === 'function' ? overrides() : overrides),
      },
    );
    const ctx = createAppContext({ config, database });
    const routes: RouteOptions[] = [];
    // A copy of each: Fastify hands the same object on again, changed, for a prefix's trailing-slash variant.
    const app = await buildApp(ctx, { logger: false, onRoute: (route) => routes.push({ ...route }) });
    await app.ready();
    current = { app, ctx, database, routes, contract: await watchContract(app) };
  });
  afterAll(async () => {
    // Any answer or accepted request the document does not describe fails the file that made it.
    if (current) expect(current.contract.stats.violations, 'answers that break the OpenAPI document').toEqual([]);
    await current?.app.close();
    await current?.database.close();
  });
  return () => {
    if (!current) throw new Error('test app not ready yet');
    return current;
  };
}

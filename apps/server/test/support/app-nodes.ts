import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createAppContext } from '../../src/composition.js';
import { loadConfig, type AppConfig } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { openThrowawayPostgres } from './throwaway-postgres.js';

export interface AppNode {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
}

/** Whether several app nodes can share one database here: only on PostgreSQL (PGlite is one process's engine). */
export const CAN_RUN_NODES = Boolean(process.env.DATABASE_URL);

/**
 * `count` app nodes on one fresh PostgreSQL database for a describe block, each with its own connection pool, context
 * and app, as separate processes would have: whatever they share, they share through the database.
 */
export function useAppNodes(count: number, overrides: Partial<AppConfig> = {}): () => AppNode[] {
  let nodes: AppNode[] = [];
  let shared: Awaited<ReturnType<typeof openThrowawayPostgres>> | undefined;
  beforeAll(async () => {
    shared = await openThrowawayPostgres({ prefix: 'sagsgang_nodes', poolSize: 5 });
    const config = loadConfig(
      { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      { seedDemo: false, demoCases: 200, ...overrides },
    );
    for (let i = 0; i < count; i++) {
      const database = i === 0 ? shared : await openDatabase({ url: shared.url, poolSize: 5 });
      const ctx = createAppContext({ config: { ...config, databaseUrl: shared.url }, database });
      const app = await buildApp(ctx, { logger: false });
      await app.ready();
      nodes.push({ app, ctx, database });
    }
  });
  afterAll(async () => {
    for (const node of nodes) await node.app.close();
    // The first node's database drops the throwaway database, so it closes last.
    for (const node of nodes.slice(1)) await node.database.close();
    await shared?.close();
    nodes = [];
  });
  return () => {
    if (nodes.length < count) throw new Error('app nodes not ready yet');
    return nodes;
  };
}

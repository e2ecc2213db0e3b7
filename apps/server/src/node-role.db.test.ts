import { expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../test/support/test-database.js';
import { buildApp } from './app.js';
import { APP_MODULES, createAppContext, startBackground } from './composition.js';
import { loadConfig, type NodeRole } from './platform/config.js';
import type { Database } from './platform/db/database.js';
import { enqueueJob } from './platform/jobs/index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const configFor = (role: NodeRole) =>
  loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', SAGSGANG_ROLE: role }, { seedDemo: false });

async function jobStatus(database: Database, id: number): Promise<string> {
  return (await database.db.selectFrom('job').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

describeEachEngine('node roles', (db, engine) => {
  test('a worker-only node answers the health checks and nothing a user asks for; the others serve both', async () => {
    for (const role of ['worker', 'web', 'all'] as const) {
      const app = await buildApp(createAppContext({ config: configFor(role), database: db() }), { logger: false });
      const live = await app.inject({ method: 'GET', url: '/api/health/live' });
      const ready = await app.inject({ method: 'GET', url: '/api/health/ready' });
      const csrf = await app.inject({ method: 'GET', url: '/api/auth/csrf' });
      const portal = await app.inject({ method: 'GET', url: '/' });
      await app.close();
      expect([role, live.statusCode, ready.statusCode]).toEqual([role, 200, 200]);
      expect([role, csrf.statusCode]).toEqual([role, role === 'worker' ? 404 : 200]);
      expect([role, portal.statusCode === 404]).toEqual([role, role === 'worker']);
    }
  });

  /** An app of the health module and one job kind, started as `npm start` starts it, up to (not) listening. */
  async function startNode(role: NodeRole, kind: string, ran: string[]) {
    const modules = [
      APP_MODULES.find((m) => m.name === 'health')!,
      { name: 'test', jobs: { [kind]: { handler: async () => void ran.push(kind) } } },
    ];
    const ctx = createAppContext({ config: configFor(role), database: db() }, modules);
    const app: FastifyInstance = await buildApp(ctx, { logger: false });
    const stop = await startBackground(app, ctx);
    return { app, stop };
  }

  test('jobs start only once the server listens', async () => {
    const ran: string[] = [];
    const kind = `after-listen-${engine}`;
    const id = await enqueueJob(db().db, { kind });
    const node = await startNode('all', kind, ran);
    await sleep(400);
    expect(ran).toEqual([]);
    expect(await jobStatus(db(), id)).toBe('pending');
    await node.app.listen({ port: 0, host: '127.0.0.1' });
    for (let i = 0; i < 100 && ran.length === 0; i++) await sleep(50);
    await node.stop();
    await node.app.close();
    expect(ran).toEqual([kind]);
    expect(await jobStatus(db(), id)).toBe('done');
  });

  test('a web-only node runs no job, a worker-only node does', async () => {
    const ran: string[] = [];
    const kind = `role-${engine}`;
    const id = await enqueueJob(db().db, { kind });
    const web = await startNode('web', kind, ran);
    await web.app.listen({ port: 0, host: '127.0.0.1' });
    await sleep(400);
    expect(await jobStatus(db(), id)).toBe('pending');
    await web.stop();
    await web.app.close();
    const worker = await startNode('worker', kind, ran);
    await worker.app.listen({ port: 0, host: '127.0.0.1' });
    for (let i = 0; i < 100 && ran.length === 0; i++) await sleep(50);
    await worker.stop();
    await worker.app.close();
    expect(ran).toEqual([kind]);
    expect(await jobStatus(db(), id)).toBe('done');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backOfficeRoutes } from './back-office.routes.js';

async function appWith(distDir: string): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(backOfficeRoutes({ distDir }));
  await app.ready();
  return app;
}

describe('back office delivery', () => {
  let dist: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-web-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title><div id="root"></div>');
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await appWith(dist);
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  test('serves index.html at /app/ and for deep links, never cached stale', async () => {
    for (const url of ['/app/', '/app/cases/queue', '/app/admin/units?x=1']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  test('/app redirects to /app/', async () => {
    const res = await app.inject({ method: 'GET', url: '/app' });
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/app/');
  });

  test('hashed assets are cached for a year; a missing asset is a 404, not the page', async () => {
    const ok = await app.inject({ method: 'GET', url: '/app/assets/index-abc123.js' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['cache-control']).toContain('immutable');
    const missing = await app.inject({ method: 'GET', url: '/app/assets/index-gone.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain('id="root"');
  });

  test('without a build, every back-office address explains how to make one', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-web-empty-'));
    const bare = await appWith(empty);
    const res = await bare.inject({ method: 'GET', url: '/app/cases/queue' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build -w @sagsgang/web');
    await bare.close();
    fs.rmSync(empty, { recursive: true, force: true });
  });
});

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { createEmptyPostgres } from './support/throwaway-postgres.js';

// SIGTERM to a server with a request in flight: readiness fails at once, the request still gets its answer, and
// the process exits 0 once drained. The draining does not depend on the engine: on PostgreSQL when DATABASE_URL is
// set (a fresh database starts in a second), else on the embedded one (a fresh data directory takes longer).

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function freshDatabase(): Promise<Record<string, string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-shutdown-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  if (!process.env.DATABASE_URL) return { SAGSGANG_DATA_DIR: dir };
  const database = await createEmptyPostgres('sagsgang_shutdown');
  cleanups.push(() => database.drop());
  return { SAGSGANG_DATA_DIR: dir, DATABASE_URL: database.url };
}

const START_MS = 180_000;

/** A sign-in whose body arrives in two parts; the request is in flight until `finish` sends the rest. */
function slowRequest(baseUrl: string): { finish(): void; answer: Promise<{ status: number; body: string }> } {
  const body = JSON.stringify({ username: 'nobody-at-all', password: 'not the password' });
  const url = new URL('/api/auth/login', baseUrl);
  const request = http.request(url, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
  });
  request.write(body.slice(0, 10));
  return { finish: () => request.end(body.slice(10)), answer };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('shutdown that drains', () => {
  let server: ServerProcess | undefined;
  afterAll(() => {
    if (server && server.child.exitCode === null) server.signal('SIGKILL');
  });

  test(
    'SIGTERM during a slow request: readiness fails first, the request completes, the process exits 0',
    async () => {
      server = await startServerProcess({
        env: {
          ...(await freshDatabase()),
          SEED_DEMO: 'false',
          SHUTDOWN_READINESS_DELAY_SECONDS: '1.5',
          SHUTDOWN_GRACE_SECONDS: '20',
        },
      });
      expect((await fetch(`${server.url}/api/health/ready`)).status).toBe(200);
      const slow = slowRequest(server.url);
      await sleep(200); // the request has reached the server and waits for the rest of its body
      server.signal('SIGTERM');
      await server.waitFor(/SIGTERM: not ready any more/, 10_000);
      const ready = await fetch(`${server.url}/api/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'draining' });
      expect((await fetch(`${server.url}/api/health/live`)).status).toBe(200);
      await sleep(2_000); // past the readiness delay: the port closes while the slow request is still in flight
      expect(server.child.exitCode).toBeNull();
      slow.finish();
      const answer = await slow.answer;
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'unauthenticated' } });
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(server.output()).toMatch(/SIGTERM: stopped/);
    },
    START_MS,
  );

  test(
    'a request still running when the grace ends is cut off, and the exit code says so',
    async () => {
      server = await startServerProcess({
        env: { ...(await freshDatabase()), SEED_DEMO: 'false', SHUTDOWN_GRACE_SECONDS: '1' },
      });
      const slow = slowRequest(server.url);
      const outcome = slow.answer.then(
        () => 'answered',
        () => 'cut off',
      );
      await sleep(200);
      const before = Date.now();
      server.signal('SIGTERM');
      expect(await server.exited).toEqual({ code: 1, signal: null });
      expect(Date.now() - before).toBeLessThan(5_000);
      expect(await outcome).toBe('cut off');
      expect(server.output()).toMatch(/requests still running when the grace ended/);
    },
    START_MS,
  );
});

import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { buildApp } from '../../app.js';
import { createAppContext } from '../../composition.js';
import { loadConfig } from '../config.js';

describeEachEngine('request log lines', (database) => {
  let app: FastifyInstance;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const config = loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'debug' }, { seedDemo: false });
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    app = await buildApp(createAppContext({ config, database: database() }), { logStream });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  test('every line written while answering a request carries its id, the one sent back as x-request-id', async () => {
    lines.length = 0;
    const answers = await Promise.all([
      app.inject({ url: '/api/health/live' }),
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'nobody', password: 'wrong-password' },
      }),
      app.inject({ url: '/api/cases/not-a-uuid' }),
    ]);
    const ids = answers.map((a) => a.headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // More than the one closing line per request: the refusals write their own lines too.
    expect(lines.length).toBeGreaterThan(answers.length);
    for (const line of lines) expect(ids).toContain(line.reqId);
    for (const id of ids) expect(lines.filter((l) => l.reqId === id && l.msg === 'request completed')).toHaveLength(1);
  });
});

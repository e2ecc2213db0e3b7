import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ENGINES, openTestDatabase } from '../../../test/support/test-database.js';
import { createUser } from '../../../test/support/test-auth.js';
import { buildApp } from '../../app.js';
import { createAppContext } from '../../composition.js';
import { loadConfig } from '../../platform/config.js';
import type { Database } from '../../platform/db/database.js';
import { CSRF_COOKIE } from '../../platform/auth/auth-plugin.js';

// CPR-shaped values (DDMMYY-XXXX), with and without the dash, used as user name and password.
const CPR_USERNAME = '010190-1234';
const CPR_PASSWORD = '2412851237';
const SECRETS = [CPR_USERNAME, '0101901234', CPR_PASSWORD, '241285-1237'];

for (const engine of ENGINES) {
  describe(`logs never contain passwords or CPR numbers [${engine}]`, () => {
    let app: FastifyInstance;
    let database: Database;
    const lines: string[] = [];

    beforeAll(async () => {
      database = await openTestDatabase(engine);
      const config = loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'debug' }, { seedDemo: false });
      const logStream = new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      });
      app = await buildApp(createAppContext({ config, database }), { logStream });
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });

    test('sign-in attempts of every kind leave no CPR number or password in the log', async () => {
      await createUser(database.db, { username: CPR_USERNAME, password: CPR_PASSWORD });
      const json = (payload: unknown) =>
        app.inject({ method: 'POST', url: '/api/auth/login', payload: payload as object });
      expect((await json({ username: CPR_USERNAME, password: CPR_PASSWORD })).statusCode).toBe(200);
      expect((await json({ username: CPR_USERNAME, password: `${CPR_PASSWORD}x` })).statusCode).toBe(401);
      expect((await json({ username: '0101901234', password: CPR_PASSWORD })).statusCode).toBe(401);
      expect((await json({ username: CPR_USERNAME, password: CPR_PASSWORD, [CPR_PASSWORD]: true })).statusCode).toBe(
        400,
      );

      const csrf = await app.inject({ method: 'GET', url: '/api/auth/csrf' });
      const cookie = `${CSRF_COOKIE}=${csrf.cookies.find((c) => c.name === CSRF_COOKIE)!.value}`;
      const form = new URLSearchParams({
        username: CPR_USERNAME,
        password: CPR_PASSWORD,
        _csrf: csrf.json().token,
        returnTo: `/x/${CPR_USERNAME}`,
      });
      const formRes = await app.inject({
        method: 'POST',
        url: `/api/auth/login?cpr=${CPR_USERNAME}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        payload: form.toString(),
      });
      expect(formRes.statusCode).toBe(303);
      expect((await app.inject({ method: 'GET', url: `/api/users/${CPR_USERNAME}` })).statusCode).toBe(400);

      const output = lines.join('');
      expect(lines.length).toBeGreaterThan(10); // the requests were logged
      expect(output).toContain('/api/auth/login');
      for (const secret of SECRETS) expect(output).not.toContain(secret);
    });
  });
}

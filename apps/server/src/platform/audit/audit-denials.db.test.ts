import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ENGINES, openTestDatabase } from '../../../test/support/test-database.js';
import { createUser, sessionFor } from '../../../test/support/test-auth.js';
import { buildApp } from '../../app.js';
import { createAppContext } from '../../composition.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { auditDenied } from './record-audit.js';

for (const engine of ENGINES) {
  describe(`denials reach the audit log through the error handler [${engine}]`, () => {
    let app: FastifyInstance;
    let database: Database;

    beforeAll(async () => {
      database = await openTestDatabase(engine);
      const config = loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' }, { seedDemo: false });
      app = await buildApp(createAppContext({ config, database }), { logger: false });
      // A service that hides another person's record behind a 404, as cases and portal do.
      app.get('/test/cases/:id', async (request) => {
        const { id } = request.params as { id: string };
        throw new AppError(
          'not_found',
          'No such case.',
          auditDenied({ entityType: 'case', entityId: id, subjectUserId: request.principal?.userId }),
        );
      });
      app.get('/test/missing', async () => {
        throw new AppError('not_found', 'No such case.');
      });
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });

    test('a 404 marked as foreign data is recorded as denied and answered exactly like a missing record', async () => {
      const user = await createUser(database.db, { kind: 'applicant' });
      const s = await sessionFor(app, database.db, user.id);
      const hidden = await s.inject({ method: 'GET', url: '/test/cases/case-42' });
      const missing = await s.inject({ method: 'GET', url: '/test/missing' });
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().error).toEqual(missing.json().error);
      const rows = await database.db.selectFrom('audit_log').selectAll().where('actor_user_id', '=', user.id).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'denied', entity_type: 'case', entity_id: 'case-42' });
    });
  });
}

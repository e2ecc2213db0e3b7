import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openThrowawayPostgres } from '../../../test/support/throwaway-postgres.js';
import { createUser } from '../../../test/support/test-auth.js';
import { verifyAuditChain } from '../audit/audit-chain.js';
import { recordAudit } from '../audit/record-audit.js';
import { openDatabase, type Database } from './database.js';
import { grantApplicationRole, grantStatements } from './grants.js';
import { migrateAsOwner } from './owner-migration.js';

test('grant statements refuse a role name that would need quoting', () => {
  expect(() => grantStatements('app"; DROP TABLE audit_log; --', 'db', 'public')).toThrow(/plain role name/);
  expect(grantStatements('sagsgang_app', 'db', 'public')).toContain(
    'REVOKE UPDATE, DELETE ON "public"."audit_log" FROM "sagsgang_app"',
  );
});

// Roles exist on PostgreSQL only; the embedded engine is one process owning one directory.
describe.runIf(process.env.DATABASE_URL)('the application role on PostgreSQL', () => {
  const role = `sagsgang_app_${crypto.randomBytes(4).toString('hex')}`;
  let owner: Database & { url: string };
  let app: Database;

  beforeAll(async () => {
    owner = await openThrowawayPostgres({ prefix: 'sagsgang_grant', poolSize: 2 });
    expect(await grantApplicationRole(owner.pool, role)).toEqual({ created: true });
    const url = new URL(owner.url);
    url.username = role;
    app = await openDatabase({ url: url.toString(), poolSize: 2 });
  });
  afterAll(async () => {
    await app?.close();
    await owner?.close();
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  test('the ordinary flow works: people are written, audit rows appended and read', async () => {
    const user = await createUser(app.db, { kind: 'staff' });
    await recordAudit(app.db, {
      actorUserId: user.id,
      action: 'read',
      entityType: 'case',
      entityId: 'c-1',
      purpose: 'Casework',
    });
    // The case-history import moves the case number sequence on.
    await app.pool.query("SELECT setval('case_reference_seq', 1000)");
    await app.db.updateTable('app_user').set({ display_name: 'Renamed' }).where('id', '=', user.id).execute();
    const rows = await app.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('actor_user_id', '=', user.id)
      .execute();
    expect(rows).toEqual([{ entity_id: 'c-1' }]);
    expect((await verifyAuditChain(app.pool)).firstBreak).toBeNull();
  });

  test.each([
    ['TRUNCATE', 'TRUNCATE audit_log'],
    ['UPDATE', "UPDATE audit_log SET purpose = 'x'"],
    ['DELETE', 'DELETE FROM audit_log'],
    ['ALTER TABLE', 'ALTER TABLE audit_log ADD COLUMN note text'],
    ['disabling a trigger', 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update'],
    ['disabling every trigger', 'ALTER TABLE audit_log DISABLE TRIGGER ALL'],
    ['dropping the table', 'DROP TABLE audit_log'],
    ['moving the chain head', 'UPDATE audit_chain_head SET chain_no = 0'],
    [
      'replacing the chain function',
      'CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
    ],
    ['creating a table', 'CREATE TABLE intruder (x int)'],
    ['moving the audit id sequence', "SELECT setval('audit_log_id_seq', 1)"],
    ['rewriting the migration record', "DELETE FROM schema_migration WHERE name = '0170_audit_chain.sql'"],
  ])('%s on the audit log is refused to the application role', async (_what, statement) => {
    await expect(app.pool.query(statement)).rejects.toThrow(/permission denied|must be owner/);
  });

  test('the server grants its own role after migrating as the owner, and an unset owner URL migrates as before', async () => {
    const warnings: string[] = [];
    const applied = await migrateAsOwner({
      database: app,
      ownerUrl: owner.url,
      production: true,
      log: { warn: (m) => warnings.push(m) },
    });
    expect(applied).toEqual([]);
    expect(warnings).toEqual([]);
    await migrateAsOwner({ database: owner, production: true, log: { warn: (m) => warnings.push(m) } });
    expect(warnings).toEqual([expect.stringMatching(/DATABASE_OWNER_URL is not set/)]);
  });
});

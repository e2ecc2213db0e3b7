import crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { inTransaction } from '../db/transaction.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrate, readMigrations } from '../db/migrate.js';
import { createUser } from '../../../test/support/test-auth.js';
import { verifyAuditChain } from './audit-chain.js';
import { recordAudit } from './record-audit.js';

const entry = (n: number) => ({
  actorUserId: null,
  action: 'read' as const,
  entityType: 'case',
  entityId: `case-${n}`,
  purpose: 'Casework',
  requestId: `req-${n}`,
  ip: '203.0.113.7',
  details: { n, note: 'æøå "quoted"' },
});

/** Tampering needs the owner to switch the guards off, as an attacker holding the owner role would. */
async function asOwnerWithoutGuards(database: Database, change: string): Promise<void> {
  await database.pool.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
  try {
    await database.pool.query(change);
  } finally {
    await database.pool.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
  }
}

async function rowsFrom(database: Database, chainNo: number): Promise<Record<string, unknown>[]> {
  // The time as text: a Date would drop the microseconds the hash covers.
  return (
    await database.pool.query('SELECT *, at::text AS at_text FROM audit_log WHERE chain_no >= $1 ORDER BY chain_no', [
      chainNo,
    ])
  ).rows;
}

/** Puts rows back exactly as they were, so the next test starts from a whole chain. */
async function restore(database: Database, rows: Record<string, unknown>[]): Promise<void> {
  await database.pool.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
  try {
    for (const r of rows) {
      await database.pool.query(
        `INSERT INTO audit_log (id, at, actor_user_id, action, subject_user_id, entity_type, entity_id, purpose,
           request_id, ip, details, chain_no, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          r.id,
          r.at_text,
          r.actor_user_id,
          r.action,
          r.subject_user_id,
          r.entity_type,
          r.entity_id,
          r.purpose,
          r.request_id,
          r.ip,
          JSON.stringify(r.details),
          r.chain_no,
          r.prev_hash,
          r.hash,
        ],
      );
    }
  } finally {
    await database.pool.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
  }
}

describeEachEngine('the audit chain', (db) => {
  test('every appended row is chained to the one before, also when appends run concurrently', async () => {
    for (let n = 1; n <= 5; n++) await recordAudit(db().db, entry(n));
    // Separate transactions at once: on PostgreSQL they run on several connections and race for the head.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => inTransaction(db().db, (trx) => recordAudit(trx, entry(100 + i)))),
    );
    const report = await verifyAuditChain(db().pool);
    expect(report.firstBreak).toBeNull();
    const count = Number((await db().pool.query('SELECT count(*) AS n FROM audit_log')).rows[0].n);
    expect(report.checked).toBe(count);
    expect(report.head?.chainNo).toBe(count);
    const rows = (await db().pool.query('SELECT prev_hash, hash FROM audit_log ORDER BY chain_no')).rows;
    expect(rows[0].prev_hash.equals(Buffer.alloc(32))).toBe(true);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash.equals(rows[i - 1].hash)).toBe(true);
  });

  test('a hash the inserter supplies is replaced by the chained one', async () => {
    await sql`INSERT INTO audit_log (action, entity_type, purpose, chain_no, prev_hash, hash)
              VALUES ('read', 'case', 'Casework', 999, ${Buffer.alloc(32, 1)}, ${Buffer.alloc(32, 2)})`.execute(
      db().db,
    );
    expect((await verifyAuditChain(db().pool)).firstBreak).toBeNull();
  });

  test('the stored hash is sha256 of the previous hash and the canonical content', async () => {
    const { rows } = await db().pool.query(
      'SELECT prev_hash, hash, audit_log_content(a) AS content FROM audit_log a ORDER BY chain_no DESC LIMIT 1',
    );
    const expected = crypto.createHash('sha256').update(rows[0].prev_hash).update(rows[0].content).digest();
    expect(rows[0].hash.equals(expected)).toBe(true);
  });

  test('TRUNCATE, UPDATE and DELETE are refused even to the owner while the triggers stand', async () => {
    await expect(db().pool.query('TRUNCATE audit_log')).rejects.toThrow(/TRUNCATE refused/);
    await expect(db().pool.query('TRUNCATE audit_chain_head')).rejects.toThrow(/TRUNCATE refused/);
    await expect(db().pool.query("UPDATE audit_log SET purpose = 'x'")).rejects.toThrow(/append-only/);
    await expect(db().pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(db().pool.query('UPDATE audit_chain_head SET chain_no = 1')).rejects.toThrow(/moves only/);
    expect((await verifyAuditChain(db().pool)).firstBreak).toBeNull();
  });

  test('a changed row is found, at its place in the chain', async () => {
    const [row] = await rowsFrom(db(), 7);
    await asOwnerWithoutGuards(db(), "UPDATE audit_log SET purpose = 'Nothing to see' WHERE chain_no = 7");
    const report = await verifyAuditChain(db().pool);
    expect(report.firstBreak).toEqual({ kind: 'changed', chainNo: 7, id: Number(row!.id) });
    expect(report.checked).toBe(6);
    await asOwnerWithoutGuards(db(), `UPDATE audit_log SET purpose = 'Casework' WHERE chain_no = 7`);
    expect((await verifyAuditChain(db().pool)).firstBreak).toBeNull();
  });

  test('a changed row whose hash was recomputed breaks the link of the row after it', async () => {
    const [row] = await rowsFrom(db(), 4);
    await asOwnerWithoutGuards(
      db(),
      `UPDATE audit_log SET ip = '10.0.0.1' WHERE chain_no = 4;
       UPDATE audit_log a SET hash = sha256(prev_hash || audit_log_content(a)) WHERE chain_no = 4`,
    );
    const report = await verifyAuditChain(db().pool);
    expect(report.firstBreak).toMatchObject({ kind: 'relinked', chainNo: 5 });
    await asOwnerWithoutGuards(db(), `DELETE FROM audit_log WHERE chain_no = 4`);
    await restore(db(), [row!]);
    expect((await verifyAuditChain(db().pool)).firstBreak).toBeNull();
  });

  test('a deleted range in the middle is found', async () => {
    const rows = (await rowsFrom(db(), 10)).slice(0, 3);
    await asOwnerWithoutGuards(db(), 'DELETE FROM audit_log WHERE chain_no BETWEEN 10 AND 12');
    expect((await verifyAuditChain(db().pool)).firstBreak).toEqual({ kind: 'deleted', from: 10, to: 12 });
    await restore(db(), rows);
    expect((await verifyAuditChain(db().pool)).firstBreak).toBeNull();
  });

  test('a range cut off the end is found through the head', async () => {
    const head = (await verifyAuditChain(db().pool)).head!;
    const rows = await rowsFrom(db(), head.chainNo - 3);
    await asOwnerWithoutGuards(db(), `DELETE FROM audit_log WHERE chain_no >= ${head.chainNo - 3}`);
    expect((await verifyAuditChain(db().pool)).firstBreak).toEqual({
      kind: 'truncated',
      from: head.chainNo - 3,
      to: head.chainNo,
    });
    await restore(db(), rows);
    expect((await verifyAuditChain(db().pool)).firstBreak).toBeNull();
  });

  test('a whole log emptied by TRUNCATE with its trigger switched off is found', async () => {
    const rows = await rowsFrom(db(), 1);
    await asOwnerWithoutGuards(db(), 'TRUNCATE audit_log');
    const report = await verifyAuditChain(db().pool);
    expect(report.firstBreak).toEqual({ kind: 'truncated', from: 1, to: rows.length });
    await restore(db(), rows);
    expect((await verifyAuditChain(db().pool)).firstBreak).toBeNull();
  });

  test('an anchor kept outside the database finds a chain rewritten with its head', async () => {
    const { head } = await verifyAuditChain(db().pool);
    const anchor = { chainNo: head!.chainNo, hash: head!.hash };
    expect((await verifyAuditChain(db().pool, [anchor])).firstBreak).toBeNull();
    const wrong = { chainNo: head!.chainNo, hash: 'ab'.repeat(32) };
    expect((await verifyAuditChain(db().pool, [wrong])).firstBreak).toEqual({
      kind: 'anchor_mismatch',
      chainNo: head!.chainNo,
    });
    expect((await verifyAuditChain(db().pool, [{ chainNo: 10_000, hash: head!.hash }])).firstBreak).toEqual({
      kind: 'anchor_mismatch',
      chainNo: 10_000,
    });
  });
});

describe('the chain migration', () => {
  test('rows written before it are chained in the order they were written', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      const all = readMigrations();
      const before = all.filter((m) => m.name < '0170');
      await migrate(database.pool, before);
      const user = await createUser(database.db);
      for (let n = 1; n <= 4; n++) {
        await database.pool.query(
          `INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, purpose, details)
           VALUES ($1, 'read', 'case', $2, 'Casework', '{"x": [1, 2]}')`,
          [user.id, `case-${n}`],
        );
      }
      await migrate(database.pool, all);
      const report = await verifyAuditChain(database.pool);
      expect(report).toMatchObject({ checked: 4, firstBreak: null, head: { chainNo: 4 } });
      const order = await database.pool.query('SELECT entity_id FROM audit_log ORDER BY chain_no');
      expect(order.rows.map((r) => r.entity_id)).toEqual(['case-1', 'case-2', 'case-3', 'case-4']);
      // New rows continue the backfilled chain.
      await recordAudit(database.db, entry(5));
      expect(await verifyAuditChain(database.pool)).toMatchObject({ checked: 5, firstBreak: null });
    } finally {
      await database.close();
    }
  });
});

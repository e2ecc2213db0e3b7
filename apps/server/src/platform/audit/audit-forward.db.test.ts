import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { verifyAuditChain } from './audit-chain.js';
import { forwardAuditEntries, lastForwarded } from './audit-forward.js';
import { recordAudit } from './record-audit.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-audit-forward-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const entry = (n: number) => ({
  actorUserId: null,
  action: 'read' as const,
  entityType: 'case',
  entityId: `case-${n}`,
  purpose: 'Casework',
  ip: '203.0.113.7',
  details: { n },
});

// What an owner who wanted to hide a change would do: change a row, then recompute every hash and the head.
const REWRITE_CHAIN = `
  ALTER TABLE audit_log DISABLE TRIGGER USER;
  ALTER TABLE audit_chain_head DISABLE TRIGGER USER;
  UPDATE audit_log SET purpose = 'Rewritten' WHERE chain_no = 2;
  DO $$
  DECLARE r audit_log; prev bytea := decode(repeat('00', 32), 'hex');
  BEGIN
    FOR r IN SELECT * FROM audit_log ORDER BY chain_no LOOP
      r.prev_hash := prev;
      r.hash := sha256(prev || audit_log_content(r));
      UPDATE audit_log SET prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
      prev := r.hash;
    END LOOP;
    UPDATE audit_chain_head SET hash = prev;
  END $$;
  ALTER TABLE audit_log ENABLE TRIGGER USER;
  ALTER TABLE audit_chain_head ENABLE TRIGGER USER;`;

describeEachEngine('forwarding audit entries to a file', (db, engine) => {
  const file = path.join(dir, `${engine}.jsonl`);
  const lines = () =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { chainNo: number; entityId: string; hash: string; prevHash: string });

  test('appends each committed entry once, in chain order, with its hashes', async () => {
    expect(await lastForwarded(file)).toBeUndefined();
    for (let n = 1; n <= 3; n++) await recordAudit(db().db, entry(n));
    expect(await forwardAuditEntries(db().pool, file)).toBe(3);
    expect(await forwardAuditEntries(db().pool, file)).toBe(0);
    for (let n = 4; n <= 5; n++) await recordAudit(db().db, entry(n));
    expect(await forwardAuditEntries(db().pool, file)).toBe(2);
    const got = lines();
    expect(got.map((l) => l.chainNo)).toEqual([1, 2, 3, 4, 5]);
    expect(got.map((l) => l.entityId)).toEqual(['case-1', 'case-2', 'case-3', 'case-4', 'case-5']);
    for (let i = 1; i < got.length; i++) expect(got[i]!.prevHash).toBe(got[i - 1]!.hash);
    const { head } = await verifyAuditChain(db().pool);
    expect(await lastForwarded(file)).toEqual({ chainNo: 5, hash: head!.hash });
  });

  test('the forwarded copy finds a chain rewritten together with its head, which the database alone cannot', async () => {
    await db().pool.query(REWRITE_CHAIN);
    expect((await verifyAuditChain(db().pool)).firstBreak).toBeNull();
    const anchor = (await lastForwarded(file))!;
    expect((await verifyAuditChain(db().pool, [anchor])).firstBreak).toEqual({ kind: 'anchor_mismatch', chainNo: 5 });
  });
});

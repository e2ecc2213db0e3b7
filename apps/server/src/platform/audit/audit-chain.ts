import crypto from 'node:crypto';
import type pg from 'pg';

/** The first link of the chain points at 32 zero bytes. */
export const GENESIS_HASH = Buffer.alloc(32);

export type ChainBreak =
  /** The row's content or hash is not what was chained: it was changed after it was written. */
  | { kind: 'changed'; chainNo: number; id: number }
  /** The row does not point at the hash of the row before it (that row, or its hash, was replaced). */
  | { kind: 'relinked'; chainNo: number; id: number }
  /** Numbers from..to are missing inside the chain: those rows were deleted. */
  | { kind: 'deleted'; from: number; to: number }
  /** The head says the chain reaches `to`, but the rows from..to are gone: a range cut off the end (or TRUNCATE). */
  | { kind: 'truncated'; from: number; to: number }
  /** The last row is not the one the head remembers. */
  | { kind: 'head_mismatch'; chainNo: number }
  /** An anchor kept outside the database (`--anchor N:HASH`) does not match row N, or row N is gone. */
  | { kind: 'anchor_mismatch'; chainNo: number };

export interface ChainReport {
  /** Rows checked, in chain order, up to the first break. */
  checked: number;
  head: { chainNo: number; hash: string } | null;
  firstBreak: ChainBreak | null;
}

export interface Anchor {
  chainNo: number;
  hash: string;
}

interface LinkRow {
  id: number;
  chain_no: number;
  prev_hash: Buffer;
  hash: Buffer;
  content: Buffer;
}

const BATCH = 5000;

/**
 * Walks the audit chain in order and reports the first break. Each hash is recomputed here from the row's canonical
 * content (the database's `audit_log_content`), so a row edited in place, a row or range deleted from the middle,
 * and a range cut off the end (the head still remembers it) are all found. A chain rewritten from some row onwards
 * together with its head is found only against an anchor recorded outside the database.
 */
export async function verifyAuditChain(pool: pg.Pool, anchors: Anchor[] = []): Promise<ChainReport> {
  const headRow = (await pool.query<{ chain_no: number; hash: Buffer }>('SELECT chain_no, hash FROM audit_chain_head'))
    .rows[0];
  const head = headRow ? { chainNo: Number(headRow.chain_no), hash: headRow.hash.toString('hex') } : null;
  const wanted = new Map(anchors.map((a) => [a.chainNo, a.hash.toLowerCase()]));
  let expectedNo = 1;
  let prev = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const { rows } = await pool.query<LinkRow>(
      `SELECT id, chain_no, prev_hash, hash, audit_log_content(a) AS content
       FROM audit_log a WHERE chain_no >= $1 ORDER BY chain_no LIMIT $2`,
      [expectedNo, BATCH],
    );
    for (const row of rows) {
      const chainNo = Number(row.chain_no);
      if (chainNo !== expectedNo) {
        return { checked, head, firstBreak: { kind: 'deleted', from: expectedNo, to: chainNo - 1 } };
      }
      if (!row.prev_hash.equals(prev)) return { checked, head, firstBreak: { kind: 'relinked', chainNo, id: row.id } };
      const hash = crypto.createHash('sha256').update(row.prev_hash).update(row.content).digest();
      if (!hash.equals(row.hash)) return { checked, head, firstBreak: { kind: 'changed', chainNo, id: row.id } };
      const anchored = wanted.get(chainNo);
      if (anchored !== undefined && anchored !== hash.toString('hex')) {
        return { checked, head, firstBreak: { kind: 'anchor_mismatch', chainNo } };
      }
      wanted.delete(chainNo);
      prev = hash;
      expectedNo = chainNo + 1;
      checked++;
    }
    if (rows.length < BATCH) break;
  }
  const last = expectedNo - 1;
  if (head && head.chainNo > last) {
    return { checked, head, firstBreak: { kind: 'truncated', from: last + 1, to: head.chainNo } };
  }
  if (!head || head.chainNo !== last || head.hash !== prev.toString('hex')) {
    return { checked, head, firstBreak: { kind: 'head_mismatch', chainNo: last } };
  }
  const missingAnchor = [...wanted.keys()].sort((a, b) => a - b)[0];
  if (missingAnchor !== undefined)
    return { checked, head, firstBreak: { kind: 'anchor_mismatch', chainNo: missingAnchor } };
  return { checked, head, firstBreak: null };
}

/** One line for an operator. */
export function describeBreak(b: ChainBreak): string {
  switch (b.kind) {
    case 'changed':
      return `row ${b.chainNo} of the chain (audit_log.id ${b.id}) was changed after it was written`;
    case 'relinked':
      return `row ${b.chainNo} of the chain (audit_log.id ${b.id}) does not follow the row before it`;
    case 'deleted':
      return b.from === b.to
        ? `row ${b.from} of the chain was deleted`
        : `rows ${b.from}-${b.to} of the chain were deleted`;
    case 'truncated':
      return `rows ${b.from}-${b.to} at the end of the chain are gone (the head still remembers them)`;
    case 'head_mismatch':
      return `the chain ends at row ${b.chainNo}, but the head does not remember that row`;
    case 'anchor_mismatch':
      return `row ${b.chainNo} does not match the anchor kept outside the database`;
  }
}

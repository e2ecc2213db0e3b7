import fs from 'node:fs';
import type pg from 'pg';
import type { Anchor } from './audit-chain.js';

const BATCH = 1000;
const TAIL_BYTES = 256 * 1024;

interface ForwardRow {
  chain_no: number;
  id: number;
  at: string;
  actor_user_id: string | null;
  action: string;
  subject_user_id: string | null;
  entity_type: string;
  entity_id: string | null;
  purpose: string;
  request_id: string | null;
  ip: string | null;
  details: unknown;
  prev_hash: Buffer;
  hash: Buffer;
}

/** The last entry already in the file (its number and hash), or undefined for an empty or missing file. */
export async function lastForwarded(file: string): Promise<Anchor | undefined> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n').filter(Boolean);
    const last = lines.at(-1);
    if (!last) return undefined;
    const entry = JSON.parse(last) as { chainNo: number; hash: string };
    return { chainNo: entry.chainNo, hash: entry.hash };
  } finally {
    await handle.close();
  }
}

/**
 * Appends the audit entries the file does not hold yet, in chain order, one JSON object a line, with their hashes:
 * a copy outside the database for an external store (ship the file on, e.g. with the host's log collector). Only
 * committed rows are read, and a row cannot commit after a later link of the chain, so none is skipped. The last
 * line is also an anchor for `audit:verify --forwarded FILE`.
 */
export async function forwardAuditEntries(pool: pg.Pool, file: string): Promise<number> {
  let after = (await lastForwarded(file))?.chainNo ?? 0;
  let written = 0;
  for (;;) {
    const { rows } = await pool.query<ForwardRow>(
      `SELECT chain_no, id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor_user_id,
              action, subject_user_id, entity_type, entity_id, purpose, request_id, ip, details, prev_hash, hash
       FROM audit_log WHERE chain_no > $1 ORDER BY chain_no LIMIT $2`,
      [after, BATCH],
    );
    if (rows.length === 0) return written;
    const text = rows.map((r) => JSON.stringify(toLine(r)) + '\n').join('');
    const handle = await fs.promises.open(file, 'a', 0o600);
    try {
      await handle.write(text);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    written += rows.length;
    after = Number(rows.at(-1)!.chain_no);
  }
}

function toLine(r: ForwardRow): Record<string, unknown> {
  return {
    chainNo: Number(r.chain_no),
    id: Number(r.id),
    at: r.at,
    actorUserId: r.actor_user_id,
    action: r.action,
    subjectUserId: r.subject_user_id,
    entityType: r.entity_type,
    entityId: r.entity_id,
    purpose: r.purpose,
    requestId: r.request_id,
    ip: r.ip,
    details: r.details,
    prevHash: r.prev_hash.toString('hex'),
    hash: r.hash.toString('hex'),
  };
}

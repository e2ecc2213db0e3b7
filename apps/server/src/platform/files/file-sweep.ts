import fs from 'node:fs';
import path from 'node:path';
import type { Executor } from '../db/transaction.js';
import { removeUnlessUsed } from './file-discard.js';
import type { StoredEntry } from './file-storage.js';
import {
  anyFileReferenced,
  assertEveryReferenceRegistered,
  referencedHashes,
  type FileStore,
} from './file-references.js';

export interface SweepResult {
  /** Stored files looked at. */
  scannedFiles: number;
  /** Stored files no row referenced, older than the grace period: deleted. */
  removedFiles: number;
  removedBytes: number;
  /** Half-written uploads left behind by a process that stopped, older than the grace period: deleted. */
  removedPartial: number;
  /** Files a stopped discard had moved aside: put back. */
  restored: number;
}

export interface SweepOptions {
  store: FileStore;
  /** A file younger than this is never removed: its upload may still be on its way into the database. */
  graceMs: number;
  now?: number;
  signal?: AbortSignal;
}

const BATCH = 500;
// A store with old files and a database that names none: most likely a new or wrong database pointed at this
// folder (an unset DATABASE_URL starts an empty embedded one). Deleting would empty the store.
const wrongDatabase = (setting: string) =>
  'the database names no stored file at all, yet the file store holds files older than the grace period: ' +
  `refusing to sweep (is ${setting} the store of this database?)`;
const HASH_NAME = /^[0-9a-f]{64}$/;

/**
 * Deletes stored files that no row references and that are older than the grace period. Uploads are stored before
 * the transaction that records them, so a transaction that fails leaves its file behind; this is what removes it.
 * Content-addressed: one file may serve several rows, and it stays while any of them is there.
 */
export async function sweepOrphanFiles(db: Executor, o: SweepOptions): Promise<SweepResult> {
  const result: SweepResult = { scannedFiles: 0, removedFiles: 0, removedBytes: 0, removedPartial: 0, restored: 0 };
  const { storage, referencingTables } = o.store;
  if (!(await storage.exists())) return result;
  await assertEveryReferenceRegistered(db, referencingTables);
  const now = o.now ?? Date.now();
  const before = now - o.graceMs;
  const databaseNamesFiles = await anyFileReferenced(db, referencingTables);
  Object.assign(result, await storage.tidy(before, now));
  for await (const page of storage.list(o.signal)) {
    o.signal?.throwIfAborted();
    result.scannedFiles += page.length;
    const old = page.filter((f) => f.modifiedMs < before);
    for (let i = 0; i < old.length; i += BATCH) {
      const batch = old.slice(i, i + BATCH);
      const referenced = await referencedHashes(
        db,
        referencingTables,
        batch.map((f) => f.sha256),
      );
      if (!databaseNamesFiles && batch.length > 0) throw new Error(wrongDatabase(storage.setting));
      for (const f of batch) {
        if (referenced.has(f.sha256)) continue;
        const bytes = await removeUnlessUsed(db, o.store, f.sha256, { olderThanMs: before });
        if (bytes === null) continue;
        result.removedFiles++;
        result.removedBytes += bytes;
      }
    }
  }
  return result;
}

/** The stored files of a folder, one two-letter prefix folder at a time. */
export async function* listLocalFiles(fileDir: string, signal?: AbortSignal): AsyncIterable<StoredEntry[]> {
  if (!fs.existsSync(fileDir)) return;
  for (const prefix of fs
    .readdirSync(fileDir)
    .filter((d) => /^[0-9a-f]{2}$/.test(d))
    .sort()) {
    signal?.throwIfAborted();
    const page: StoredEntry[] = [];
    for (const name of fs.readdirSync(path.join(fileDir, prefix))) {
      if (!HASH_NAME.test(name) || !name.startsWith(prefix)) continue;
      const stat = fs.statSync(path.join(fileDir, prefix, name), { throwIfNoEntry: false });
      if (stat?.isFile()) page.push({ sha256: name, modifiedMs: stat.mtimeMs });
    }
    yield page;
  }
}

/** Uploads being written live in tmp/ under `<pid>-<uuid>`; one older than the grace period was abandoned. */
export function removeStalePartials(fileDir: string, before: number): number {
  const tmpDir = path.join(fileDir, 'tmp');
  if (!fs.existsSync(tmpDir)) return 0;
  let removed = 0;
  for (const name of fs.readdirSync(tmpDir)) {
    if (!/^\d+-[0-9a-f-]{36}$/.test(name)) continue;
    const file = path.join(tmpDir, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs >= before) continue;
    fs.rmSync(file, { force: true });
    removed++;
  }
  return removed;
}

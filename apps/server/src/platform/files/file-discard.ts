import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Executor } from '../db/transaction.js';
import { isReferenced, type FileStore } from './file-references.js';
import { placeIfAbsent, storedPath, type StoredFile } from './file-store.js';
import type { RemovalGuard } from './file-storage.js';

const ASIDE_PREFIX = 'discard-';

/**
 * Deletes a stored file when nothing references it and no upload has found it since, as the store allows (see
 * `FileStorage.removeUnlessUsed`). Returns the bytes removed, or null when it was kept (or already gone).
 */
export function removeUnlessUsed(
  db: Executor,
  store: FileStore,
  sha256: string,
  guard: RemovalGuard,
): Promise<number | null> {
  return store.storage.removeUnlessUsed(sha256, guard, () => isReferenced(db, store.referencingTables, sha256));
}

/**
 * In a folder, without a window in which an upload could come to rely on the file: it is first moved aside (an
 * upload arriving after that stores its own copy), then its mtime (an upload that found it before has touched it)
 * and the references (a row committed before) are checked, and it is put back unless both say it is unused.
 */
export async function removeLocalUnlessUsed(
  fileDir: string,
  sha256: string,
  guard: RemovalGuard,
  isUsed: () => Promise<boolean>,
): Promise<number | null> {
  const target = storedPath(fileDir, sha256);
  const aside = path.join(fileDir, 'tmp', `${ASIDE_PREFIX}${sha256}-${crypto.randomUUID()}`);
  fs.mkdirSync(path.dirname(aside), { recursive: true });
  try {
    fs.renameSync(target, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let keep = true;
  try {
    const { mtimeMs, size } = fs.statSync(aside);
    const unchanged = 'version' in guard ? String(mtimeMs) === guard.version : mtimeMs < guard.olderThanMs;
    keep = !unchanged || (await isUsed());
    if (keep) return null;
    fs.rmSync(aside, { force: true });
    return size;
  } finally {
    if (keep) putBack(aside, target);
  }
}

/** Back under its hash; when an upload has meanwhile stored the same content there, that copy stays. */
function putBack(aside: string, target: string): void {
  if (fs.existsSync(aside)) placeIfAbsent(aside, target);
  fs.rmSync(aside, { force: true });
}

/**
 * Files a discard moved aside and never finished with (the process stopped in between), back under their hash,
 * so a file in use is never lost that way; the sweep then judges them again. Those younger than `minAgeMs` belong
 * to a discard still running and are left to it.
 */
export function restoreSetAside(fileDir: string, minAgeMs: number, now = Date.now()): number {
  const tmpDir = path.join(fileDir, 'tmp');
  if (!fs.existsSync(tmpDir)) return 0;
  let restored = 0;
  for (const name of fs.readdirSync(tmpDir)) {
    const m = /^discard-([0-9a-f]{64})-/.exec(name);
    if (!m) continue;
    const aside = path.join(tmpDir, name);
    const stat = fs.statSync(aside, { throwIfNoEntry: false });
    if (!stat || now - stat.ctimeMs < minAgeMs) continue; // ctime: set by the move aside, unlike the mtime
    putBack(aside, storedPath(fileDir, m[1]));
    restored++;
  }
  return restored;
}

/**
 * Best effort, right after the work that was to reference an upload failed or refused it: removes the stored file
 * if this upload created it and nothing uses it. Never throws (the caller is reporting another error, and the
 * orphan sweep removes whatever is left).
 */
export async function discardUpload(db: Executor, store: FileStore, stored: StoredFile): Promise<boolean> {
  if (stored.createdVersion === undefined) return false;
  try {
    if (await isReferenced(db, store.referencingTables, stored.sha256)) return false;
    return (await removeUnlessUsed(db, store, stored.sha256, { version: stored.createdVersion })) !== null;
  } catch {
    return false;
  }
}

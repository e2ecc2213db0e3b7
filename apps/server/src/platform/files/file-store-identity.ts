import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { FileStorage } from './file-storage.js';

/** The file (or object) in the store that names the database the store belongs to. */
export const FILE_STORE_MARKER = '.sagsgang-database';

export type FileStoreCheck = 'ok' | 'missing' | 'foreign';

export async function databaseIdentity(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ database_id: string }>('SELECT database_id FROM file_store_identity');
  if (!rows[0]) throw new Error('file_store_identity has no row');
  return rows[0].database_id;
}

/** The marker in a store folder, or undefined when there is none. */
export function readLocalMarker(fileDir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(fileDir, FILE_STORE_MARKER), 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Writes the marker into a store folder unless one is there; returns the marker now there. */
export function writeLocalMarkerIfAbsent(fileDir: string, id: string): string | undefined {
  fs.mkdirSync(fileDir, { recursive: true });
  // Written whole under a name of its own, then linked into place: a node starting at the same moment never reads a
  // marker that is still empty, and a link never replaces one that is there.
  const draft = path.join(fileDir, `${FILE_STORE_MARKER}.${process.pid}.${Date.now()}`);
  fs.writeFileSync(draft, `${id}\n`);
  try {
    fs.linkSync(draft, path.join(fileDir, FILE_STORE_MARKER));
    return id;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readLocalMarker(fileDir); // another node claimed it at the same moment
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

/**
 * At start: makes sure the file store belongs to this database. A store without a marker (a new one, or one from
 * before markers) is claimed; a store marked for another database is refused. Returns the database's identity.
 */
export async function claimFileStore(pool: pg.Pool, storage: FileStorage): Promise<string> {
  const id = await databaseIdentity(pool);
  const found = (await storage.readMarker()) ?? (await storage.writeMarkerIfAbsent(id));
  if (found !== id) {
    throw new Error(
      `The file store ${storage.location} belongs to another database (${found}); this database is ${id}. ` +
        `Set ${storage.setting} to the store of this database’s files.`,
    );
  }
  return id;
}

/** Whether the store still carries this database's marker (a lost mount or an unreachable bucket shows as missing). */
export async function checkFileStore(storage: FileStorage, id: string): Promise<FileStoreCheck> {
  try {
    const found = await storage.readMarker();
    if (found === undefined) return 'missing';
    return found === id ? 'ok' : 'foreign';
  } catch {
    return 'missing';
  }
}

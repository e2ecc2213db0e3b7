import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

/** The file in the store's folder that names the database the store belongs to. */
export const FILE_STORE_MARKER = '.sagsgang-database';

export type FileStoreCheck = 'ok' | 'missing' | 'foreign';

export async function databaseIdentity(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ database_id: string }>('SELECT database_id FROM file_store_identity');
  if (!rows[0]) throw new Error('file_store_identity has no row');
  return rows[0].database_id;
}

function readMarker(fileDir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(fileDir, FILE_STORE_MARKER), 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * At start: makes sure the file store belongs to this database. A store without a marker (a new one, or one from
 * before markers) is claimed; a store marked for another database is refused. Returns the database's identity.
 */
export async function claimFileStore(pool: pg.Pool, fileDir: string): Promise<string> {
  const id = await databaseIdentity(pool);
  fs.mkdirSync(fileDir, { recursive: true });
  let found = readMarker(fileDir);
  if (found === undefined) {
    try {
      fs.writeFileSync(path.join(fileDir, FILE_STORE_MARKER), `${id}\n`, { flag: 'wx' });
      return id;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      found = readMarker(fileDir); // another node claimed it at the same moment
    }
  }
  if (found !== id) {
    throw new Error(
      `The file store ${fileDir} belongs to another database (${found}); this database is ${id}. ` +
        'Set SAGSGANG_FILE_DIR to the folder of this database’s files.',
    );
  }
  return id;
}

/** Whether the store still carries this database's marker (a lost mount shows as missing). */
export async function checkFileStore(fileDir: string, id: string): Promise<FileStoreCheck> {
  try {
    const found = (await fs.promises.readFile(path.join(fileDir, FILE_STORE_MARKER), 'utf8')).trim();
    return found === id ? 'ok' : 'foreign';
  } catch {
    return 'missing';
  }
}

import type { AppConfig } from '../config.js';
import type { FileStorage } from './file-storage.js';
import { LocalFileStorage } from './local-file-storage.js';
import { S3FileStorage } from './s3-file-storage.js';

/** The store the configuration names: the local folder unless SAGSGANG_FILE_STORE=s3. Opens no connection yet. */
export function openFileStorage(config: Pick<AppConfig, 'fileDir' | 'fileStore'>): FileStorage {
  const { fileStore } = config;
  if (fileStore.kind === 's3') {
    const { kind: _kind, ...settings } = fileStore;
    return new S3FileStorage(settings);
  }
  return new LocalFileStorage(config.fileDir);
}

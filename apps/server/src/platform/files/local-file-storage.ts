import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { readStored, storeUpload, type StoredFile } from './file-store.js';
import { removeLocalUnlessUsed, restoreSetAside } from './file-discard.js';
import { listLocalFiles, removeStalePartials } from './file-sweep.js';
import { readLocalMarker, writeLocalMarkerIfAbsent } from './file-store-identity.js';
import type { FileStorage, RemovalGuard, StoredEntry, TidyResult } from './file-storage.js';

/** A folder of this node's (or a shared mount's): `<dir>/<first two hex digits>/<sha256>`, uploads under tmp/. */
export class LocalFileStorage implements FileStorage {
  readonly setting = 'SAGSGANG_FILE_DIR';
  constructor(readonly dir: string) {}

  get location(): string {
    return this.dir;
  }

  store(source: Readable, isTruncated: () => boolean): Promise<StoredFile> {
    return storeUpload(this.dir, source, isTruncated);
  }

  read(sha256: string): Promise<Buffer> {
    return readStored(this.dir, sha256);
  }

  async readMarker(): Promise<string | undefined> {
    return readLocalMarker(this.dir);
  }

  async writeMarkerIfAbsent(id: string): Promise<string | undefined> {
    return writeLocalMarkerIfAbsent(this.dir, id);
  }

  async exists(): Promise<boolean> {
    return fs.existsSync(this.dir);
  }

  async tidy(before: number, now: number): Promise<TidyResult> {
    return { restored: restoreSetAside(this.dir, 60_000, now), removedPartial: removeStalePartials(this.dir, before) };
  }

  list(signal?: AbortSignal): AsyncIterable<StoredEntry[]> {
    return listLocalFiles(this.dir, signal);
  }

  removeUnlessUsed(sha256: string, guard: RemovalGuard, isUsed: () => Promise<boolean>): Promise<number | null> {
    return removeLocalUnlessUsed(this.dir, sha256, guard, isUsed);
  }
}

import type { Readable } from 'node:stream';
import type { StoredFile } from './file-store.js';

/** A stored file as the orphan sweep sees it: its hash and when an upload last wrote or found it. */
export interface StoredEntry {
  sha256: string;
  modifiedMs: number;
}

/**
 * Which copy of a stored file a removal may take: the one an upload created (`version`, from `StoredFile`), or any
 * copy no upload has written or found since `olderThanMs` (the sweep's grace period).
 */
export type RemovalGuard = { version: string } | { olderThanMs: number };

/** What the orphan sweep tidied before it looked at the stored files. */
export interface TidyResult {
  /** Half-written uploads left behind by a process that stopped, older than the grace period: deleted. */
  removedPartial: number;
  /** Files a stopped discard had moved aside: put back. */
  restored: number;
}

/**
 * Where uploaded documents are kept, named by their content hash (identical uploads are stored once): a local
 * folder or an S3-compatible bucket. Both keep the same rules: a file is kept only when complete and of an accepted
 * type, handed out only when it still matches its hash, and removed only when no upload has found it since.
 */
export interface FileStorage {
  /** For messages: the folder, or the bucket and prefix. */
  readonly location: string;
  /** The variable an operator sets to point this node at another store (for messages). */
  readonly setting: string;
  /** Streams an upload in while hashing it; keeps it under its hash only if complete and of an accepted type. */
  store(source: Readable, isTruncated: () => boolean): Promise<StoredFile>;
  /** The stored bytes of a document, checked against its hash. */
  read(sha256: string): Promise<Buffer>;
  /** The marker naming the database the store belongs to; undefined when there is none. */
  readMarker(): Promise<string | undefined>;
  /** Writes the marker unless one is there already; returns the marker now in the store. */
  writeMarkerIfAbsent(id: string): Promise<string | undefined>;
  /** Whether the store holds anything yet (a missing folder does not: nothing to sweep). */
  exists(): Promise<boolean>;
  /** Puts back what a stopped discard left aside and removes uploads abandoned before `before` (epoch ms). */
  tidy(before: number, now: number): Promise<TidyResult>;
  /** Every stored file, a page at a time. */
  list(signal?: AbortSignal): AsyncIterable<StoredEntry[]>;
  /**
   * Removes a stored file if `guard` still holds and `isUsed` says no, without a window in which an upload could
   * come to rely on it where the store allows that. Returns the bytes removed, or null when kept (or already gone).
   */
  removeUnlessUsed(sha256: string, guard: RemovalGuard, isUsed: () => Promise<boolean>): Promise<number | null>;
}

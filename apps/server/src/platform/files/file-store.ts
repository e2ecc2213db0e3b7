import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { detectMediaType, type AcceptedMediaType } from './media-type.js';

const HEAD_BYTES = 16;

export interface StoredFile {
  sha256: string;
  sizeBytes: number;
  /** Judged by the first bytes; null when it is none of the accepted formats (the file is then not kept). */
  detectedType: AcceptedMediaType | null;
  /** The stream was cut at the size limit (the file is then not kept). */
  truncated: boolean;
  /**
   * Set when this upload put the file in the store (it was not there already): which copy it made (in a folder, the
   * file's modification time then). Only the upload that created a file may discard it, and only while no other
   * upload has found it since.
   */
  createdVersion?: string;
}

/** Where a stored file lives: outside the web root, named by its content hash (identical uploads are stored once). */
export function storedPath(fileDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256 hex digest');
  return path.join(fileDir, sha256.slice(0, 2), sha256);
}

/**
 * Streams an upload to disk while hashing it and reading its first bytes, then keeps it under its hash only if it
 * was complete and of an accepted type. `isTruncated` is asked after the stream ends (multipart sets it then).
 */
export async function storeUpload(fileDir: string, source: Readable, isTruncated: () => boolean): Promise<StoredFile> {
  const tmpDir = path.join(fileDir, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, `${process.pid}-${crypto.randomUUID()}`);
  const { tap, done } = hashingTap();
  const sink = fs.createWriteStream(tmp, { mode: 0o600 });
  try {
    await pipeline(source, tap, sink);
    const result = done(isTruncated);
    if (!worthKeeping(result)) return result;
    const target = storedPath(fileDir, result.sha256);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const createdMtimeMs = keepUnderHash(tmp, target);
    return createdMtimeMs === undefined ? result : { ...result, createdVersion: String(createdMtimeMs) };
  } finally {
    // A source that fails at once (an upload cut off) can fail the pipeline before the file is even opened: wait
    // for the file to be closed, or it would appear after the removal and stay.
    if (!sink.closed) await once(sink, 'close').catch(() => undefined);
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Puts the finished upload at `target` unless the same content is stored already; returns the new file's mtime
 * when it was put there by this call. A file already there has its mtime set to now: the orphan sweep leaves
 * files younger than its grace period alone, so content found again by an upload whose row is not yet committed
 * is not swept from under it, however old the file was.
 */
function keepUnderHash(tmp: string, target: string): number | undefined {
  for (;;) {
    if (touch(target)) return undefined;
    const { mtimeMs } = fs.statSync(tmp); // before the file is visible, so no other upload's touch is taken for ours
    if (placeIfAbsent(tmp, target)) return mtimeMs;
    // Another upload of the same content placed it first: found again, touched on the next turn.
  }
}

// Some file systems keep mtimes in whole (even two) seconds: a touch always moves the mtime on by more than that,
// so the upload that created the file can tell it was found again however soon after.
const COARSEST_MTIME_MS = 2000;

function touch(file: string): boolean {
  try {
    const { mtimeMs } = fs.statSync(file);
    const at = new Date(Math.max(Date.now(), mtimeMs + COARSEST_MTIME_MS));
    fs.utimesSync(file, at, at);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/**
 * Gives `source` the name `target` only if nothing has that name (a hard link: atomic, never replaces). On a file
 * system without hard links, a rename after a check (a narrow race between two uploads of the same content).
 */
export function placeIfAbsent(source: string, target: string): boolean {
  try {
    fs.linkSync(source, target);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw err;
    if (fs.existsSync(target)) return false;
    fs.renameSync(source, target);
    return true;
  }
}

/** The stored bytes of a document, checked against its hash so a damaged file is never handed out as the original. */
export async function readStored(fileDir: string, sha256: string): Promise<Buffer> {
  return checkedAgainstHash(await fs.promises.readFile(storedPath(fileDir, sha256)), sha256);
}

export function checkedAgainstHash(bytes: Buffer, sha256: string): Buffer {
  const actual = crypto.createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) throw new Error(`stored file ${sha256} does not match its hash`);
  return bytes;
}

/**
 * Passes a stream on while hashing it and keeping its first bytes, for a store that writes as it reads; `done`
 * gives what was seen once the stream has ended.
 */
export function hashingTap(): { tap: Transform; done: (isTruncated: () => boolean) => StoredFile } {
  const hash = crypto.createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const tap = new Transform({
    transform(chunk: Buffer, _enc, next) {
      hash.update(chunk);
      size += chunk.length;
      if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
      next(null, chunk);
    },
  });
  const done = (isTruncated: () => boolean): StoredFile => ({
    sha256: hash.digest('hex'),
    sizeBytes: size,
    detectedType: detectMediaType(head),
    truncated: isTruncated(),
  });
  return { tap, done };
}

/** Whether an upload is to be kept: complete, not empty, and of an accepted type by its content. */
export function worthKeeping(file: StoredFile): boolean {
  return !file.truncated && file.detectedType !== null && file.sizeBytes > 0;
}

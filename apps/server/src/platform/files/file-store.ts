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
  const hash = crypto.createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
      done(null, chunk);
    },
  });
  const sink = fs.createWriteStream(tmp, { mode: 0o600 });
  try {
    await pipeline(source, tap, sink);
    const result: StoredFile = { sha256: hash.digest('hex'), sizeBytes: size, detectedType: detectMediaType(head), truncated: isTruncated() };
    if (result.truncated || !result.detectedType || size === 0) return result;
    const target = storedPath(fileDir, result.sha256);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (!fs.existsSync(target)) fs.renameSync(tmp, target);
    return result;
  } finally {
    // A source that fails at once (an upload cut off) can fail the pipeline before the file is even opened: wait
    // for the file to be closed, or it would appear after the removal and stay.
    if (!sink.closed) await once(sink, 'close').catch(() => undefined);
    fs.rmSync(tmp, { force: true });
  }
}

/** The stored bytes of a document, checked against its hash so a damaged file is never handed out as the original. */
export async function readStored(fileDir: string, sha256: string): Promise<Buffer> {
  const bytes = await fs.promises.readFile(storedPath(fileDir, sha256));
  const actual = crypto.createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) throw new Error(`stored file ${sha256} does not match its hash`);
  return bytes;
}

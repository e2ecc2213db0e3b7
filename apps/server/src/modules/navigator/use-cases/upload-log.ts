import buffer from 'node:buffer';
import zlib from 'node:zlib';
import { promisify, TextDecoder } from 'node:util';
import { sniffEncoding } from '@sagsgang/mining';
import type { TLogEncoding, TUploadedLog } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { logTooLarge, readLogBytes, type LogFormat, type LogLimits } from '../mining-adapter.js';
import { navigatorRepository as repo, type LogRow } from '../navigator.repository.js';

/** The largest log accepted (compressed size as stored). */
export const MAX_LOG_BYTES = 200 * 1024 * 1024;

function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** XES or CSV, by content (names lie): XML starts with '<' after any byte-order mark and whitespace. */
export function detectFormat(bytes: Uint8Array): LogFormat {
  const head = Buffer.from(
    isGzip(bytes)
      ? zlib.gunzipSync(bytes.subarray(0, 8192), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).subarray(0, 512)
      : bytes.subarray(0, 512),
  )
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<') ? 'xes' : 'csv';
}

/**
 * The decompressed start of a log (all of it when not compressed): enough to tell its text encoding. Only the first
 * 16 KiB of a gzip file are unpacked here, on the event loop: gzip inflates at most about 1000 to 1.
 */
function textHead(bytes: Buffer): Buffer {
  if (!isGzip(bytes)) return bytes;
  return zlib.gunzipSync(bytes.subarray(0, 1 << 14), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).subarray(0, 1 << 20);
}

const gunzip = promisify(zlib.gunzip);
const gzip = promisify(zlib.gzip);

/**
 * A CSV log as UTF-8, whatever it was saved in (chosen, or a byte-order mark, else UTF-8 when valid, else
 * Windows-1252), so that every later read of the stored log sees the text the user saw. A compressed one is
 * unpacked off the event loop, and no further than the decompressed-size limit.
 */
export async function csvAsUtf8(bytes: Buffer, choice: TLogEncoding, maxDecompressedBytes = Infinity): Promise<Buffer> {
  const encoding = choice === 'auto' ? sniffEncoding(textHead(bytes)) : choice;
  if (encoding === 'utf-8') return bytes;
  let raw = bytes;
  if (isGzip(bytes)) {
    try {
      raw = await gunzip(bytes, { maxOutputLength: Math.min(maxDecompressedBytes, buffer.kMaxLength) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw err;
      const limit = { name: 'maxDecompressedBytes' as const, value: maxDecompressedBytes };
      throw logTooLarge(limit, `the decompressed input is past the import limit maxDecompressedBytes (${limit.value})`);
    }
  }
  try {
    return Buffer.from(new TextDecoder(encoding, { fatal: encoding.startsWith('utf') }).decode(raw), 'utf8');
  } catch {
    throw new AppError('validation', `The file is not valid ${encoding.toUpperCase()}.`, { reason: 'bad_encoding' });
  }
}

export function toUploadedLog(r: Omit<LogRow, 'content'>): TUploadedLog {
  return {
    id: r.id,
    name: r.name,
    format: r.format,
    cases: r.case_count,
    events: r.event_count,
    activities: r.activities,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/**
 * Stores an event log from another system after reading it fully: a file the engine cannot read is refused with
 * the engine's account of where, and nothing is stored.
 */
export async function uploadLog(
  db: Executor,
  file: { name: string; bytes: Buffer; encoding?: TLogEncoding },
  actorId: string | null,
  opts: { limits?: LogLimits; signal?: AbortSignal } = {},
): Promise<TUploadedLog> {
  if (file.bytes.length === 0) throw new AppError('validation', 'The file is empty.');
  if (file.bytes.length > MAX_LOG_BYTES) throw new AppError('payload_too_large', 'The log is too large.');
  let format: LogFormat;
  try {
    format = detectFormat(file.bytes);
  } catch {
    throw new AppError('validation', 'The file looks compressed but cannot be unpacked.');
  }
  let bytes = file.bytes;
  if (format === 'csv') {
    try {
      bytes = await csvAsUtf8(file.bytes, file.encoding ?? 'auto', opts.limits?.maxDecompressedBytes);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('validation', 'The file looks compressed but cannot be unpacked.');
    }
  }
  // Stored CSV is UTF-8 from here on: a byte that is not is refused now, not garbled in a later analysis.
  const log = await readLogBytes(
    bytes,
    format,
    file.name,
    opts.signal,
    format === 'csv' ? 'utf-8' : undefined,
    opts.limits,
  );
  if (log.caseCount === 0) throw new AppError('validation', 'The log holds no cases.');
  const content = isGzip(bytes) ? bytes : await gzip(bytes); // off the event loop: a plain log may be 200 MB
  const collator = new Intl.Collator('da');
  const activities = [...log.activityNames].sort(collator.compare);
  const id = await repo.insertLog(db, {
    name: file.name.slice(0, 200),
    format,
    content,
    case_count: log.caseCount,
    event_count: log.eventCount,
    activities,
    created_by: actorId,
  });
  return {
    id,
    name: file.name.slice(0, 200),
    format,
    cases: log.caseCount,
    events: log.eventCount,
    activities,
    createdAt: new Date().toISOString(),
  };
}

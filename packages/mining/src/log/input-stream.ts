import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { MiningError, throwIfAborted } from '../errors.js';

/** What every streaming importer accepts: a file path, bytes, text, or a stream of chunks. */
export type LogSource = string | Uint8Array | AsyncIterable<Uint8Array | string>;

/** Common importer options. */
export interface ReadOptions {
  /** Cancels the import; the returned promise rejects with MiningError('aborted'). */
  signal?: AbortSignal;
  /** Called now and then with the number of (compressed) bytes consumed. */
  onProgress?: (bytes: number, totalBytes?: number) => void;
  /** Name used in error positions; defaults to the path. */
  fileName?: string;
}

/** Resolves a source given as a path (file name) or as content. */
export function isPathSource(src: LogSource): src is string {
  return typeof src === 'string';
}

/**
 * Yields decoded text chunks of a source, gunzipping transparently (by magic bytes),
 * honouring cancellation and reporting progress. A truncated gzip stream is a MiningError.
 */
export async function* textChunks(
  src: LogSource,
  opts: ReadOptions & { fromText?: boolean } = {},
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  const raw = opts.fromText && typeof src === 'string' ? singleChunk(src) : rawChunks(src, opts.signal);
  for await (const chunk of gunzipIfNeeded(raw, opts)) {
    throwIfAborted(opts.signal);
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    bytes += chunk.length;
    opts.onProgress?.(bytes);
    yield decoder.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

/** Decodes UTF-8 byte chunks to text, keeping characters split across chunks whole. */
export async function* utf8Chunks(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) yield decoder.write(chunk);
  const tail = decoder.end();
  if (tail) yield tail;
}

/** Yields raw byte chunks of a source (gunzipped when needed), with cancellation and progress. */
export async function* rawByteChunks(src: LogSource, opts: ReadOptions = {}): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of gunzipIfNeeded(rawChunks(src, opts.signal), opts)) {
    throwIfAborted(opts.signal);
    const buf =
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    bytes += buf.length;
    opts.onProgress?.(bytes);
    yield buf;
  }
}

async function* singleChunk(s: string): AsyncGenerator<string> {
  yield s;
}

async function* rawChunks(src: LogSource, signal?: AbortSignal): AsyncGenerator<Uint8Array | string> {
  if (typeof src === 'string') {
    yield* createReadStream(src, { highWaterMark: 4 << 20, signal }) as AsyncIterable<Buffer>;
  } else if (src instanceof Uint8Array) {
    yield src;
  } else {
    yield* src;
  }
}

async function* gunzipIfNeeded(
  raw: AsyncGenerator<Uint8Array | string>,
  opts: ReadOptions,
): AsyncGenerator<Uint8Array | string> {
  const first = await raw.next().catch((e) => rethrowIo(e, opts));
  if (first.done) return;
  const head = first.value;
  const gz = typeof head !== 'string' && head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  async function* all() {
    yield head;
    yield* raw;
  }
  if (!gz) {
    try {
      yield* all();
    } catch (e) {
      rethrowIo(e, opts);
    }
    return;
  }
  // Larger output chunks than the 16 KB default: fewer, cheaper hand-overs to the parser.
  const gunzip = Readable.from(all()).pipe(createGunzip({ chunkSize: 1 << 18 }));
  try {
    for await (const c of gunzip as AsyncIterable<Buffer>) yield c;
  } catch (e) {
    if (e instanceof MiningError) throw e;
    const msg = (e as Error).message ?? String(e);
    if (/unexpected end/i.test(msg))
      throw new MiningError('truncated_gzip', 'gzip data ends early (truncated file)', { file: opts.fileName });
    rethrowIo(e, opts);
  }
}

function rethrowIo(e: unknown, opts: ReadOptions): never {
  if (e instanceof MiningError) throw e;
  const err = e as NodeJS.ErrnoException;
  if (err?.name === 'AbortError') throw new MiningError('aborted', 'operation was cancelled');
  if (err?.code === 'Z_DATA_ERROR' || err?.code === 'Z_BUF_ERROR') {
    throw new MiningError('truncated_gzip', `corrupt gzip data: ${err.message}`, { file: opts.fileName });
  }
  throw e;
}

import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';
import { DEFAULT_IMPORT_LIMITS, limitExceeded, MiningError, throwIfAborted, type ImportLimits } from '../errors.js';

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
  /** Bounds on the import (token size, decompressed size, events); each unset one is DEFAULT_IMPORT_LIMITS'. */
  limits?: Partial<ImportLimits>;
}

/** The limits of an import: the given ones over the defaults. */
export function importLimits(opts: ReadOptions): ImportLimits {
  return { ...DEFAULT_IMPORT_LIMITS, ...opts.limits };
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
  const { maxDecompressedBytes } = importLimits(opts);
  const raw = opts.fromText && typeof src === 'string' ? singleChunk(src) : rawChunks(src, opts.signal);
  for await (const chunk of gunzipIfNeeded(raw, opts)) {
    throwIfAborted(opts.signal);
    bytes += chunk.length;
    if (bytes > maxDecompressedBytes)
      throw limitExceeded('maxDecompressedBytes', maxDecompressedBytes, 'the decompressed input', {
        file: opts.fileName,
      });
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    opts.onProgress?.(bytes);
    yield decoder.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

/**
 * How a text file's bytes are read: 'auto' takes a byte-order mark when there is one, else UTF-8 when the bytes are
 * valid UTF-8, else Windows-1252 (what Excel writes in Denmark when saving "CSV (semicolon separated)").
 */
export type TextEncodingChoice = 'auto' | 'utf-8' | 'windows-1252';
export const TEXT_ENCODINGS: readonly TextEncodingChoice[] = ['auto', 'utf-8', 'windows-1252'];
export const isTextEncoding = (s: string): s is TextEncodingChoice => (TEXT_ENCODINGS as readonly string[]).includes(s);

/** The encoding of a file's first bytes: a byte-order mark decides, then whether they are valid UTF-8. */
export function sniffEncoding(head: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  try {
    // `stream` lets a character cut at the end of the sample pass; anything else invalid throws.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * Like textChunks, in a chosen or detected encoding (a byte-order mark is dropped). Text read as UTF-8 must be valid
 * UTF-8 throughout: a file that turns out not to be is refused (MiningError 'bad_encoding'), never read garbled.
 */
export async function* decodedTextChunks(
  src: LogSource,
  opts: ReadOptions & { encoding?: TextEncodingChoice } = {},
): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let offset = 0;
  for await (const chunk of rawByteChunks(src, opts)) {
    if (!decoder) {
      const chosen = !opts.encoding || opts.encoding === 'auto' ? sniffEncoding(chunk) : opts.encoding;
      decoder = new TextDecoder(chosen, { fatal: chosen.startsWith('utf') });
    }
    try {
      yield decoder.decode(chunk, { stream: true });
    } catch {
      throw invalidText(decoder.encoding, offset, opts.fileName);
    }
    offset += chunk.length;
  }
  let tail = '';
  try {
    tail = decoder?.decode() ?? '';
  } catch {
    throw invalidText(decoder!.encoding, offset, opts.fileName);
  }
  if (tail) yield tail;
}

function invalidText(encoding: string, offset: number, file?: string): MiningError {
  return new MiningError(
    'bad_encoding',
    `the file is not valid ${encoding.toUpperCase()}; choose the encoding it was saved in, e.g. Windows-1252`,
    { file, byte: offset },
  );
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
  const { maxDecompressedBytes } = importLimits(opts);
  for await (const chunk of gunzipIfNeeded(rawChunks(src, opts.signal), opts)) {
    throwIfAborted(opts.signal);
    const buf =
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    bytes += buf.length;
    if (bytes > maxDecompressedBytes)
      throw limitExceeded('maxDecompressedBytes', maxDecompressedBytes, 'the decompressed input', {
        file: opts.fileName,
      });
    opts.onProgress?.(bytes);
    yield buf;
  }
}

const IN_MEMORY_SLICE = 1 << 20;

async function* singleChunk(s: string): AsyncGenerator<string> {
  yield s;
}

async function* rawChunks(src: LogSource, signal?: AbortSignal): AsyncGenerator<Uint8Array | string> {
  if (typeof src === 'string') {
    yield* createReadStream(src, { highWaterMark: 4 << 20, signal }) as AsyncIterable<Buffer>;
  } else if (src instanceof Uint8Array) {
    // Bytes in memory are handed over a slice at a time, each after a turn of the event loop, so that a server
    // reading a large upload keeps answering other requests meanwhile.
    for (let at = 0; at < src.length; at += IN_MEMORY_SLICE) {
      if (at > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      throwIfAborted(signal);
      yield src.subarray(at, at + IN_MEMORY_SLICE);
    }
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

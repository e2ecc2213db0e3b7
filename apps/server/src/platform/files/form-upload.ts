import { pipeline, Transform, type Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import { AppError } from '../errors.js';
import type { StoredFile } from './file-store.js';
import type { FileStorage } from './file-storage.js';
import { findUnstorableText, unstorableTextError } from '../http/text-guard.js';
import { checkFormCsrf } from '../auth/auth-plugin.js';

/** The name of the hidden field that carries a form's CSRF token; in a multipart form it must come first. */
export const CSRF_FIELD = '_csrf';

function fieldValue(field: unknown): string | undefined {
  const value = (field as { type?: unknown; value?: unknown } | undefined)?.value;
  return typeof value === 'string' ? value : undefined;
}

const hasStatus = (err: unknown) => typeof (err as { statusCode?: unknown } | null)?.statusCode === 'number';

const incomplete = () =>
  new AppError('validation', 'The form did not arrive in full. Send it again.', [
    { path: 'form', message: 'incomplete' },
  ]);

/** The first file part of a multipart form (fields before it are on `part.fields`); a broken body is a 400. */
export async function firstFilePart(request: FastifyRequest): Promise<MultipartFile | undefined> {
  let part: MultipartFile | undefined;
  try {
    part = await request.file();
  } catch (err) {
    if (err instanceof AppError || hasStatus(err)) throw err;
    throw incomplete();
  }
  if (request.csrfInForm) {
    // Sent without the header: the token must be among the fields before the file, checked before it is read.
    const field = part?.fields[CSRF_FIELD];
    try {
      await checkFormCsrf(request, fieldValue(Array.isArray(field) ? field[0] : field));
    } catch (err) {
      part?.file.resume();
      throw err;
    }
  }
  return part;
}

/**
 * The parts of a multipart form. A body that ends early or is not valid multipart is the sender's problem: it is
 * a 400 that says so, not a server error (limits keep their own 413s).
 */
export async function* formParts(request: FastifyRequest): AsyncGenerator<Multipart> {
  const parts = request.parts()[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Multipart>;
    try {
      next = await parts.next();
    } catch (err) {
      if (err instanceof AppError || hasStatus(err)) throw err;
      throw incomplete();
    }
    if (next.done) {
      if (request.csrfInForm) await checkFormCsrf(request, undefined);
      return;
    }
    const part = next.value;
    if (request.csrfInForm) {
      // Sent without the header: the first part must be the token, checked before any file part is accepted.
      if (part.type === 'file') part.file.resume();
      await checkFormCsrf(
        request,
        part.type === 'field' && part.fieldname === CSRF_FIELD ? fieldValue(part) : undefined,
      );
      continue;
    }
    const bad = findUnstorableText({ [part.fieldname]: part.type === 'field' ? part.value : part.filename }, 'form');
    if (bad) {
      if (part.type === 'file') part.file.resume();
      throw unstorableTextError(bad);
    }
    yield part;
  }
}

/** How much one upload may bring: per file (the requirement's own limit), and all files of one request together. */
export interface UploadLimits {
  request: FastifyRequest;
  maxBytes: number;
  /** `SAGSGANG_UPLOAD_MAX_REQUEST_MB` in bytes. */
  maxRequestBytes: number;
}

const MB = 1024 * 1024;
// Form fields and multipart framing on top of the files: what a declared length may exceed the file limit by.
const FORM_OVERHEAD_BYTES = MB;
const requestFileBytes = new WeakMap<FastifyRequest, number>();

const fileTooLarge = (part: MultipartFile, maxBytes: number) =>
  new AppError(
    'payload_too_large',
    `${part.fieldname}: ${part.filename} is larger than ${Math.round((maxBytes / MB) * 10) / 10} MB.`,
    [{ path: part.fieldname, message: 'too_large', maxBytes }],
  );

const requestTooLarge = (maxRequestBytes: number) =>
  new AppError(
    'payload_too_large',
    `The files sent together are larger than ${Math.round(maxRequestBytes / MB)} MB (SAGSGANG_UPLOAD_MAX_REQUEST_MB).`,
    [{ path: 'form', message: 'too_large', maxBytes: maxRequestBytes }],
  );

/**
 * The file part's bytes, refused (the stream ends in a 413) the moment the file passes `maxBytes` or the request's
 * files together pass `maxRequestBytes`: the chunk that crosses is not passed on, so the store never holds more
 * than the limit, and the rest of the upload is not read.
 */
function limitedFile(part: MultipartFile, limits: UploadLimits): Readable {
  let seen = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      const total = (requestFileBytes.get(limits.request) ?? 0) + chunk.length;
      requestFileBytes.set(limits.request, total);
      const refusal =
        seen > limits.maxBytes
          ? fileTooLarge(part, limits.maxBytes)
          : total > limits.maxRequestBytes
            ? requestTooLarge(limits.maxRequestBytes)
            : undefined;
      if (refusal) {
        callback(refusal);
        return;
      }
      callback(null, chunk);
    },
  });
  // A body cut off inside the file fails the limiter too (and so the store), as it would fail the store directly.
  return pipeline(part.file, limiter, () => undefined);
}

/**
 * Streams a file part to the file store; a file cut off by the end of the request is a 400 that names it. With
 * `limits`, a file or request past its limit is a 413 while it streams (a declared length past the request's
 * limit before anything is read).
 */
export async function storeFilePart(
  storage: FileStorage,
  part: MultipartFile,
  limits?: UploadLimits,
): Promise<StoredFile> {
  if (limits && Number(limits.request.headers['content-length']) > limits.maxRequestBytes + FORM_OVERHEAD_BYTES) {
    throw requestTooLarge(limits.maxRequestBytes);
  }
  try {
    return await storage.store(limits ? limitedFile(part, limits) : part.file, () => part.file.truncated);
  } catch (err) {
    if (err instanceof AppError || !part.file.errored) throw err;
    throw new AppError('validation', `${part.fieldname}: ${part.filename} did not arrive in full. Send it again.`, [
      { path: part.fieldname, message: 'incomplete' },
    ]);
  }
}

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

/** Streams a file part to the file store; a file cut off by the end of the request is a 400 that names it. */
export async function storeFilePart(storage: FileStorage, part: MultipartFile): Promise<StoredFile> {
  try {
    return await storage.store(part.file, () => part.file.truncated);
  } catch (err) {
    if (err instanceof AppError || !part.file.errored) throw err;
    throw new AppError('validation', `${part.fieldname}: ${part.filename} did not arrive in full. Send it again.`, [
      { path: part.fieldname, message: 'incomplete' },
    ]);
  }
}

import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requireApplicant } from '../../platform/auth/guards.js';
import {
  documentRequirement,
  fileSpec,
  recordDraftUpload,
  type Finding,
  type OwnApplication,
} from '../applications/index.js';
import { formParts, storeFilePart } from '../../platform/files/form-upload.js';
import { discardUpload } from '../../platform/files/file-discard.js';
import { fileStoreOf } from '../../platform/files/file-references.js';

export interface DocumentsPost {
  fields: Record<string, unknown>;
  /** Files refused, with why (type by content, size); the rest of the form is kept. */
  rejected: Finding[];
  /** Names of the files received. */
  accepted: string[];
}

/**
 * Reads a multipart documents step: plain fields, and each chosen file streamed to the file store and recorded
 * against its requirement (file inputs are named `document.<requirement code>`). An empty file input is skipped.
 */
export async function readDocumentsPost(
  ctx: AppContext,
  request: FastifyRequest,
  own: OwnApplication,
): Promise<DocumentsPost> {
  const principal = requireApplicant(request);
  if (!request.isMultipart())
    throw new AppError('unsupported_media_type', 'This step takes a multipart form (it carries files).');
  const out: DocumentsPost = { fields: {}, rejected: [], accepted: [] };
  for await (const part of formParts(request)) {
    if (part.type === 'field') {
      out.fields[part.fieldname] = part.value;
      continue;
    }
    if (!part.filename) {
      part.file.resume();
      await new Promise((resolve) => part.file.on('end', resolve));
      continue;
    }
    const code = part.fieldname.startsWith('document.') ? part.fieldname.slice('document.'.length) : part.fieldname;
    // A tampered field name is a 400 before anything is stored; a file past its requirement's limit a 413 as it streams.
    const { maxBytes } = fileSpec(documentRequirement(own.form, code));
    const stored = await storeFilePart(ctx.files, part, {
      request,
      maxBytes,
      maxRequestBytes: ctx.config.uploadMaxRequestBytes,
    });
    const result = await recordDraftUpload(ctx.database.db, principal, {
      applicationId: own.application.id,
      requirementCode: code,
      fileName: part.filename,
      stored,
    }).catch(async (err: unknown) => {
      await discardUpload(ctx.database.db, fileStoreOf(ctx), stored);
      throw err;
    });
    if (result.document) out.accepted.push(result.document.fileName);
    else await discardUpload(ctx.database.db, fileStoreOf(ctx), stored); // refused for this requirement (type, size)
    out.rejected.push(...result.findings);
  }
  return out;
}

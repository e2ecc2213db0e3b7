import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_MAX_FILE_BYTES, ZAttachDocumentFields, ZAttachDocumentResult } from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requireStaff } from '../../platform/auth/guards.js';
import { sendDownload } from '../../platform/files/send-download.js';
import { fileStoreOf } from '../../platform/files/file-references.js';
import { firstFilePart } from '../../platform/files/form-upload.js';
import { BINARY } from '../../platform/http/openapi.js';
import { findUnstorableText, unstorableTextError } from '../../platform/http/text-guard.js';
import { STAFF_ROLES } from '../../platform/auth/principal.js';
import { CASEWORK_ROLES } from './case-command.js';
import { caseEventListeners } from './case-event-listeners.js';
import { attachDocument } from './use-cases/attach-document.js';
import { openCaseDocument } from './use-cases/open-document.js';

/** Multipart field values as plain strings (a repeated field keeps its last value). */
function fieldValues(fields: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, entry] of Object.entries(fields)) {
    const last = Array.isArray(entry) ? entry.at(-1) : entry;
    if (last && typeof last === 'object' && (last as { type?: string }).type === 'field')
      out[name] = String((last as { value: unknown }).value);
  }
  return out;
}

/** Files in the case file: a caseworker attaches one (multipart), staff who may read the case download it. */
export function caseDocumentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  const listeners = caseEventListeners(ctx);
  const files = fileStoreOf(ctx);
  return async (app) => {
    // A file up to the limit streams to the file store; a longer one is cut there and refused as too large.
    await app.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: DEFAULT_MAX_FILE_BYTES, files: 1, fields: 10, fieldSize: 4096, parts: 11 },
    });

    app.post(
      '/api/cases/:id/documents',
      {
        schema: {
          tags: ['cases'],
          summary:
            'Attach a file to the case file (multipart: expectedVersion, title, documentType, direction, then the file part `file`)',
          description: `PDF, PNG or JPEG judged by the content, up to ${DEFAULT_MAX_FILE_BYTES / 1024 / 1024} MB. The fields must come before the file.`,
          consumes: ['multipart/form-data'],
          params: z.object({ id: z.uuid() }),
          response: { 200: ZAttachDocumentResult },
        },
        config: {
          openapi: {
            requestBody: { 'multipart/form-data': ZAttachDocumentFields.extend({ file: z.file() }) },
            errors: [404, 409, 413, 415],
          },
        },
      },
      async (request) => {
        const principal = requireStaff(request, CASEWORK_ROLES);
        if (!request.isMultipart())
          throw new AppError(
            'unsupported_media_type',
            'Send the document as multipart/form-data with the file in the part "file".',
          );
        const part = await firstFilePart(request);
        if (!part || part.fieldname !== 'file' || !part.filename) {
          part?.file.resume();
          throw new AppError('validation', 'file: choose a file to attach.', [{ path: 'file', message: 'required' }]);
        }
        try {
          const bad = findUnstorableText({ ...fieldValues(part.fields), file: part.filename }, 'form');
          if (bad) throw unstorableTextError(bad);
          const parsed = ZAttachDocumentFields.safeParse(fieldValues(part.fields));
          if (!parsed.success) {
            const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
            throw new AppError(
              'validation',
              `The request is not valid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
              issues,
            );
          }
          const r = await attachDocument({ db, actor: principal, listeners, files }, request.params.id, {
            ...parsed.data,
            file: { fileName: part.filename, content: part.file, isTruncated: () => part.file.truncated },
          });
          return {
            id: r.case.id,
            version: r.case.version,
            state: r.case.state,
            eventId: r.eventId,
            documentId: r.documentId!,
          };
        } catch (err) {
          // The request ended inside the file (a dropped connection, a cut body): the sender's problem, not ours.
          if (part.file.errored && !(err instanceof AppError)) {
            throw new AppError('validation', `file: ${part.filename} did not arrive in full. Send it again.`, [
              { path: 'file', message: 'incomplete' },
            ]);
          }
          throw err;
        } finally {
          part.file.resume(); // whatever a refused request left unread
        }
      },
    );

    app.get(
      '/api/cases/:id/documents/:documentId',
      {
        schema: {
          tags: ['cases'],
          summary: 'Download a document of the case file (audited)',
          params: z.object({ id: z.uuid(), documentId: z.uuid() }),
        },
        config: {
          openapi: {
            responses: {
              200: {
                description: 'The file, as a download',
                content: { 'application/pdf': BINARY, 'image/png': BINARY, 'image/jpeg': BINARY },
              },
            },
          },
        },
      },
      async (request, reply) => {
        // Any staff member: the use case answers those who may not read the case's unit as if there were no document.
        const principal = requireStaff(request, STAFF_ROLES);
        const file = await openCaseDocument(db, principal, {
          caseId: request.params.id,
          documentId: request.params.documentId,
          files: ctx.files,
          requestId: request.id,
        });
        return sendDownload(reply, file);
      },
    );
  };
}

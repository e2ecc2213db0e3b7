import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from './file-names.js';

export interface Download {
  mediaType: string;
  fileName: string;
  bytes: Buffer;
}

/** A stored document as a download: never shown inline, never sniffed into another type, never cached. */
export function sendDownload(reply: FastifyReply, file: Download): FastifyReply {
  return reply
    .type(file.mediaType)
    .header('content-disposition', attachmentDisposition(file.fileName, file.mediaType))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}

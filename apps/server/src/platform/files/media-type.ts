import type { ACCEPTED_FILE_TYPES } from '@sagsgang/contracts';

/** A format we accept for uploaded documents (contracts' ACCEPTED_FILE_TYPES). */
export type AcceptedMediaType = (typeof ACCEPTED_FILE_TYPES)[number];

// The first bytes of each accepted format. The name and the browser's Content-Type are the sender's claim; these
// bytes are what the file is.
const SIGNATURES: ReadonlyArray<{ type: AcceptedMediaType; bytes: readonly number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/** The media type of a file judged by its content (magic bytes), or null when it is none we accept. */
export function detectMediaType(head: Uint8Array): AcceptedMediaType | null {
  for (const sig of SIGNATURES) {
    if (head.length >= sig.bytes.length && sig.bytes.every((b, i) => head[i] === b)) return sig.type;
  }
  return null;
}

export const EXTENSION_OF: Record<AcceptedMediaType, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

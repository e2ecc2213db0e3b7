/**
 * What a document of a case may be, as plain constants without schemas, so the back office can import them
 * without the validation library (`@sagsgang/contracts/documents`).
 */

/** File types an applicant or a caseworker may upload, judged by content; a document requirement may narrow them. */
export const ACCEPTED_FILE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
/** The size limit of one uploaded document unless a requirement sets its own (applicants and caseworkers alike). */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export const DOCUMENT_TYPES = ['application', 'evidence', 'letter', 'decision', 'hearing', 'other'] as const;
export const DOCUMENT_DIRECTIONS = ['incoming', 'outgoing', 'internal'] as const;

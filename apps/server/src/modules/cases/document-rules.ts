import { ACCEPTED_FILE_TYPES, DEFAULT_MAX_FILE_BYTES } from '@sagsgang/contracts';
import { AppError } from '../../platform/errors.js';
import type { StoredFile } from '../../platform/files/file-store.js';

export type UploadRefusal = 'too_large' | 'empty' | 'type';

/** Why a stored upload cannot join the case file, or null: the portal's rules (type by content, size limit). Pure. */
export function uploadRefusal(stored: StoredFile, maxBytes = DEFAULT_MAX_FILE_BYTES): UploadRefusal | null {
  if (stored.truncated || stored.sizeBytes > maxBytes) return 'too_large';
  if (stored.sizeBytes === 0) return 'empty';
  if (!stored.detectedType || !(ACCEPTED_FILE_TYPES as readonly string[]).includes(stored.detectedType)) return 'type';
  return null;
}

const MB = 1024 * 1024;

/** The 4xx answer to a refused upload; the details name the field and the reason, for the form to say it in its language. */
export function refusalError(refusal: UploadRefusal, fileName: string, maxBytes = DEFAULT_MAX_FILE_BYTES): AppError {
  const details = [{ path: 'file', message: refusal, maxBytes }];
  switch (refusal) {
    case 'too_large':
      return new AppError(
        'payload_too_large',
        `file: ${fileName} is larger than ${Math.round(maxBytes / MB)} MB.`,
        details,
      );
    case 'empty':
      return new AppError('validation', `file: ${fileName} is empty.`, details);
    case 'type':
      return new AppError(
        'unsupported_media_type',
        `file: ${fileName} is not a PDF, PNG or JPEG (judged by its content, not its name).`,
        details,
      );
  }
}

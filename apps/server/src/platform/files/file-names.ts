import { EXTENSION_OF, type AcceptedMediaType } from './media-type.js';

/**
 * The name as shown back to people: no path, no control characters, no bidirectional controls (a right-to-left
 * override makes "invoice\u202Efdp.exe" read as "invoiceexe.pdf"), a sane length.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .slice(0, 200);
  return clean || 'document';
}

/**
 * A Content-Disposition header that makes the browser save the file rather than show it. The name ends in the
 * extension of the type found in the content (a PDF sent as "scan.exe" is saved as "scan.exe.pdf"); the plain
 * `filename` is ASCII only, `filename*` carries the full name (RFC 6266).
 */
export function attachmentDisposition(fileName: string, mediaType: string): string {
  const extension = EXTENSION_OF[mediaType as AcceptedMediaType];
  let name = safeFileName(fileName);
  if (extension && !name.toLowerCase().endsWith(`.${extension}`) && !(extension === 'jpg' && /\.jpeg$/i.test(name)))
    name += `.${extension}`;
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

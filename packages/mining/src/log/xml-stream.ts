import { throwIfAborted } from '../errors.js';
import { XmlScanner, type XmlCursor, type XmlHandlers } from './xml-scanner.js';

export type { XmlCursor, XmlHandlers };

/**
 * Feeds text chunks through the streaming XML scanner. Malformed XML (including a document that
 * just stops) becomes MiningError('malformed_xml') with the line. Pass `cursor` to get a live
 * position object handlers can read for their own errors.
 */
export async function walkXml(
  chunks: AsyncIterable<string>,
  handlers: XmlHandlers,
  opts: { fileName?: string; signal?: AbortSignal; onCursor?: (c: XmlCursor) => void; maxTokenChars?: number } = {},
): Promise<void> {
  const scanner = new XmlScanner(handlers, opts.fileName, opts.maxTokenChars);
  opts.onCursor?.(scanner.cursor());
  for await (const chunk of chunks) {
    throwIfAborted(opts.signal);
    scanner.write(chunk);
  }
  scanner.close();
}

/** The parser's current position as an error position. */
export function pos(parser: { line: number; column: number }, file?: string) {
  return { file, line: parser.line, column: parser.column + 1 };
}

/** Machine-readable reasons a mining operation can fail. */
export type MiningErrorCode =
  | 'malformed_xml'
  | 'truncated_gzip'
  | 'bad_timestamp'
  | 'missing_case_id'
  | 'missing_activity'
  | 'bad_csv'
  | 'bad_encoding'
  | 'bad_json'
  | 'bad_ocel'
  | 'bad_pnml'
  | 'bad_bpmn'
  | 'unsupported_bpmn_element'
  | 'unsound_net'
  | 'state_limit'
  | 'aborted'
  | 'limit_exceeded'
  | 'invalid_argument';

/** Which import limit an input went past (code 'limit_exceeded'), and the limit's value. */
export interface MiningLimit {
  name: keyof ImportLimits;
  value: number;
}

/** Bounds on what one import may cost; an input past one is refused with MiningError('limit_exceeded'). */
export interface ImportLimits {
  /** The longest single token: an element with its attributes, a comment, a CSV row, a JSON string (bytes). */
  maxTokenBytes: number;
  /** The most bytes the input may have once decompressed. */
  maxDecompressedBytes: number;
  /** The most events a log may hold. */
  maxEvents: number;
}

/** The limits an import has when it is given none: wide enough for every real log seen, finite. */
export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = {
  maxTokenBytes: 16 * 1024 * 1024,
  maxDecompressedBytes: 16 * 1024 * 1024 * 1024,
  maxEvents: 100_000_000,
};

/** Where in an input the problem was found. */
export interface MiningErrorPosition {
  file?: string;
  line?: number;
  column?: number;
  row?: number;
  /** Byte offset in the (decompressed) input. */
  byte?: number;
  elementId?: string;
}

/** The one error type of the mining package: a code, a message and where it happened. */
export class MiningError extends Error {
  readonly code: MiningErrorCode;
  readonly position: MiningErrorPosition;
  /** With code 'limit_exceeded': the limit that was reached. */
  readonly limit?: MiningLimit;

  constructor(code: MiningErrorCode, message: string, position: MiningErrorPosition = {}, limit?: MiningLimit) {
    super(message + formatPosition(position));
    this.name = 'MiningError';
    this.code = code;
    this.position = position;
    this.limit = limit;
  }
}

/** The error for an input past one of its import limits. */
export function limitExceeded(
  name: keyof ImportLimits,
  value: number,
  what: string,
  position: MiningErrorPosition = {},
) {
  return new MiningError('limit_exceeded', `${what} is past the import limit ${name} (${value})`, position, {
    name,
    value,
  });
}

function formatPosition(p: MiningErrorPosition): string {
  const parts: string[] = [];
  if (p.file) parts.push(p.file);
  if (p.line !== undefined) parts.push(`line ${p.line}${p.column !== undefined ? `:${p.column}` : ''}`);
  if (p.row !== undefined) parts.push(`row ${p.row}`);
  if (p.byte !== undefined) parts.push(`byte ${p.byte}`);
  if (p.elementId) parts.push(`element ${p.elementId}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Throws a MiningError('aborted') when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new MiningError('aborted', 'operation was cancelled');
}

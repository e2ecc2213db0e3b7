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
  | 'invalid_argument';

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

  constructor(code: MiningErrorCode, message: string, position: MiningErrorPosition = {}) {
    super(message + formatPosition(position));
    this.name = 'MiningError';
    this.code = code;
    this.position = position;
  }
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

import { limitExceeded, MiningError, throwIfAborted } from '../errors.js';
import type { EventLog } from './event-log.js';
import {
  decodedTextChunks,
  importLimits,
  type LogSource,
  type ReadOptions,
  type TextEncodingChoice,
} from './input-stream.js';
import { LogBuilder } from './log-builder.js';
import { parseTimestamp } from './timestamp.js';

/** Which CSV columns hold what; unnamed parts are guessed from common header names. */
export interface CsvMapping {
  case?: string;
  activity?: string;
  timestamp?: string;
  resource?: string;
  lifecycle?: string;
  /** Other columns to keep as attributes: 'all' (default) or a list. Columns named case:* become case attributes. */
  others?: 'all' | string[];
}

export interface CsvReadOptions extends ReadOptions {
  mapping?: CsvMapping;
  /** Field separator; guessed from the header line when absent. */
  delimiter?: string;
  /** How the bytes are read; 'auto' (default) takes a byte-order mark, then UTF-8 if valid, else Windows-1252. */
  encoding?: TextEncodingChoice;
}

const GUESS: Record<keyof Omit<CsvMapping, 'others'>, string[]> = {
  case: ['case:concept:name', 'case_id', 'caseid', 'case id', 'case'],
  activity: ['concept:name', 'activity', 'activity_name', 'event'],
  timestamp: ['time:timestamp', 'timestamp', 'time', 'start_timestamp', 'complete_timestamp'],
  resource: ['org:resource', 'resource', 'user', 'actor'],
  lifecycle: ['lifecycle:transition', 'lifecycle'],
};

/** Streams a CSV event log (one event per row) into a columnar EventLog, events ordered by time per case. */
export async function readCsv(source: LogSource, opts: CsvReadOptions = {}): Promise<EventLog> {
  const file = opts.fileName ?? (typeof source === 'string' ? source : undefined);
  const limits = importLimits(opts);
  const builder = new LogBuilder(limits.maxEvents);
  let header: string[] | undefined;
  let cols: ResolvedColumns | undefined;
  let row = 0;
  const rows = csvRows(decodedTextChunks(source, opts), () => opts.delimiter, limits.maxTokenBytes);
  for await (const fields of rows) {
    row++;
    if (!header) {
      header = fields.map((f) => f.trim());
      cols = resolve(header, opts.mapping ?? {}, file);
      continue;
    }
    if (row % 4096 === 0) throwIfAborted(opts.signal);
    if (fields.length === 1 && fields[0] === '') continue;
    addRow(builder, cols!, fields, { file, row });
  }
  if (!header) throw new MiningError('bad_csv', 'empty CSV (no header row)', { file });
  return builder.build({ sortByTimestamp: true });
}

/** Reads CSV text already in memory. */
export function readCsvText(text: string, opts: CsvReadOptions = {}): Promise<EventLog> {
  return readCsv(Buffer.from(text, 'utf8'), opts);
}

interface ResolvedColumns {
  caseCol: number;
  activityCol: number;
  timeCol: number;
  resourceCol: number;
  lifecycleCol: number;
  others: { index: number; key: string; caseLevel: boolean }[];
}

function resolve(header: string[], m: CsvMapping, file?: string): ResolvedColumns {
  const find = (role: keyof typeof GUESS, required: boolean): number => {
    const given = m[role];
    const idx =
      given !== undefined ? header.indexOf(given) : header.findIndex((h) => GUESS[role].includes(h.toLowerCase()));
    if (idx < 0 && (required || given !== undefined)) {
      throw new MiningError(
        'bad_csv',
        `no ${role} column${given ? ` "${given}"` : ''} in header [${header.join(', ')}]`,
        { file, row: 1 },
      );
    }
    return idx;
  };
  const caseCol = find('case', true);
  const activityCol = find('activity', true);
  const timeCol = find('timestamp', false);
  const resourceCol = find('resource', false);
  const lifecycleCol = find('lifecycle', false);
  const used = new Set([caseCol, activityCol, timeCol, resourceCol, lifecycleCol]);
  const wanted = m.others ?? 'all';
  const others = header
    .map((h, index) => ({ index, key: h.startsWith('case:') ? h.slice(5) : h, caseLevel: h.startsWith('case:') }))
    .filter(
      (o) => !used.has(o.index) && header[o.index] !== '' && (wanted === 'all' || wanted.includes(header[o.index])),
    );
  return { caseCol, activityCol, timeCol, resourceCol, lifecycleCol, others };
}

function addRow(b: LogBuilder, c: ResolvedColumns, f: string[], where: { file?: string; row: number }): void {
  const caseId = f[c.caseCol]?.trim();
  if (!caseId) throw new MiningError('missing_case_id', 'row has no case id', where);
  const activity = f[c.activityCol]?.trim();
  if (!activity) throw new MiningError('missing_activity', 'row has no activity', where);
  const rawTime = c.timeCol >= 0 ? f[c.timeCol]?.trim() : '';
  const time = rawTime ? parseTimestamp(rawTime, where) : NaN;
  const resource = c.resourceCol >= 0 && f[c.resourceCol] ? f[c.resourceCol] : undefined;
  const lifecycle = c.lifecycleCol >= 0 && f[c.lifecycleCol] ? f[c.lifecycleCol] : undefined;
  const cs = b.caseFor(caseId);
  const r = b.addEvent(cs, activity, time, resource, lifecycle);
  for (const o of c.others) {
    const v = f[o.index];
    if (v === undefined || v === '') continue;
    if (o.caseLevel) b.caseAttr(cs, o.key, 'string', v);
    else b.eventAttr(r, o.key, 'string', v);
  }
}

/**
 * Splits CSV text into rows of fields (RFC 4180 quoting, CRLF or LF), streaming. A row longer than `maxRowChars`
 * is refused (MiningError 'limit_exceeded', as maxTokenBytes).
 */
export async function* csvRows(
  chunks: AsyncIterable<string>,
  delimiter: () => string | undefined,
  maxRowChars = Infinity,
): AsyncGenerator<string[]> {
  let rowChars = 0; // characters of the current row in the chunks before this one
  let sep = delimiter();
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  let quotePending = false;
  for await (const chunk of chunks) {
    sep ??= guessDelimiter(chunk);
    let start = 0;
    let rowStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i];
      if (inQuotes) {
        if (ch !== '"') continue;
        field += chunk.slice(start, i);
        start = i + 1;
        inQuotes = false;
        quotePending = true;
        continue;
      }
      if (ch === '"') {
        if (quotePending) field += '"';
        else field += chunk.slice(start, i);
        start = i + 1;
        inQuotes = true;
        quotePending = false;
      } else if (ch === sep || ch === '\n') {
        fields.push(field + chunk.slice(start, i - (ch === '\n' && chunk[i - 1] === '\r' ? 1 : 0)));
        field = '';
        start = i + 1;
        quotePending = false;
        if (ch === '\n') {
          if (rowChars + i - rowStart > maxRowChars) throw limitExceeded('maxTokenBytes', maxRowChars, 'a row');
          rowChars = 0;
          rowStart = i + 1;
          yield fields;
          fields = [];
        }
      } else quotePending = false;
    }
    rowChars += chunk.length - rowStart;
    if (rowChars > maxRowChars) throw limitExceeded('maxTokenBytes', maxRowChars, 'a row');
    field += chunk.slice(start);
  }
  if (inQuotes) throw new MiningError('bad_csv', 'file ends inside a quoted field');
  if (field.endsWith('\r')) field = field.slice(0, -1);
  if (field !== '' || fields.length) {
    fields.push(field);
    yield fields;
  }
}

function guessDelimiter(text: string): string {
  const line = text.slice(0, text.indexOf('\n') >>> 0);
  const counts = [',', ';', '\t', '|'].map((d) => [d, line.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0][0];
}

import { throwIfAborted } from '../errors.js';
import { JsonTokenizer, type JsonTokenSink } from './json-tokenizer.js';

/** What streamJsonArrays reports and asks. */
export interface JsonArrayHandlers {
  /** Top-level keys whose array value is handed over element by element. */
  arrays: readonly string[];
  /** A streamed array begins (again, when its key repeats: the last one counts, as in JSON.parse). */
  onArray?(key: string): void;
  /** One element of a streamed array, built as JSON.parse would; `at` is its byte offset. */
  onElement(key: string, element: unknown, index: number, at: number): void;
}

/** For each top-level key: whether its value was an array. */
export type TopLevelKinds = Map<string, 'array' | 'other'>;

/**
 * Reads a JSON document whose top level is an object and hands over the elements of the chosen
 * top-level arrays one at a time, so the document is never held whole. Other values are checked
 * but not kept. Malformed JSON is a MiningError('bad_json') with its byte offset.
 */
export async function streamJsonArrays(
  chunks: AsyncIterable<Buffer>,
  handlers: JsonArrayHandlers,
  opts: { file?: string; signal?: AbortSignal } = {},
): Promise<TopLevelKinds> {
  const builder = new ValueBuilder(handlers);
  const tokenizer = new JsonTokenizer(builder, opts.file);
  builder.tokenizer = tokenizer;
  for await (const chunk of chunks) {
    throwIfAborted(opts.signal);
    tokenizer.write(chunk);
  }
  tokenizer.end();
  builder.end();
  return builder.kinds;
}

const OPEN_OBJECT = 0x7b,
  CLOSE_OBJECT = 0x7d,
  OPEN_ARRAY = 0x5b,
  CLOSE_ARRAY = 0x5d,
  COLON = 0x3a;

// What the grammar allows next.
const Expect = { value: 0, valueOrEnd: 1, keyOrEnd: 2, key: 3, colon: 4, commaOrEnd: 5, nothing: 6 } as const;

/** How a container's content is treated: kept (built), streamed (its elements handed over), or only checked. */
const Mode = { keep: 0, stream: 1, check: 2, root: 3 } as const;

interface Frame {
  isObject: boolean;
  mode: number;
  value?: Record<string, unknown> | unknown[];
  key?: string; // the pending key (objects)
  streamKey?: string;
  count: number;
  at: number; // where the value started
}

/** Builds values from tokens and checks the grammar; the streaming decisions live here. */
class ValueBuilder implements JsonTokenSink {
  tokenizer!: JsonTokenizer;
  readonly kinds: TopLevelKinds = new Map();
  private readonly stack: Frame[] = [];
  private expect: number = Expect.value;
  private readonly arrays: Set<string>;

  constructor(private readonly handlers: JsonArrayHandlers) {
    this.arrays = new Set(handlers.arrays);
  }

  punct(c: number, at: number): void {
    const top = this.stack[this.stack.length - 1];
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (this.expect !== Expect.value && this.expect !== Expect.valueOrEnd) this.unexpected(c);
      this.open(c === OPEN_OBJECT, at);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      const closesObject = c === CLOSE_OBJECT;
      const allowed = closesObject
        ? this.expect === Expect.keyOrEnd || this.expect === Expect.commaOrEnd
        : this.expect === Expect.valueOrEnd || this.expect === Expect.commaOrEnd;
      if (!top || top.isObject !== closesObject || !allowed) this.unexpected(c);
      this.stack.pop();
      this.completed(top.value, top.at, true);
    } else if (c === COLON) {
      if (this.expect !== Expect.colon) this.unexpected(c);
      this.expect = Expect.value;
    } else {
      // a comma
      if (this.expect !== Expect.commaOrEnd) this.unexpected(c);
      this.expect = top.isObject ? Expect.key : Expect.value;
    }
  }

  scalar(value: string | number | boolean | null, isString: boolean, at: number): void {
    if (isString && (this.expect === Expect.key || this.expect === Expect.keyOrEnd)) {
      this.stack[this.stack.length - 1].key = value as string;
      this.expect = Expect.colon;
      return;
    }
    if (this.expect !== Expect.value && this.expect !== Expect.valueOrEnd) this.unexpected(isString ? 0x22 : undefined);
    this.completed(value, at, false);
  }

  end(): void {
    if (this.expect !== Expect.nothing)
      this.tokenizer.fail(this.stack.length ? 'input ends inside an object or array' : 'no JSON value');
  }

  private open(isObject: boolean, at: number): void {
    const parent = this.stack[this.stack.length - 1];
    let mode: number = Mode.keep;
    let streamKey: string | undefined;
    if (!parent) mode = isObject ? Mode.root : Mode.check;
    else if (parent.mode === Mode.root) {
      this.kinds.set(parent.key!, isObject ? 'other' : 'array');
      if (!isObject && this.arrays.has(parent.key!)) {
        mode = Mode.stream;
        streamKey = parent.key;
        this.handlers.onArray?.(parent.key!);
      } else mode = Mode.check;
    } else if (parent.mode === Mode.check) mode = Mode.check;
    const value = mode === Mode.keep ? (isObject ? {} : []) : undefined;
    this.stack.push({ isObject, mode, value, streamKey, count: 0, at });
    this.expect = isObject ? Expect.keyOrEnd : Expect.valueOrEnd;
  }

  // A value is complete: store it in its container, hand it over, or end the document.
  private completed(value: unknown, at: number, isContainer: boolean): void {
    const parent = this.stack[this.stack.length - 1];
    this.expect = parent ? Expect.commaOrEnd : Expect.nothing;
    if (!parent) return;
    if (parent.mode === Mode.stream) this.handlers.onElement(parent.streamKey!, value, parent.count++, at);
    else if (parent.mode === Mode.root) {
      if (!isContainer) this.kinds.set(parent.key!, 'other'); // containers were noted when they opened
    } else if (parent.mode === Mode.keep) {
      if (Array.isArray(parent.value)) parent.value.push(value);
      else setOwn(parent.value!, parent.key!, value);
    }
  }

  private unexpected(c: number | undefined): never {
    const what = c === undefined ? 'value' : c === 0x22 ? 'string' : `"${String.fromCharCode(c)}"`;
    const wanted = [
      'a value',
      'a value or "]"',
      'a key or "}"',
      'a key',
      '":"',
      '"," or a closing bracket',
      'the end of the input',
    ][this.expect];
    this.tokenizer.fail(`unexpected ${what}, expected ${wanted}`);
  }
}

/** Like JSON.parse, a "__proto__" key becomes an own property rather than the prototype. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

type TypedArrayCtor<T> = { new (n: number): T };

/** An append-only typed array that doubles its capacity; hot-path storage for log columns. */
export class Growable<T extends Int32Array | Float64Array | Uint32Array> {
  private buf: T;
  length = 0;
  private readonly ctor: TypedArrayCtor<T>;

  constructor(ctor: TypedArrayCtor<T>, capacity = 1024) {
    this.ctor = ctor;
    this.buf = new ctor(capacity);
  }

  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new this.ctor(this.buf.length * 2);
      next.set(this.buf as never);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }

  get(i: number): number {
    return this.buf[i];
  }

  set(i: number, v: number): void {
    this.buf[i] = v;
  }

  /** A right-sized copy holding exactly the pushed values. */
  toArray(): T {
    return this.buf.slice(0, this.length) as T;
  }
}

/**
 * A copy of s that does not share memory with the (large) text it was cut from. Substrings of a
 * parsed chunk keep the whole chunk alive; strings the log stores must not.
 */
export function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Maps strings to dense integer ids and back. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  intern(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.values.length;
      const copy = own(s);
      this.ids.set(copy, id);
      this.values.push(copy);
    }
    return id;
  }

  lookup(s: string): number | undefined {
    return this.ids.get(s);
  }

  get size(): number {
    return this.values.length;
  }
}

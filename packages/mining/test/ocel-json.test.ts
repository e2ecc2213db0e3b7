import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readOcel, writeOcelJson, type OcelLog } from '../src/log/ocel.js';
import { streamJsonArrays } from '../src/log/json-stream.js';
import { MiningError } from '../src/errors.js';
import { fixture, hasShared, shared } from './helpers.js';

/** Yields the bytes in pieces cut at the given offsets. */
async function* pieces(bytes: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let prev = 0;
  for (const p of [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b).concat(bytes.length)) {
    yield bytes.subarray(prev, p);
    prev = p;
  }
}

/** The elements of the top-level array "x" as the streaming reader hands them over. */
async function streamedX(bytes: Buffer, cuts: number[] = []): Promise<unknown[] | 'not an array'> {
  let got: unknown[] = [];
  const kinds = await streamJsonArrays(pieces(bytes, cuts), {
    arrays: ['x'],
    onArray: () => (got = []),
    onElement: (_k, el) => got.push(el),
  });
  return kinds.get('x') === 'array' ? got : 'not an array';
}

const ms = (iso: string) => Date.parse(iso);

describe('OCEL JSON, streamed', () => {
  test('a small hand-written log: keys in any order, escapes, unknown keys, every value type', async () => {
    const ocel = await readOcel(fixture('ocel-small.jsonocel'));
    expect(ocel.events.map((e) => [e.id, e.type, e.time])).toEqual([
      ['e1', 'Opret sag', ms('2024-03-01T08:00:00Z')],
      ['e2', 'Afgør', ms('2024-03-02T08:30:00Z')],
    ]);
    expect(ocel.events[0].attributes).toEqual({ note: 'line one\nline "two" \\ æøå 😀', amount: -125 });
    expect(ocel.events[1].attributes).toEqual({ granted: true, score: 0 });
    expect(ocel.events[0].relationships).toEqual([
      { objectId: 'case-1', qualifier: 'opens' },
      { objectId: 'clerk/7', qualifier: '' },
    ]);
    expect(ocel.events[1].relationships).toEqual([{ objectId: 'case-1', qualifier: '' }]);
    expect(ocel.objects).toEqual([
      {
        id: 'case-1',
        type: 'Sag',
        attributes: [{ name: 'status', time: ms('2024-03-02T08:30:00Z'), value: 'afgjort' }],
        relationships: [],
      },
      { id: 'clerk/7', type: 'Medarbejder', attributes: [], relationships: [] },
    ]);
  });

  test.skipIf(!hasShared)('the OCEL 2.0 specification example (shared copy)', async () => {
    const ocel = await readOcel(shared('ocel20_example.jsonocel'));
    expect(ocel.objects.map((o) => `${o.id}:${o.type}`)).toEqual([
      'R1:Invoice',
      'R2:Invoice',
      'R3:Invoice',
      'P1:Payment',
      'P2:Payment',
      'P3:Payment',
      'PO1:Purchase Order',
      'PO2:Purchase Order',
      'PR1:Purchase Requisition',
    ]);
    expect(ocel.objects[0]).toEqual({
      id: 'R1',
      type: 'Invoice',
      attributes: [{ name: 'is_blocked', time: 0, value: 'No' }],
      relationships: [{ objectId: 'P1', qualifier: 'Payment from invoice' }],
    });
    expect(ocel.events).toHaveLength(13);
    expect(ocel.events[0]).toEqual({
      id: 'e1',
      type: 'Create Purchase Requisition',
      time: ms('2022-01-09T14:00:00Z'),
      attributes: { pr_creator: 'Mike' },
      relationships: [{ objectId: 'PR1', qualifier: 'Regular placement of PR' }],
    });
    expect(ocel.events[12].relationships).toEqual([
      { objectId: 'R3', qualifier: 'Payment for the invoice' },
      { objectId: 'P3', qualifier: 'Payment inserted with identifier' },
    ]);
    // The XML serialisation of the example has the same events and relationships (its times are written in another zone).
    const xml = await readOcel(shared('ocel20_example.xmlocel'));
    const shape = (o: OcelLog) => o.events.map((e) => [e.id, e.type, e.relationships.map((r) => r.objectId)]);
    expect(shape(ocel)).toEqual(shape(xml));
  });

  test('chunk boundaries anywhere (inside strings, escapes, numbers, UTF-8 characters) change nothing', async () => {
    const bytes = readFileSync(fixture('ocel-small.jsonocel'));
    const whole = await readOcel(bytes);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 40 }), async (cuts) => {
        expect(await readOcel(pieces(bytes, cuts))).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  test('the tokenizer builds the same values as JSON.parse', async () => {
    const doc = fc.tuple(fc.jsonValue(), fc.constantFrom('', ' ', '\n\t ', '\r\n'));
    await fc.assert(
      fc.asyncProperty(fc.array(doc, { maxLength: 5 }), fc.array(fc.nat(), { maxLength: 10 }), async (values, cuts) => {
        const text = `{"x": [${values.map(([v, space]) => space + JSON.stringify(v, null, space ? 1 : 0) + space).join(',')}]}`;
        expect(await streamedX(Buffer.from(text), cuts)).toEqual(JSON.parse(text).x);
      }),
      { numRuns: 300 },
    );
  });

  test('broken or truncated JSON is a bad_json error with a byte position, never a hang', async () => {
    const text = readFileSync(fixture('ocel-small.jsonocel'), 'utf8');
    const unit = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      '\\',
      'u',
      '0',
      '-',
      '.',
      'e',
      't',
      'n',
      ' ',
      'ø',
      '\u0001',
      '"x"',
    );
    const edit = fc.record({
      at: fc.nat(),
      cut: fc.nat({ max: 30 }),
      insert: fc.array(unit, { maxLength: 4 }).map((u) => u.join('')),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        async (edits, cuts) => {
          let s = text;
          for (const e of edits) {
            const at = 1 + (e.at % s.length); // keeps the opening "{", so the input is read as JSON
            s = s.slice(0, at) + e.insert + s.slice(at + e.cut);
          }
          const bytes = Buffer.from(s);
          const outcome = await Promise.race([
            readOcel(pieces(bytes, cuts)).then(
              () => 'ok',
              (err: unknown) => err,
            ),
            new Promise((resolve) => setTimeout(() => resolve('hang'), 5000)),
          ]);
          expect(outcome).not.toBe('hang');
          let valid = true;
          try {
            JSON.parse(s);
          } catch {
            valid = false;
          }
          // Broken JSON is never accepted (an element may fail its OCEL checks before the break is reached).
          if (outcome === 'ok') {
            expect(valid).toBe(true);
            return;
          }
          expect(outcome).toBeInstanceOf(MiningError);
          const err = outcome as MiningError;
          expect(['bad_json', 'bad_ocel', 'bad_timestamp']).toContain(err.code);
          if (err.code === 'bad_json') {
            expect(valid).toBe(false);
            expect(err.position.byte).toBeGreaterThanOrEqual(0);
            expect(err.position.byte).toBeLessThanOrEqual(bytes.length);
            expect(err.message).toMatch(/byte \d+/);
          }
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);

  test.each([
    '01',
    '1.',
    '.5',
    '+1',
    '1e',
    '-',
    '1-2',
    'tru',
    'nul',
    'True',
    '[1,]',
    '[,1]',
    '{,}',
    '{"a"}',
    '{"a":}',
    '{"a" 1}',
    '{1: 2}',
    '"\\x"',
    '"\\u12"',
    '"a\tb"',
    '"open',
    "'single'",
    '1 2',
    '{"a": 1}}',
    'NaN',
    '[1 2]',
  ])('rejects %j as JSON.parse does', async (snippet) => {
    const text = `{"x": [${snippet}]}`;
    expect(() => JSON.parse(text)).toThrow();
    const err = await streamedX(Buffer.from(text)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MiningError);
    expect((err as MiningError).code).toBe('bad_json');
  });

  test('accepts the edge cases JSON.parse accepts', async () => {
    const text = '{"x": [-0, 1E+2, 0.5e-3, "\\u0000\\/", {"__proto__": 1, "a": 1, "a": 2}, [], {}, null]}';
    const got = await streamedX(Buffer.from('\uFEFF' + text));
    expect(got).toEqual(JSON.parse(text).x);
    expect(Object.is((got as unknown[])[0], -0)).toBe(true);
    expect(Object.getPrototypeOf((got as object[])[4])).toBe(Object.prototype);
  });

  test('every truncation of a valid document is a bad_json error', async () => {
    const bytes = readFileSync(fixture('ocel-small.jsonocel'));
    const end = bytes.lastIndexOf('}');
    for (let cut = 1; cut <= end; cut++) {
      const err = await readOcel(bytes.subarray(0, cut)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, `cut at ${cut}`).toBeInstanceOf(MiningError);
      expect((err as MiningError).code, `cut at ${cut}`).toBe('bad_json');
    }
  });

  test('an error names the byte where the JSON goes wrong', async () => {
    const text = '{"objects": [],\n "events": [{"id": "e1", "type": "A", "time": "2024-01-01T00:00:00Z"},,2]}';
    const err = await readOcel(Buffer.from(text)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MiningError);
    expect((err as MiningError).code).toBe('bad_json');
    expect((err as MiningError).position).toMatchObject({ byte: text.indexOf(',,') + 1, line: 2 });
  });

  test('elements are read as they arrive: a bad event fails before the input ends', async () => {
    let produced = 0;
    async function* endless() {
      yield Buffer.from('{"objects": [], "events": [{"id": "e1"}');
      for (;;) {
        produced++;
        yield Buffer.from(', {"id": "e", "type": "A", "time": "2024-01-01T00:00:00Z"}');
        await new Promise((r) => setImmediate(r));
      }
    }
    const err = await readOcel(endless()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MiningError);
    expect((err as MiningError).code).toBe('bad_ocel');
    expect((err as MiningError).message).toContain('event 0 lacks id or type');
    expect(produced).toBeLessThan(5);
  });

  test('an endless stream can be cancelled mid-way', async () => {
    const ac = new AbortController();
    let produced = 0;
    async function* endless() {
      yield Buffer.from('{"objects": [], "events": [');
      for (let i = 0; ; i++) {
        produced++;
        yield Buffer.from(
          `{"id": "e${i}", "type": "A", "time": "2024-01-01T00:00:00Z", "relationships": [{"objectId": "o1"}]},`.repeat(
            100,
          ),
        );
        await new Promise((r) => setImmediate(r));
      }
    }
    const err = await readOcel(endless(), {
      signal: ac.signal,
      onProgress: (bytes) => bytes > 500_000 && ac.abort(),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MiningError);
    expect((err as MiningError).code).toBe('aborted');
    expect(produced).toBeGreaterThan(10);
  });

  test('an event attribute named __proto__ is an attribute like any other, read from JSON and from XML', async () => {
    const attributes: Record<string, string | number> = { amount: 3 };
    Object.defineProperty(attributes, '__proto__', {
      value: 'x',
      enumerable: true,
      writable: true,
      configurable: true,
    });
    const ocel: OcelLog = { objects: [], events: [{ id: 'e1', type: 'A', time: 0, attributes, relationships: [] }] };
    const back = await readOcel(Buffer.from(writeOcelJson(ocel)));
    expect(Object.keys(back.events[0].attributes).sort()).toEqual(['__proto__', 'amount']);
    expect(Object.getPrototypeOf(back.events[0].attributes)).toBe(Object.prototype);
    expect(back).toEqual(ocel);
    const xml =
      '<?xml version="1.0"?><log><events><event id="e1" type="A" time="1970-01-01T00:00:00Z"><attributes>' +
      '<attribute name="__proto__">x</attribute></attributes></event></events></log>';
    const fromXml = await readOcel(Buffer.from(xml));
    expect(Object.keys(fromXml.events[0].attributes)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(fromXml.events[0].attributes)).toBe(Object.prototype);
  });

  test('round trip through the OCEL JSON writer', async () => {
    const id = fc.string({ minLength: 1, maxLength: 12 });
    const value = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
      fc.boolean(),
    );
    const time = fc.integer({ min: 0, max: 4_102_444_800_000 });
    const rel = fc.record({ objectId: id, qualifier: fc.string({ maxLength: 8 }) });
    const object = fc.record({
      id,
      type: id,
      attributes: fc.array(fc.record({ name: id, time, value }), { maxLength: 3 }),
      relationships: fc.array(rel, { maxLength: 3 }),
    });
    const event = fc.record({
      id,
      type: id,
      time,
      attributes: fc.dictionary(id, value, { maxKeys: 3 }),
      relationships: fc.array(rel, { maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(object, { maxLength: 6 }),
        fc.array(event, { maxLength: 8 }),
        async (objects, events) => {
          const ocel: OcelLog = { objects, events };
          expect(await readOcel(Buffer.from(writeOcelJson(ocel)))).toEqual(ocel);
        },
      ),
      { numRuns: 150 },
    );
  });
});

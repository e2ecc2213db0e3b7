/**
 * Values an attacker, a broken client or an unlucky copy-paste sends: SQL-ish and HTML/script text, unicode edge
 * cases, NUL bytes, huge strings, numbers at the edges, and values of the wrong type.
 */
import fc from 'fast-check';

export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\r\n',
  "' OR '1'='1",
  "'; DROP TABLE case_file; --",
  '"; SELECT pg_sleep(0); --',
  '\\',
  '%',
  '%00',
  '%zz',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}',
  '../../../etc/passwd',
  '\u0000',
  'a\u0000b',
  '\u0000\u0000\u0000',
  '\uD800',
  'x\uDFFFy',
  '\uFEFF',
  '\u202Eevil',
  'e\u0301\u0301\u0301',
  '😀👨‍👩‍👧‍👦𝕏',
  'Ærø Åbenrå øst',
  '\u0085\u2028\u2029',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
  '0000-01-01',
];

/** A hostile string: a known nasty one, a random one from the whole of unicode, one with NULs, or a long one. */
export function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.constantFrom('\u0000', '\uD800', '\uDC00', '<', "'", '"', '\\', 'a', 'ø'),
        maxLength: 12,
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(10_001, 70_000, 300_000)
        .chain((n) => fc.constantFrom('a', 'ø', '\u0000').map((c) => c.repeat(n))),
    },
  );
}

export function hostileNumber(): fc.Arbitrary<number> {
  return fc.oneof(
    fc.constantFrom(
      -1,
      0,
      -0,
      0.5,
      1e308,
      -1e308,
      2 ** 31,
      2 ** 53 + 2,
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
    ),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
  );
}

/** Any JSON value at all, often of the wrong type for the slot it lands in. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: hostileString() },
    { weight: 2, arbitrary: hostileNumber() },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { __proto__: null, constructor: 'x' }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
}

/** Text that is not JSON, sent as if it were. */
export const MALFORMED_JSON: readonly string[] = [
  '{',
  '{"a":',
  '[1,]',
  "{'single':'quotes'}",
  '{"a":1}{"b":2}',
  'NaN',
  '\u0000',
  '{"a":"\u0000"',
  '\uFEFF{"a":1}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '['.repeat(5000) + ']'.repeat(5000),
  '{"a":' + '['.repeat(20000),
  '1'.repeat(400),
];

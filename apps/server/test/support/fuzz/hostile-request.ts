/**
 * A request to one route with hostile parts: the path parameters, the query string, the body in its many broken
 * forms (malformed JSON, wrong types, unknown fields, huge bodies, the wrong content type, broken multipart), and
 * the headers that say what the body is.
 */
import crypto from 'node:crypto';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { HOSTILE_STRINGS, MALFORMED_JSON, hostileString, hostileValue } from './hostile-values.js';
import { arbitraryFor, jsonSchemaOf, type ShapeOptions } from './schema-arbitrary.js';

export interface FuzzRoute {
  method: string;
  url: string;
  schema?: { body?: unknown; querystring?: unknown; params?: unknown };
}

export interface RequestOptions extends ShapeOptions {
  /** Real values for a path parameter of this route (an id that exists), by parameter name. */
  paramValues(route: FuzzRoute, param: string): readonly string[];
}

/** What the test sends; `describe()` is what fast-check prints for a counterexample. */
export interface HostileRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** Which kind of body this is, for the report. */
  bodyKind: string;
  /** Send it without the CSRF token (the session is still sent). */
  dropCsrf: boolean;
}

/** Percent-encodes every byte but the unreserved ones; unlike encodeURIComponent it takes lone surrogates too. */
export function percentEncode(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function pathParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]).concat(url.endsWith('*') ? ['*'] : []);
}

function paramArb(route: FuzzRoute, name: string, o: RequestOptions): fc.Arbitrary<string> {
  const real = o.paramValues(route, name);
  const choices: { weight: number; arbitrary: fc.Arbitrary<string> }[] = [
    { weight: 2, arbitrary: hostileString().filter((s) => s.length > 0 && s.length < 5000) },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: fc.constantFrom('0', '-1', '99999999999999999999', '2026', '2026-13-45', 'a'.repeat(400), '..', '.'),
    },
  ];
  if (real.length) choices.push({ weight: 6, arbitrary: fc.constantFrom(...real) });
  return fc.oneof(...choices);
}

function buildPath(url: string, values: Record<string, string>): string {
  return url
    .replace(/:([A-Za-z]+)/g, (_m, name: string) => percentEncode(values[name]))
    .replace(/\*$/, () => percentEncode(values['*']).replace(/%2F/g, '/'));
}

function queryArb(route: FuzzRoute, o: RequestOptions): fc.Arbitrary<string> {
  const schema = jsonSchemaOf(route.schema?.querystring);
  const shaped = schema
    ? arbitraryFor(schema, o).map((v) =>
        v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { q: v },
      )
    : fc.dictionary(
        fc.constantFrom('q', 'lang', 'returnTo', 'error', 'sent', 'limit', 'offset', '_csrf', 'unitId', 'from', 'to'),
        hostileValue(),
        { maxKeys: 3 },
      );
  const encoded = shaped.map((obj) => {
    const pairs: string[] = [];
    for (const [k, v] of Object.entries(obj)) {
      for (const item of Array.isArray(v) ? v : [v])
        pairs.push(
          `${percentEncode(k)}=${percentEncode(typeof item === 'string' ? item : (JSON.stringify(item) ?? ''))}`,
        );
    }
    return pairs.join('&');
  });
  const raw = fc.constantFrom(
    '%',
    '%zz',
    'a=%E0%A4%A',
    '&&&=&=',
    'a[b][c]=1',
    'a=1&a=2&a=3',
    '=x',
    '%00=%00',
    'limit=1e400',
    'x=' + 'y'.repeat(9000),
    'q=%ED%A0%80',
    'q=%C0%AF',
    'q=%FF%FE',
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 4, arbitrary: encoded },
    { weight: 1, arbitrary: raw },
  );
}

const json = (value: unknown) => ({ contentType: 'application/json', payload: JSON.stringify(value) ?? 'null' });

function multipart(
  fields: [string, string][],
  files: { field: string; filename: string; contentType: string; content: Buffer }[],
) {
  const boundary = `----fuzz${crypto.randomBytes(6).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of fields)
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType}\r\n\r\n`,
      ),
      f.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { boundary, payload: Buffer.concat(parts) };
}

const FORM_FIELDS = [
  '_csrf',
  'action',
  'idempotencyKey',
  'answer',
  'kind',
  'text',
  'documentId',
  'a.housing',
  'a.marriage-date',
  'expectedVersion',
  'title',
  'documentType',
  'direction',
  'file',
  'document.passport',
  'document.other',
  'other',
];

function multipartArb(): fc.Arbitrary<{ contentType: string; payload: Buffer; kind: string }> {
  const field = fc.tuple(
    fc.oneof(
      fc.constantFrom(...FORM_FIELDS),
      hostileString().map((s) => s.slice(0, 50)),
    ),
    hostileString().map((s) => s.slice(0, 2000)),
  );
  const file = fc.record({
    field: fc.constantFrom(
      'file',
      'document.passport',
      'document.other',
      'other',
      'a.housing',
      ...HOSTILE_STRINGS.slice(0, 8),
    ),
    filename: fc.oneof(
      fc.constantFrom('pas.pdf', '../../x.pdf', '', 'a\u0000.pdf', '<b>.pdf', 'ø'.repeat(300) + '.pdf'),
      hostileString().map((s) => s.slice(0, 300)),
    ),
    contentType: fc.constantFrom(
      'application/pdf',
      'image/png',
      'text/html',
      'application/x-msdownload',
      '',
      'garbage',
    ),
    content: fc.oneof(
      fc.constant(Buffer.from('%PDF-1.4\n%%EOF\n')),
      fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
      fc.constant(Buffer.alloc(0)),
    ),
  });
  const whole = fc.tuple(fc.array(field, { maxLength: 5 }), fc.array(file, { maxLength: 2 }));
  return fc
    .tuple(
      whole,
      fc.constantFrom('whole', 'truncated', 'no-boundary', 'wrong-boundary', 'garbage'),
      fc.double({ min: 0, max: 1, noNaN: true }),
    )
    .map(([[fields, files], how, cut]) => {
      const m = multipart(
        fields.map(([k, v]) => [k.replace(/["\r\n]/g, ''), v]),
        files.map((f) => ({ ...f, filename: f.filename.replace(/["\r\n]/g, '') })),
      );
      const type = `multipart/form-data; boundary=${m.boundary}`;
      switch (how) {
        case 'truncated':
          return {
            contentType: type,
            payload: m.payload.subarray(0, Math.floor(m.payload.length * cut)),
            kind: 'multipart-truncated',
          };
        case 'no-boundary':
          return { contentType: 'multipart/form-data', payload: m.payload, kind: 'multipart-no-boundary' };
        case 'wrong-boundary':
          return {
            contentType: 'multipart/form-data; boundary=elsewhere',
            payload: m.payload,
            kind: 'multipart-wrong-boundary',
          };
        case 'garbage':
          return {
            contentType: type,
            payload: Buffer.from(`--${m.boundary}\r\nContent-Disposition: nonsense\r\n\r\n\u0000\u0000--${m.boundary}`),
            kind: 'multipart-garbage',
          };
        default:
          return { contentType: type, payload: m.payload, kind: 'multipart' };
      }
    });
}

function urlencodedArb(): fc.Arbitrary<string> {
  const pair = fc.tuple(
    fc.oneof(
      fc.constantFrom(...FORM_FIELDS),
      hostileString().map((s) => s.slice(0, 60)),
    ),
    hostileString().map((s) => s.slice(0, 20_000)),
  );
  const encoded = fc
    .array(pair, { maxLength: 6 })
    .map((pairs) => pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&'));
  return fc.oneof(
    encoded,
    fc.constantFrom('%', 'a=%zz', '=&=&', 'a.x=1&a.x=2&a.x=3', '__proto__[x]=1', 'a=' + '%00'.repeat(100)),
  );
}

type Body = { contentType?: string; payload?: string | Buffer; kind: string };

function bodyArb(route: FuzzRoute, o: RequestOptions): fc.Arbitrary<Body> {
  const schema = jsonSchemaOf(route.schema?.body);
  const shaped = schema
    ? arbitraryFor(schema, o)
    : fc.dictionary(
        hostileString().map((s) => s.slice(0, 40)),
        hostileValue(),
        { maxKeys: 4 },
      );
  const contentTypes = fc.constantFrom(
    'text/plain',
    'application/xml',
    'application/octet-stream',
    'text/csv',
    'application/json; charset=utf-16',
    'application/x-www-form-urlencoded; charset=latin1',
    'garbage',
    'application/json, text/html',
    'image/png',
  );
  return fc.oneof(
    { weight: 10, arbitrary: shaped.map((v) => ({ ...json(v), kind: 'shaped-json' })) },
    { weight: 2, arbitrary: hostileValue().map((v) => ({ ...json(v), kind: 'wrong-type-json' })) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(fc.constantFrom(...MALFORMED_JSON), fc.string({ unit: 'binary', maxLength: 40 }))
        .map((p) => ({ contentType: 'application/json', payload: p, kind: 'malformed-json' })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(1.2, 5).map((mb) => ({
        contentType: 'application/json',
        payload: JSON.stringify({ big: 'x'.repeat(mb * 1024 * 1024) }),
        kind: 'huge-json',
      })),
    },
    { weight: 1, arbitrary: fc.constant({ contentType: 'application/json', payload: '', kind: 'empty-json' }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          contentTypes,
          fc.oneof(
            hostileString(),
            shaped.map((v) => JSON.stringify(v) ?? ''),
          ),
        )
        .map(([contentType, payload]) => ({ contentType, payload, kind: 'wrong-content-type' })),
    },
    {
      weight: 2,
      arbitrary: urlencodedArb().map((payload) => ({
        contentType: 'application/x-www-form-urlencoded',
        payload,
        kind: 'urlencoded',
      })),
    },
    {
      weight: 3,
      arbitrary: multipartArb().map((m) => ({ contentType: m.contentType, payload: m.payload, kind: m.kind })),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'no-body' }) },
  );
}

/** Bodies for the portal's forms: urlencoded and multipart first, as a browser sends them. */
function formBodyArb(route: FuzzRoute, o: RequestOptions): fc.Arbitrary<Body> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: urlencodedArb().map((payload) => ({
        contentType: 'application/x-www-form-urlencoded',
        payload,
        kind: 'urlencoded',
      })),
    },
    {
      weight: 4,
      arbitrary: multipartArb().map((m) => ({ contentType: m.contentType, payload: m.payload, kind: m.kind })),
    },
    { weight: 2, arbitrary: bodyArb(route, o) },
  );
}

/** One hostile request to `route`. `form` marks the portal's server-rendered form posts. */
export function hostileRequestArb(
  route: FuzzRoute,
  o: RequestOptions & { form: boolean },
): fc.Arbitrary<HostileRequest> {
  const names = pathParams(route.url);
  const params = fc
    .tuple(...names.map((n) => paramArb(route, n, o)))
    .map((vals) => Object.fromEntries(names.map((n, i) => [n, vals[i]])));
  const body: fc.Arbitrary<Body> = BODY_METHODS.has(route.method)
    ? o.form
      ? formBodyArb(route, o)
      : bodyArb(route, o)
    : fc.constant({ kind: 'no-body' });
  const accept = fc.constantFrom(
    undefined,
    'application/json',
    'text/html',
    '*/*',
    'text/html;q=0.1, application/json',
  );
  const language = fc.option(
    fc.oneof(
      fc.constantFrom('da', 'en', 'sv', 'xx-YY', '*', 'da;q=abc'),
      hostileString().map((s) => s.replace(/[^\x20-\x7e]/g, '').slice(0, 100)),
    ),
    { nil: undefined },
  );
  const dropCsrf = fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
  return fc.record({ params, query: queryArb(route, o), body, accept, language, dropCsrf }).map((r) => {
    const headers: Record<string, string> = {};
    if (r.body.contentType !== undefined) headers['content-type'] = r.body.contentType;
    if (r.accept) headers.accept = r.accept;
    if (r.language) headers['accept-language'] = r.language;
    const path = buildPath(route.url, r.params);
    return {
      method: route.method,
      url: r.query ? `${path}?${r.query}` : path,
      headers,
      payload: r.body.payload,
      bodyKind: r.body.kind,
      dropCsrf: r.dropCsrf,
    };
  });
}

/** The request as app.inject takes it. */
export function toInject(req: HostileRequest): InjectOptions {
  return {
    method: req.method as InjectOptions['method'],
    url: req.url,
    headers: req.headers,
    ...(req.payload !== undefined ? { payload: req.payload } : {}),
  };
}

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, signIn, TEST_PASSWORD } from '../../../test/support/test-auth.js';
import { OpenApiContract, type Exchange, type OpenApiDocument } from '../../../test/support/openapi-contract.js';
import { operationIdFor } from './openapi.js';

type Operation = OpenApiDocument['paths'][string][string];

function operations(doc: OpenApiDocument): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item).map(([m, op]) => [`${m.toUpperCase()} ${p}`, op] as [string, Operation]),
  );
}

/** Redocly CLI's recommended rules over a document: the problems it reports, by rule. */
function redoclyLint(doc: unknown): { totals: { errors: number; warnings: number }; problems: unknown[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-openapi-'));
  try {
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
    const run = spawnSync(process.execPath, [cli, 'lint', file, '--format=json', '--extends=recommended'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    const json = run.stdout.slice(run.stdout.indexOf('{'));
    return JSON.parse(json) as { totals: { errors: number; warnings: number }; problems: unknown[] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const MINI: OpenApiDocument = {
  paths: {
    '/api/things/{id}': {
      get: {
        operationId: 'getThing',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          '200': {
            content: {
              'application/json': {
                schema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
              },
            },
          },
          '404': { $ref: '#/components/responses/NotFound' },
        },
        security: [{ session: [] }],
      },
    },
  },
  components: {
    securitySchemes: { session: { in: 'cookie', name: 'sid' } },
    responses: {
      NotFound: {
        content: {
          'application/json': {
            schema: { type: 'object', properties: { error: { type: 'object' } }, required: ['error'] },
          },
        },
      },
    },
  },
};

const ID = '4f1c1f44-4d0a-4a49-9c2c-7d7b5b0e0a11';
function exchange(o: Partial<Exchange>): Exchange {
  return {
    method: 'GET',
    url: `/api/things/${ID}`,
    requestHeaders: { cookie: 'sid=1' },
    status: 200,
    responseHeaders: { 'content-type': 'application/json; charset=utf-8' },
    responseBody: '{"n":1}',
    ...o,
  };
}

describe('the contract check', () => {
  test('passes an exchange the document describes', () => {
    const c = new OpenApiContract(MINI);
    expect(c.record(exchange({}))).toEqual([]);
    expect(c.record(exchange({ status: 404, responseBody: '{"error":{}}' }))).toEqual([]);
    expect(c.stats.checked).toBe(2);
  });

  test('catches a body that breaks its schema, an undocumented status, media type or operation', () => {
    const c = new OpenApiContract(MINI);
    expect(c.record(exchange({ responseBody: '{"n":"one"}' })).join()).toMatch(/response\/n must be integer/);
    expect(c.record(exchange({ status: 404, responseBody: '{}' })).join()).toMatch(/must have required property/);
    expect(c.record(exchange({ status: 409, responseBody: '{}' })).join()).toMatch(/status 409 is not documented/);
    expect(c.record(exchange({ responseHeaders: { 'content-type': 'text/html' } })).join()).toMatch(/media type/);
    expect(c.record(exchange({ method: 'DELETE' })).join()).toMatch(/no such operation/);
    expect(c.stats.violations).toHaveLength(5);
  });

  test('catches an accepted request the document does not allow', () => {
    const c = new OpenApiContract(MINI);
    expect(c.record(exchange({ url: '/api/things/not-a-uuid' })).join()).toMatch(/must match format "uuid"/);
    expect(c.record(exchange({ requestHeaders: {} })).join()).toMatch(/security/);
    // A refused request is the server doing its job: only the answer is held to the document.
    expect(c.record(exchange({ requestHeaders: {}, status: 404, responseBody: '{"error":{}}' }))).toEqual([]);
  });

  test('names operations after method and path', () => {
    expect(operationIdFor('GET', '/api/cases/:id/documents/:documentId')).toBe('getCasesByIdDocumentsByDocumentId');
    expect(operationIdFor('POST', '/api/auth/me/active-unit')).toBe('postAuthMeActiveUnit');
  });
});

for (const engine of ENGINES) {
  describe(`the served OpenAPI document [${engine}]`, () => {
    const t = useTestApp(engine);

    test('has an id, an error answer and security on every operation, and the one error body', async () => {
      const doc = (await t().app.inject({ method: 'GET', url: '/api/docs/json' })).json() as OpenApiDocument;
      const ops = operations(doc);
      expect(ops.length).toBeGreaterThan(60);
      const ids = ops.map(([, op]) => op.operationId);
      expect(ids.every(Boolean)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      for (const [name, op] of ops) {
        expect(
          Object.keys(op.responses).some((s) => /^4/.test(s)),
          name,
        ).toBe(true);
        expect(op.responses['500'], name).toEqual({ $ref: '#/components/responses/InternalError' });
        expect(op.security, name).toBeDefined();
      }
      const writes = ops.filter(([name, op]) => !name.startsWith('GET') && (op.security ?? []).length > 0);
      for (const [name, op] of writes)
        expect(
          op.security!.every((s) => 'csrf' in s || !('session' in s)),
          name,
        ).toBe(true);
      const login = doc.paths['/api/auth/login']!.post!;
      expect(Object.keys(login.requestBody!.content)).toEqual([
        'application/json',
        'application/x-www-form-urlencoded',
      ]);
      expect(Object.keys(doc.paths['/api/cases/{id}/documents']!.post!.requestBody!.content)).toEqual([
        'multipart/form-data',
      ]);
      expect(Object.keys(doc.paths['/api/auth/logout']!.post!.responses)).toContain('204');
      expect(doc.paths['/api/cases/{id}/documents/{documentId}']!.get!.responses['200']).toMatchObject({
        content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
      });
    });

    test('lists every API route but the document viewer', () => {
      const documented = new Set(
        t()
          .routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD')
          .map((r) => `${String(r.method)} ${r.url.replace(/:(\w+)/g, '{$1}')}`),
      );
      expect(documented.size).toBeGreaterThan(60);
      return t()
        .app.inject({ method: 'GET', url: '/api/docs/json' })
        .then((res) => {
          const listed = new Set(operations(res.json() as OpenApiDocument).map(([name]) => name));
          expect([...documented].filter((r) => !listed.has(r))).toEqual([]);
        });
    });

    test("is clean under Redocly's recommended rules", { timeout: 60_000 }, async () => {
      const doc = (await t().app.inject({ method: 'GET', url: '/api/docs/json' })).json();
      const result = redoclyLint(doc);
      expect(result.problems).toEqual([]);
      expect(result.totals).toMatchObject({ errors: 0, warnings: 0 });
    });

    test('holds a sign-in, reads and writes to the document, and counts what it checked', async () => {
      const { app, database, contract } = t();
      const before = contract.stats.checked;
      const units = await createUnitTree(database.db);
      const admin = await createUser(database.db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const s = await signIn(app, admin.username, TEST_PASSWORD);
      expect((await s.inject({ method: 'GET', url: '/api/units' })).statusCode).toBe(200);
      expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/auth/providers' })).statusCode).toBe(200);
      expect((await s.inject({ method: 'GET', url: '/api/case-types/nothing-here' })).statusCode).toBe(404);
      const bad = await s.inject({ method: 'POST', url: '/api/units', payload: { kind: 'nonsense' } });
      expect(bad.statusCode).toBe(400);
      expect((await s.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
      expect((await app.inject({ method: 'GET', url: '/api/units' })).statusCode).toBe(401);
      // csrf + login + the seven above: each one matched to an operation and checked.
      expect(contract.stats.checked - before).toBeGreaterThanOrEqual(9);
      expect(contract.stats.violations).toEqual([]);
    });
  });
}

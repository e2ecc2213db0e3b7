/**
 * Property-based fuzzing of the whole HTTP surface: every route the built app registers gets hostile requests
 * (path ids, query strings, JSON, forms, multipart, content types) from a signed-in user whose role gets past
 * authorization. The product's rule under test: bad input is a 4xx with the platform's error shape (or, on a
 * portal page, an error page or the form again), never a 500, and a refused request changes nothing stored.
 *
 * Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> FUZZ_RUNS=<n> npx vitest run <this file>.
 * FUZZ_SHRINK=1 makes fast-check shrink a counterexample (slower).
 */
import { ERROR_CODES } from '@sagsgang/contracts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import fc from 'fast-check';
import type { LightMyRequestResponse, RouteOptions } from 'fastify';
import { afterAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/test-database.js';
import { useTestApp } from './support/test-app.js';
import { createUnitTree, createUser, sessionFor, type TestSession } from './support/test-auth.js';
import { definitionFor, makeUnit } from './support/case-factories.js';
import { multipartBody, tinyPdf } from './support/multipart.js';
import { changedTables, fingerprint, type DatabaseFingerprint } from './support/fuzz/db-fingerprint.js';
import { hostileRequestArb, toInject, type FuzzRoute, type HostileRequest } from './support/fuzz/hostile-request.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20260518);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SHRINK = process.env.FUZZ_SHRINK === '1';
// Every code but `internal`: a fuzzed request must never make the server fail.
const CLIENT_ERROR_CODES = ERROR_CODES.filter((code) => code !== 'internal');

const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-fuzz-'));
afterAll(() => fs.rmSync(fileDir, { recursive: true, force: true }));
const housingXml = fs.readFileSync(new URL('./fixtures/navigator/housing-benefit.bpmn', import.meta.url), 'utf8');

/** Each route its own seed, so one route's failure reproduces without running the others. */
function seedFor(route: FuzzRoute): number {
  return (SEED ^ crypto.createHash('sha256').update(`${route.method} ${route.url}`).digest().readInt32BE(0)) | 0;
}

/** One entry per method and path; the HEAD twins Fastify adds for GETs answer like their GET. */
function fuzzRoutes(routes: RouteOptions[]): FuzzRoute[] {
  const seen = new Set<string>();
  const out: FuzzRoute[] = [];
  for (const r of routes) {
    for (const method of [r.method].flat()) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      const key = `${method} ${r.url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ method, url: r.url, schema: r.schema as FuzzRoute['schema'] });
    }
  }
  return out;
}

const isApplicantRoute = (url: string) => /^\/(api\/my\/|ansoeg|mine-sager)/.test(url);
const isPortalForm = (r: FuzzRoute) => r.method === 'POST' && !r.url.startsWith('/api/');

function printable(req: HostileRequest): string {
  const payload = req.payload === undefined ? '' : String(req.payload);
  const shown =
    payload.length > 300
      ? `${JSON.stringify(payload.slice(0, 300))}… (${payload.length} chars)`
      : JSON.stringify(payload);
  return `${req.method} ${req.url.slice(0, 300)} [${req.bodyKind}${req.dropCsrf ? ', no csrf' : ''}] headers=${JSON.stringify(req.headers)} body=${shown}`;
}

/** The response a refused request must give: the JSON error body, or (portal pages) an error page with a heading. */
function expectRefusal(res: LightMyRequestResponse, what: string): void {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('text/html')) {
    expect(res.body, what).toMatch(/<h1>[^<]+<\/h1>/);
    return;
  }
  expect(type, what).toContain('application/json');
  const body = res.json() as { error?: { code?: unknown; message?: unknown }; requestId?: unknown };
  expect(CLIENT_ERROR_CODES, what).toContain(body.error?.code);
  expect(typeof body.error?.message === 'string' && body.error.message.length > 0, what).toBe(true);
  expect(typeof body.requestId, what).toBe('string');
}

for (const engine of ENGINES) {
  describe(`API fuzz: hostile input is refused with a 4xx and loses nothing [${engine}]`, () => {
    const t = useTestApp(engine, { fileDir });

    async function world() {
      const { app, database } = t();
      const db = database.db;
      const units = await createUnitTree(db);
      const spareUnit = await makeUnit(db, units.centreB);
      const everyRole = (['frontline', 'caseworker', 'teamlead', 'quality', 'analyst', 'admin'] as const).map(
        (role) => ({ role, unitId: units.authority }),
      );
      const staffUser = await createUser(db, { grants: everyRole });
      const victim = await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamB1 }] });
      const victimGrant = (
        await db.selectFrom('role_grant').select('id').where('user_id', '=', victim.id).executeTakeFirstOrThrow()
      ).id;
      const applicantUser = await createUser(db, { kind: 'applicant' });
      const staff = await sessionFor(app, db, staffUser.id);
      const applicant = await sessionFor(app, db, applicantUser.id);

      const definition = definitionFor(units.codes.teamA1);
      expect((await staff.inject({ method: 'POST', url: '/api/case-types', payload: definition })).statusCode).toBe(
        201,
      );
      const opened = await staff.inject({
        method: 'POST',
        url: '/api/cases',
        payload: {
          caseTypeCode: definition.code,
          channel: 'digital',
          applicant: { userId: applicantUser.id, name: 'Amira Hansen' },
        },
      });
      expect(opened.statusCode, opened.body).toBe(201);
      const caseId = (opened.json() as { id: string }).id;
      const reference = (
        await db.selectFrom('case_file').select('reference').where('id', '=', caseId).executeTakeFirstOrThrow()
      ).reference;
      const attached = await staff.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/documents`,
        ...multipartBody({ expectedVersion: '1', title: 'Brev', documentType: 'letter', direction: 'outgoing' }, [
          { field: 'file', filename: 'brev.pdf', contentType: 'application/pdf', content: tinyPdf('fuzz') },
        ]),
      });
      expect(attached.statusCode, attached.body).toBe(200);
      const documentId = (attached.json() as { documentId: string }).documentId;
      const model = await staff.inject({
        method: 'POST',
        url: '/api/process-models',
        payload: { name: 'Boligstøtte', bpmnXml: housingXml },
      });
      expect(model.statusCode, model.body).toBe(201);
      const modelId = (model.json() as { id: string }).id;
      const started = await applicant.inject({
        method: 'POST',
        url: `/ansoeg/${definition.code}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: '',
      });
      expect(started.statusCode, started.body).toBe(303);
      const [, applicationId, firstStep] = /\/ansoegning\/([0-9a-f-]{36})\/trin\/([^/?]+)$/.exec(
        String(started.headers.location),
      )!;

      const byParam: Record<string, readonly string[]> = {
        code: [definition.code],
        year: ['2026', '1970', '9999'],
        day: ['2026-12-24', '2026-02-29'],
        version: ['1', '2'],
        elementId: ['screen', 'decide'],
        grantId: [victimGrant],
        reference: [reference],
        step: [firstStep, 'q2', 'documents', 'kontroller'],
        documentId: [documentId],
        caseId: [caseId],
      };
      const paramValues = (route: FuzzRoute, param: string): readonly string[] => {
        if (param !== 'id') return byParam[param] ?? [];
        if (route.url.startsWith('/api/units/')) return [spareUnit.id];
        if (route.url.startsWith('/api/users/')) return [victim.id];
        if (route.url.startsWith('/api/process-models/')) return [modelId];
        if (route.url.startsWith('/ansoegning/')) return [applicationId];
        if (route.url.startsWith('/mine-sager/')) return [documentId];
        if (route.url.startsWith('/auth/oidc/')) return ['test', 'mitid'];
        return [caseId];
      };
      const known = [
        caseId,
        documentId,
        modelId,
        applicationId,
        victim.id,
        applicantUser.id,
        units.teamA1,
        units.teamB1,
        spareUnit.id,
        units.authority,
        definition.code,
        reference,
        'screen',
        '2026-12-24',
      ];
      return { staff, applicant, paramValues, known, staffUserId: staffUser.id };
    }

    test('every route answers hostile requests with a 4xx and the error shape, never a 500, and keeps what is stored', async () => {
      const { app, database, routes } = t();
      const w = await world();
      const all = fuzzRoutes(routes);
      expect(all.length).toBeGreaterThan(60);
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      let baseline: DatabaseFingerprint = await fingerprint(database.db, fileDir);
      let sent = 0;

      for (const route of all) {
        const form = isPortalForm(route);
        const sessionForRun = async (): Promise<TestSession> => {
          if (route.url.startsWith('/api/auth/log')) return sessionFor(app, database.db, w.staffUserId);
          return isApplicantRoute(route.url) || form ? w.applicant : w.staff;
        };
        const arb = hostileRequestArb(route, { known: w.known, paramValues: w.paramValues, form });
        const seed = seedFor(route);
        const result = await fc.check(
          fc.asyncProperty(arb, async (req) => {
            const session = await sessionForRun();
            const options = toInject(req);
            if (req.dropCsrf) options.headers = { ...options.headers, 'x-csrf-token': '' };
            const res = await session.inject(options);
            sent++;
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            const what = `${printable(req)}\n-> ${res.statusCode} ${res.body.slice(0, 400)}`;
            // Without a build of the back office, /app/* is a page that says how to make one (a 503, on purpose).
            if (res.statusCode === 503 && route.url.startsWith('/app') && res.body.includes('not been built')) return;
            expect(res.statusCode, what).toBeLessThan(500);
            if (res.statusCode < 400) {
              baseline = await fingerprint(database.db, fileDir);
              return;
            }
            expectRefusal(res, what);
            const after = await fingerprint(database.db, fileDir);
            expect(changedTables(baseline, after), `a refused request changed what is stored: ${what}`).toEqual([]);
          }),
          { seed, numRuns: RUNS, endOnFailure: !SHRINK },
        );
        if (result.failed) {
          failures.push(
            `${route.method} ${route.url} (seed ${seed}, FUZZ_SEED=${SEED}):\n  ${String(
              (result.errorInstance as Error | undefined)?.message ?? result.errorInstance,
            )
              .split('\n')
              .slice(0, 6)
              .join('\n  ')}`,
          );
          baseline = await fingerprint(database.db, fileDir);
        }
      }
      if (process.env.FUZZ_VERBOSE)
        console.info(
          `fuzzed ${all.length} routes, ${sent} requests; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
        );
      expect(failures, failures.join('\n\n')).toEqual([]);
      expect(sent).toBeGreaterThanOrEqual(all.length * RUNS);
      // Hostile requests must also reach the handlers, not only bounce off the validator.
      expect([...statuses.keys()].filter((s) => s !== 400).length).toBeGreaterThan(4);
    }, 600_000);
  });
}

/**
 * Each input here once made the server answer 500 (found by api-fuzz.db.test.ts). Each is now a 4xx with the
 * platform's error body that says what is wrong, and nothing stored changes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { ENGINES } from './support/test-database.js';
import { useTestApp } from './support/test-app.js';
import { createUnitTree, createUser, sessionFor, type TestSession } from './support/test-auth.js';
import { definitionFor } from './support/case-factories.js';
import { multipartBody } from './support/multipart.js';

const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-hostile-'));
afterAll(() => fs.rmSync(fileDir, { recursive: true, force: true }));
const housingXml = fs.readFileSync(new URL('./fixtures/navigator/housing-benefit.bpmn', import.meta.url), 'utf8');

function expectError(res: LightMyRequestResponse, status: number, code: string, message?: RegExp): void {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { error: { code: string; message: string }; requestId: string };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  if (message) expect(body.error.message).toMatch(message);
  expect(body.requestId).toEqual(expect.any(String));
}

for (const engine of ENGINES) {
  describe(`hostile input that once gave a 500 [${engine}]`, () => {
    const t = useTestApp(engine, { fileDir });
    let staff: TestSession;
    let applicant: TestSession;
    let caseId: string;
    let reference: string;
    let applicationId: string;
    let modelId: string;
    const caseVersion = async () =>
      (
        await t()
          .database.db.selectFrom('case_file')
          .select('version')
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).version;

    beforeAll(async () => {
      const { app, database } = t();
      const db = database.db;
      const units = await createUnitTree(db);
      const grants = (['caseworker', 'teamlead', 'analyst', 'admin'] as const).map((role) => ({
        role,
        unitId: units.authority,
      }));
      staff = await sessionFor(app, db, (await createUser(db, { grants })).id);
      const applicantUser = await createUser(db, { kind: 'applicant' });
      applicant = await sessionFor(app, db, applicantUser.id);
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
      caseId = (opened.json() as { id: string }).id;
      reference = (
        await db.selectFrom('case_file').select('reference').where('id', '=', caseId).executeTakeFirstOrThrow()
      ).reference;
      const started = await applicant.inject({
        method: 'POST',
        url: `/ansoeg/${definition.code}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: '',
      });
      applicationId = /\/ansoegning\/([0-9a-f-]{36})\//.exec(String(started.headers.location))![1];
      modelId = (
        (
          await staff.inject({
            method: 'POST',
            url: '/api/process-models',
            payload: { name: 'Boligstøtte', bpmnXml: housingXml },
          })
        ).json() as { id: string }
      ).id;
    });

    test('a path part longer than the router takes (101 characters) is a 400 with the error body, not a bare 414', async () => {
      expectError(
        await applicant.inject({ method: 'GET', url: `/api/my/cases/${'a'.repeat(101)}` }),
        400,
        'validation',
        /too long/,
      );
    });

    test('a path with broken percent-encoding (%E0%A4%A) is a 400 with the error body', async () => {
      expectError(
        await staff.inject({ method: 'GET', url: '/api/cases/%E0%A4%A' }),
        400,
        'validation',
        /address is not valid/,
      );
    });

    test('NUL characters in a case number (/mine-sager/%00%00%00/dokumenter/<id>) are a 400 naming the parameter', async () => {
      const res = await applicant.inject({ method: 'GET', url: `/mine-sager/%00%00%00/dokumenter/${caseId}` });
      expectError(res, 400, 'validation', /params\.reference: contains a NUL character/);
    });

    test('a NUL character in a JSON field (a note\'s "what": "a\\u0000b") is a 400 naming it, and the case is unchanged', async () => {
      const before = await caseVersion();
      const res = await staff.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/notes`,
        payload: {
          expectedVersion: before,
          kind: 'oral_information',
          who: 'Ansøger',
          when: new Date().toISOString(),
          what: 'a\u0000b',
        },
      });
      expectError(res, 400, 'validation', /body\.what: contains a NUL character/);
      expect(await caseVersion()).toBe(before);
    });

    test('half a surrogate pair in a JSON field (a model description "ø\\udc00") is a 400 naming it, not a 500 from PGlite', async () => {
      const res = await staff.inject({
        method: 'PATCH',
        url: `/api/process-models/${modelId}`,
        headers: { 'content-type': 'application/json' },
        payload: '{"description":"\u00f8\\udc00"}',
      });
      expectError(res, 400, 'validation', /body\.description: contains half of a surrogate pair/);
    });

    test('a NUL character in a multipart form field (answer "a\\u0000b" on /mine-sager/<ref>/svar) is a 400 naming it, with nothing stored', async () => {
      const before = await caseVersion();
      const form = multipartBody({ answer: 'a\u0000b' });
      const res = await applicant.inject({
        method: 'POST',
        url: `/mine-sager/${reference}/svar`,
        headers: form.headers,
        payload: form.payload,
      });
      expectError(res, 400, 'validation', /form\.answer: contains a NUL character/);
      expect(await caseVersion()).toBe(before);
    });

    test('a NUL character in a document title sent with a file is a 400 naming the field, and no file is attached', async () => {
      const before = await caseVersion();
      const form = multipartBody(
        { expectedVersion: String(before), title: 'Brev\u0000', documentType: 'letter', direction: 'outgoing' },
        [
          {
            field: 'file',
            filename: 'brev.pdf',
            contentType: 'application/pdf',
            content: Buffer.from('%PDF-1.4\n%%EOF\n'),
          },
        ],
      );
      const res = await staff.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/documents`,
        headers: form.headers,
        payload: form.payload,
      });
      expectError(res, 400, 'validation', /form\.title: contains a NUL character/);
      expect(await caseVersion()).toBe(before);
    });

    test('a multipart body whose part has no name (Content-Disposition: nonsense) on a document upload is a 400, and nothing is attached', async () => {
      const before = await caseVersion();
      const boundary = '----broken';
      const res = await staff.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/documents`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: `--${boundary}\r\nContent-Disposition: nonsense\r\n\r\n\u0000\u0000--${boundary}`,
      });
      expectError(res, 400, 'validation', /did not arrive in full/);
      expect(await caseVersion()).toBe(before);
    });

    test('a folder of the static files (/static/portal/. and /static/dkfds/css/) is a 404 with the error body', async () => {
      const folder = await applicant.inject({ method: 'GET', url: '/static/portal/.' });
      expectError(folder, 404, 'not_found');
      expectError(await applicant.inject({ method: 'GET', url: '/static/dkfds/css/' }), 404, 'not_found');
      // Not a refusal of access: nothing in the audit log.
      const logged = await t()
        .database.db.selectFrom('audit_log')
        .select('id')
        .where('request_id', '=', folder.json().requestId)
        .execute();
      expect(logged).toEqual([]);
    });

    test('removing a draft document with an id that is no uuid (documentId=%zz) is a 400 naming documentId', async () => {
      const res = await applicant.inject({
        method: 'POST',
        url: `/ansoegning/${applicationId}/dokumenter/fjern`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'documentId=not-a-uuid',
      });
      expectError(res, 400, 'validation', /documentId/);
    });

    test('a model version beyond a database integer (?version=366428752754810) is a 400', async () => {
      expectError(
        await staff.inject({ method: 'GET', url: `/api/process-models/${modelId}?version=366428752754810` }),
        400,
        'validation',
        /version/,
      );
      expectError(
        await staff.inject({
          method: 'PUT',
          url: `/api/process-models/${modelId}/versions/99999999999/tasks/screen`,
          payload: { guidance: 'x' },
        }),
        400,
        'validation',
        /version/,
      );
    });

    test('a date that does not exist (from=2026-02-30, dueDate 2026-02-30, year 0000) is a 400 naming the field', async () => {
      expectError(
        await staff.inject({ method: 'GET', url: '/api/cases/figures?from=2026-02-30' }),
        400,
        'validation',
        /from is not a real date/,
      );
      expectError(
        await staff.inject({ method: 'GET', url: '/api/cases/figures?from=0000-01-01' }),
        400,
        'validation',
        /from is not a real date/,
      );
      const before = await caseVersion();
      const res = await staff.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/information-requests`,
        payload: {
          expectedVersion: before,
          items: [{ text: 'Lejekontrakt' }],
          message: 'Send den.',
          dueDate: '2026-02-30',
        },
      });
      expectError(res, 400, 'validation', /dueDate is not a real date/);
      expect(await caseVersion()).toBe(before);
    });
  });
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUser, sessionFor, type TestSession } from '../../../test/support/test-auth.js';
import {
  applicantPrincipal,
  grantRole,
  makeCaseType,
  makeStaffUser,
  makeUnit,
  principalFor,
} from '../../../test/support/case-factories.js';
import { multipartBody, tinyPdf } from '../../../test/support/multipart.js';
import { startApplication, submitApplication } from '../applications/index.js';
import { requestInformation } from '../cases/index.js';

const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-form-csrf-'));
afterAll(() => fs.rmSync(fileDir, { recursive: true, force: true }));
const filesStored = () =>
  fs.readdirSync(fileDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

/** No form's action carries a token, and in a multipart form the token field comes before every file field. */
function expectTokenInFormsOnly(body: string): void {
  expect(body).toContain('name="_csrf"');
  expect(body).not.toMatch(/action="[^"]*_csrf/);
  for (const form of body.match(/<form[^>]*multipart\/form-data[\s\S]*?<\/form>/g) ?? []) {
    const token = form.indexOf('name="_csrf"');
    expect(token).toBeGreaterThan(-1);
    const file = form.indexOf('type="file"');
    if (file >= 0) expect(token).toBeLessThan(file);
  }
}

for (const engine of ENGINES) {
  describe(`the CSRF token of a multipart form is its first field, never in the URL [${engine}]`, () => {
    const t = useTestApp(engine, { fileDir });
    let s: TestSession;
    let applicationId: string;
    let idempotencyKey: string;
    let applicantId: string;
    let code: string;
    let unitId: string;

    const documents = () => t().database.db.selectFrom('applicant_document').select('id').execute();
    // A browser form: the cookies, no x-csrf-token header.
    const post = (url: string, body: { payload: Buffer; headers: Record<string, string> }) =>
      t().app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: s.cookie } });

    test('the documents step renders its token as the first field and no token in the action', async () => {
      const db = t().database.db;
      const unit = await makeUnit(db);
      unitId = unit.id;
      code = (await makeCaseType(db, unit.code, 'family-reunification')).code;
      applicantId = (await createUser(db, { kind: 'applicant', displayName: 'Amal Haddad' })).id;
      s = await sessionFor(t().app, db, applicantId);
      const draft = await startApplication(db, applicantPrincipal(applicantId), code);
      applicationId = draft.id;
      idempotencyKey = draft.idempotency_key;
      const res = await s.inject({ method: 'GET', url: `/ansoegning/${applicationId}/trin/documents?lang=en` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('enctype="multipart/form-data"');
      expectTokenInFormsOnly(res.body);
    });

    test('an upload without the token field (and no header) is refused 403 and stores nothing', async () => {
      const before = { rows: (await documents()).length, files: filesStored() };
      const pdf = tinyPdf(`no token ${engine}`);
      const file = { field: 'document.passport', filename: 'pas.pdf', contentType: 'application/pdf', content: pdf };
      const url = `/ansoegning/${applicationId}/trin/documents?lang=en`;
      const missing = await post(url, multipartBody({ action: 'continue' }, [file]));
      expect(missing.statusCode).toBe(403);
      expect(missing.json().error).toMatchObject({ code: 'forbidden', details: { reason: 'csrf' } });
      const wrong = await post(url, multipartBody({ _csrf: 'not-the-token', action: 'continue' }, [file]));
      expect(wrong.statusCode).toBe(403);
      // The right token, but after another field: the token must come first.
      const late = await post(url, multipartBody({ action: 'continue', _csrf: s.csrfToken }, [file]));
      expect(late.statusCode).toBe(403);
      // In the address, as forms used to send it: not read from there any more.
      const inUrl = await post(
        `${url}&_csrf=${encodeURIComponent(s.csrfToken)}`,
        multipartBody({ action: 'continue' }, [file]),
      );
      expect(inUrl.statusCode).toBe(403);
      expect((await documents()).length).toBe(before.rows);
      expect(filesStored()).toBe(before.files);
    });

    test('a multipart post without the header to a route that does not read its token from the form is refused', async () => {
      const before = await t().database.db.selectFrom('application').select('id').execute();
      const res = await post(`/ansoeg/${code}`, multipartBody({ _csrf: s.csrfToken }));
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'forbidden', details: { reason: 'csrf' } });
      expect((await t().database.db.selectFrom('application').select('id').execute()).length).toBe(before.length);
    });

    test('an upload with the token as its first field (and no header) is accepted and stored', async () => {
      const before = { rows: (await documents()).length, files: filesStored() };
      const pdf = tinyPdf(`with token ${engine}`);
      const res = await post(
        `/ansoegning/${applicationId}/trin/documents?lang=en`,
        multipartBody({ _csrf: s.csrfToken, action: 'later' }, [
          { field: 'document.passport', filename: 'pas.pdf', contentType: 'application/pdf', content: pdf },
        ]),
      );
      expect(res.statusCode).toBeLessThan(400);
      expect((await documents()).length).toBe(before.rows + 1);
      expect(filesStored()).toBe(before.files + 1);
    });

    test('the case page’s answer form carries its token as a field before the files, not in the action', async () => {
      const db = t().database.db;
      const me = applicantPrincipal(applicantId);
      const sent = await submitApplication(db, me, { applicationId, idempotencyKey });
      const staffId = await makeStaffUser(db);
      await grantRole(db, staffId, 'caseworker', unitId);
      const staff = await principalFor(db, staffId, [{ role: 'caseworker', unitId }]);
      const version = await db
        .selectFrom('case_file')
        .select('version')
        .where('id', '=', sent.caseId)
        .executeTakeFirstOrThrow();
      await requestInformation({ db, actor: staff }, sent.caseId, {
        expectedVersion: version.version,
        items: [{ requirementCode: 'bank-guarantee', text: 'Bankgaranti' }],
        message: 'Send the bank guarantee.',
        dueDate: '2031-01-15',
      });
      const res = await s.inject({ method: 'GET', url: `/mine-sager/${sent.reference}?lang=en` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('type="file"');
      expectTokenInFormsOnly(res.body);
      const refused = await post(
        `/mine-sager/${sent.reference}/svar`,
        multipartBody({ answer: 'Here it is.' }, [
          { field: 'document.bank-guarantee', filename: 'g.pdf', contentType: 'application/pdf', content: tinyPdf() },
        ]),
      );
      expect(refused.statusCode).toBe(403);
      const answered = await post(
        `/mine-sager/${sent.reference}/svar`,
        multipartBody({ _csrf: s.csrfToken, answer: 'Here it is.' }, [
          {
            field: 'document.bank-guarantee',
            filename: 'g.pdf',
            contentType: 'application/pdf',
            content: tinyPdf('g'),
          },
        ]),
      );
      expect(answered.statusCode).toBeLessThan(400);
    });
  });
}

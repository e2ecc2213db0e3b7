import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUser, sessionFor, type TestSession } from '../../../test/support/test-auth.js';
import { makeCaseType, makeUnit } from '../../../test/support/case-factories.js';
import { multipartBody, tinyPdf } from '../../../test/support/multipart.js';

const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-apply-'));
afterAll(() => fs.rmSync(fileDir, { recursive: true, force: true }));
const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

for (const engine of ENGINES) {
  describe(`guided application over HTTP [${engine}]`, () => {
    const t = useTestApp(engine, { fileDir });
    let code: string;
    let applicant: { id: string };
    let s: TestSession;
    let applicationId: string;

    test('the start page lists what is needed, why, and the accepted files', async () => {
      const db = t().database.db;
      const unit = await makeUnit(db);
      code = (await makeCaseType(db, unit.code, 'family-reunification')).code;
      applicant = await createUser(db, { kind: 'applicant', displayName: 'Amal Haddad' });
      await db.updateTable('app_user').set({ email: 'amal@example.dk' }).where('id', '=', applicant.id).execute();
      s = await sessionFor(t().app, db, applicant.id);
      const res = await t().app.inject({ method: 'GET', url: `/ansoeg/${code}?lang=en` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Apply for Family reunification, spouse');
      expect(res.body).toContain('Bank guarantee');
      expect(res.body).toContain('The law requires a financial guarantee.');
      expect(res.body).toContain('File types: PDF, PNG, JPEG. At most 10 MB per file.');
      expect(res.body).toContain('Only if: If you have children under 18');
    });

    test('starting makes a draft and leads to the first step; starting again resumes it', async () => {
      const res = await s.inject({ method: 'POST', url: `/ansoeg/${code}`, ...form({}) });
      expect(res.statusCode).toBe(303);
      const match = /\/ansoegning\/([0-9a-f-]{36})\/trin\/q1$/.exec(res.headers.location as string);
      expect(match).not.toBeNull();
      applicationId = match![1];
      const again = await s.inject({ method: 'POST', url: `/ansoeg/${code}`, ...form({}) });
      expect(again.headers.location).toBe(res.headers.location);
    });

    test('an implausible date is refused inline and the typed answers are kept in the draft', async () => {
      const res = await s.inject({
        method: 'POST',
        url: `/ansoegning/${applicationId}/trin/q1?lang=en`,
        ...form({
          'a.marriage-date': '2031-01-01',
          'a.housing': '3 rooms, 72 m2',
          'a.applies:children': 'no',
          action: 'continue',
        }),
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('class="alert alert-error"');
      expect(res.body).toMatch(/Date of marriage: the date must be between .* and \d+ \w+ \d{4}/);
      expect(res.body).toContain('aria-invalid="true"');
      expect(res.body).toContain('3 rooms, 72 m2');
      const saved = await t()
        .database.db.selectFrom('application')
        .select('answers')
        .where('id', '=', applicationId)
        .executeTakeFirstOrThrow();
      expect(saved.answers.housing).toBe('3 rooms, 72 m2');
    });

    test('a tampered field (a requirement that does not exist) is a 400 that names it', async () => {
      const res = await s.inject({
        method: 'POST',
        url: `/ansoegning/${applicationId}/trin/q1`,
        ...form({ 'a.salary': '1', action: 'continue' }),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('salary');
    });

    test('a valid step moves on to the documents', async () => {
      const res = await s.inject({
        method: 'POST',
        url: `/ansoegning/${applicationId}/trin/q1`,
        ...form({
          'a.marriage-date': '2019-06-14',
          'a.housing': '3 rooms, 72 m2',
          'a.applies:children': 'no',
          action: 'continue',
        }),
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/ansoegning/${applicationId}/trin/documents`);
    });

    test('uploads: a PDF is kept under its hash; a text file named .pdf is refused with the reason and the rest kept', async () => {
      const pdf = tinyPdf('passport');
      const body = multipartBody({ _csrf: s.csrfToken, action: 'continue' }, [
        { field: 'document.passport', filename: 'passport.pdf', contentType: 'application/pdf', content: pdf },
        {
          field: 'document.marriage-certificate',
          filename: 'certificate.pdf',
          contentType: 'application/pdf',
          content: Buffer.from('just text, not a PDF'),
        },
      ]);
      const res = await s.inject({
        method: 'POST',
        url: `/ansoegning/${applicationId}/trin/documents?lang=en`,
        ...body,
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('certificate.pdf was not accepted because the file is not a PDF / PNG / JPEG');
      expect(res.body).toContain('passport.pdf has been received.');
      expect(res.body).toContain('Your other answers and files have been saved.');
      const docs = await t()
        .database.db.selectFrom('applicant_document')
        .selectAll()
        .where('application_id', '=', applicationId)
        .execute();
      expect(docs.map((d) => [d.requirement_code, d.media_type])).toEqual([['passport', 'application/pdf']]);
      expect(fs.existsSync(path.join(fileDir, docs[0].sha256.slice(0, 2), docs[0].sha256))).toBe(true);
    });

    test('a file field for a requirement that does not exist is a 400', async () => {
      const body = multipartBody({ action: 'continue' }, [
        { field: 'document.tax-return', filename: 'x.pdf', contentType: 'application/pdf', content: tinyPdf() },
      ]);
      const res = await s.inject({
        method: 'POST',
        url: `/ansoegning/${applicationId}/trin/documents`,
        ...body,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('tax-return');
    });

    test('a body cut off inside a file is a 400 that names the file; nothing is kept', async () => {
      const before = await t()
        .database.db.selectFrom('applicant_document')
        .select('id')
        .where('application_id', '=', applicationId)
        .execute();
      const body = multipartBody({ action: 'continue' }, [
        {
          field: 'document.passport',
          filename: 'afbrudt.pdf',
          contentType: 'application/pdf',
          content: Buffer.concat([tinyPdf('cut'), Buffer.alloc(9000, 7)]),
        },
      ]);
      const res = await s.inject({
        method: 'POST',
        url: `/ansoegning/${applicationId}/trin/documents`,
        headers: body.headers,
        payload: body.payload.subarray(0, body.payload.length - 5000),
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toContain('afbrudt.pdf did not arrive in full');
      const after = await t()
        .database.db.selectFrom('applicant_document')
        .select('id')
        .where('application_id', '=', applicationId)
        .execute();
      expect(after).toEqual(before);
      expect(fs.existsSync(path.join(fileDir, 'tmp')) ? fs.readdirSync(path.join(fileDir, 'tmp')) : []).toEqual([]);
    });

    test('check your answers names what is still missing', async () => {
      const res = await s.inject({ method: 'GET', url: `/ansoegning/${applicationId}/kontroller?lang=en` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('You can send now, but we are missing');
      expect(res.body).toMatch(/<li>Marriage certificate<\/li>\s*<li>Bank guarantee<\/li>/);
      expect(res.body).toContain('Does not apply to me');
    });

    test('double submission makes one case; the automatic screening and the receipt mail are queued with it', async () => {
      const app = await t()
        .database.db.selectFrom('application')
        .select('idempotency_key')
        .where('id', '=', applicationId)
        .executeTakeFirstOrThrow();
      const send = () =>
        s.inject({
          method: 'POST',
          url: `/ansoegning/${applicationId}/send`,
          ...form({ idempotencyKey: app.idempotency_key }),
        });
      const [a, b] = await Promise.all([send(), send()]);
      expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
      const retry = await send();
      expect(retry.statusCode).toBe(303);
      const db = t().database.db;
      const cases = await db
        .selectFrom('case_file')
        .select(['id', 'reference', 'channel'])
        .where('applicant_id', '=', applicant.id)
        .execute();
      expect(cases).toHaveLength(1);
      const events = await db
        .selectFrom('case_event')
        .select(['activity', 'attributes'])
        .where('case_id', '=', cases[0].id)
        .orderBy('seq')
        .execute();
      expect(events.map((e) => e.activity)).toEqual(['received', 'screened_automatically']);
      expect(events[1].attributes).toMatchObject({
        fullyInformed: false,
        missing: [{ requirementCode: 'marriage-certificate' }, { requirementCode: 'bank-guarantee' }],
      });
      const notes = await db
        .selectFrom('notification')
        .select(['kind', 'status'])
        .where('case_id', '=', cases[0].id)
        .execute();
      expect(notes).toEqual([{ kind: 'receipt', status: 'queued' }]);
      const jobs = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM job WHERE kind = 'notification.send'`.execute(db);
      expect(jobs.rows[0].n).toBeGreaterThanOrEqual(1);
      const receipt = await s.inject({ method: 'GET', url: `/ansoegning/${applicationId}/kvittering?lang=en` });
      expect(receipt.statusCode).toBe(200);
      expect(receipt.body).toContain(`Your case number is ${cases[0].reference}`);
      expect(receipt.body).toContain('We have sent a receipt to amal@example.dk.');
      expect(receipt.body).toMatch(
        /What we are missing<\/h2><ul><li>Marriage certificate<\/li><li>Bank guarantee<\/li>/,
      );
      expect(receipt.body).toContain('Our service goal: a decision by');
    });

    test('a submit form from another application (or a made-up key) is a 400', async () => {
      const res = await s.inject({
        method: 'POST',
        url: `/ansoegning/${applicationId}/send`,
        ...form({ idempotencyKey: '00000000-0000-4000-8000-000000000000' }),
      });
      expect(res.statusCode).toBe(400);
    });

    test('another applicant asking for this application gets a 404, and the attempt is audited as denied', async () => {
      const db = t().database.db;
      const other = await createUser(db, { kind: 'applicant' });
      const os2 = await sessionFor(t().app, db, other.id);
      const res = await os2.inject({ method: 'GET', url: `/ansoegning/${applicationId}/kontroller` });
      expect(res.statusCode).toBe(404);
      const audit = await db
        .selectFrom('audit_log')
        .select(['action', 'entity_type', 'entity_id'])
        .where('actor_user_id', '=', other.id)
        .execute();
      expect(audit).toEqual([{ action: 'denied', entity_type: 'application', entity_id: applicationId }]);
    });

    test('a case type that is not open for applications cannot be applied for (400)', async () => {
      const db = t().database.db;
      const unit = await makeUnit(db);
      const closed = await makeCaseType(db, unit.code, 'job-card');
      await db.updateTable('case_type').set({ active: false }).where('code', '=', closed.code).execute();
      const res = await s.inject({ method: 'POST', url: `/ansoeg/${closed.code}`, ...form({}) });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('not open for applications');
    });
  });
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
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
  submitFamilyReunification,
} from '../../../test/support/case-factories.js';
import { multipartBody, tinyPdf } from '../../../test/support/multipart.js';
import type { Principal } from '../../platform/auth/principal.js';
import { decideCase, requestInformation } from '../cases/index.js';

const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-mycase-'));
afterAll(() => fs.rmSync(fileDir, { recursive: true, force: true }));
const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  payload: new URLSearchParams(fields).toString(),
});

for (const engine of ENGINES) {
  describe(`my case over HTTP [${engine}]`, () => {
    const t = useTestApp(engine, { fileDir });
    let s: TestSession;
    let staff: Principal;
    let reference: string;
    let caseId: string;
    const page = async (query = '?lang=en') =>
      s.inject({ method: 'GET', url: `/mine-sager/${reference}${query}`, headers: { accept: 'text/html' } });
    const version = async () =>
      (
        await t()
          .database.db.selectFrom('case_file')
          .select('version')
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).version;

    test('after sending with a document missing, the case page names it, why it is needed, and the expected date', async () => {
      const db = t().database.db;
      const unit = await makeUnit(db);
      const type = await makeCaseType(db, unit.code, 'family-reunification');
      const staffId = await makeStaffUser(db);
      await grantRole(db, staffId, 'caseworker', unit.id);
      staff = await principalFor(db, staffId, [{ role: 'caseworker', unitId: unit.id }]);
      const applicant = await createUser(db, { kind: 'applicant', displayName: 'Amal Haddad' });
      const me = applicantPrincipal(applicant.id);
      const sent = await submitFamilyReunification(db, me, type.code);
      reference = sent.reference;
      caseId = sent.caseId;
      s = await sessionFor(t().app, db, applicant.id);
      const res = await page();
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`Case number ${reference}`);
      expect(res.body).toMatch(
        /What we need from you<\/h2>\s*<ul><li>Copy of passport<br><span class="form-hint">Why we ask: We must establish your identity.<\/span><\/li>/,
      );
      expect(res.body).toContain('Bank guarantee');
      expect(res.body).toContain('Our service goal: a decision by');
      expect(res.body).toContain('We have not yet decided enough similar cases');
      expect(res.body).toContain('<li aria-current="step"><strong>Received</strong>');
    });

    test('the list of my cases shows it with its status', async () => {
      const res = await s.inject({ method: 'GET', url: '/mine-sager?lang=en' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`/mine-sager/${reference}`);
      expect(res.body).toContain('Received');
    });

    test('an information request shows on the page; a refused file keeps the written answer and sends nothing', async () => {
      const db = t().database.db;
      await requestInformation({ db, actor: staff }, caseId, {
        expectedVersion: await version(),
        items: [{ requirementCode: 'bank-guarantee', text: 'Bankgaranti' }],
        message: 'Send the bank guarantee.',
        dueDate: '2031-01-15',
      });
      const res = await page();
      expect(res.body).toContain('We have asked you for more information');
      expect(res.body).toContain('Please answer by 15 January 2031.');
      expect(res.body).toContain('Our processing time is paused until we have your answer.');
      const body = multipartBody({ _csrf: s.csrfToken, answer: 'Here it is.' }, [
        {
          field: 'document.bank-guarantee',
          filename: 'guarantee.pdf',
          contentType: 'application/pdf',
          content: Buffer.from('<html>not a pdf</html>'),
        },
      ]);
      const refused = await s.inject({
        method: 'POST',
        url: `/mine-sager/${reference}/svar?lang=en`,
        ...body,
      });
      expect(refused.statusCode).toBe(200);
      expect(refused.body).toContain('guarantee.pdf was not accepted because the file is not a PDF / PNG / JPEG');
      expect(refused.body).toContain('>Here it is.</textarea>');
      expect(
        (await db.selectFrom('case_file').select('state').where('id', '=', caseId).executeTakeFirstOrThrow()).state,
      ).toBe('awaiting_applicant');
    });

    test('an answer whose file is cut off by the end of the request is a 400; the case still awaits the answer', async () => {
      const db = t().database.db;
      const body = multipartBody({ _csrf: s.csrfToken, answer: 'Here it is.' }, [
        {
          field: 'document.bank-guarantee',
          filename: 'guarantee.pdf',
          contentType: 'application/pdf',
          content: Buffer.concat([tinyPdf('cut'), Buffer.alloc(9000, 7)]),
        },
      ]);
      const res = await s.inject({
        method: 'POST',
        url: `/mine-sager/${reference}/svar`,
        headers: body.headers,
        payload: body.payload.subarray(0, body.payload.length - 5000),
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toContain('guarantee.pdf did not arrive in full');
      expect(
        (await db.selectFrom('case_file').select('state').where('id', '=', caseId).executeTakeFirstOrThrow()).state,
      ).toBe('awaiting_applicant');
    });

    test('answering with the document resumes the clock and records the case fully informed', async () => {
      const db = t().database.db;
      const body = multipartBody({ _csrf: s.csrfToken, answer: 'Here it is.' }, [
        {
          field: 'document.bank-guarantee',
          filename: 'guarantee.pdf',
          contentType: 'application/pdf',
          content: tinyPdf('guarantee'),
        },
      ]);
      const res = await s.inject({
        method: 'POST',
        url: `/mine-sager/${reference}/svar`,
        ...body,
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/mine-sager/${reference}?sent=answer`);
      const c = await db.selectFrom('case_file').select('state').where('id', '=', caseId).executeTakeFirstOrThrow();
      expect(c.state).toBe('in_progress');
      const last = await db
        .selectFrom('case_event')
        .select(['activity', 'attributes'])
        .where('case_id', '=', caseId)
        .orderBy('seq', 'desc')
        .limit(2)
        .execute();
      expect(last.map((e) => e.activity)).toEqual(['information_received', 'document_added']);
      expect(last[0].attributes).toMatchObject({ fullyInformed: true });
      const clock = await db
        .selectFrom('case_clock')
        .select(['paused_since', 'paused_days'])
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(clock.paused_since).toBeNull();
      const after = await page('?lang=en&sent=answer');
      expect(after.body).toContain('We have received your answer, and the processing time runs again.');
      expect(after.body).toContain('guarantee.pdf');
    });

    test('a complaint about the procedure is stored; a decision complaint before the decision or a made-up kind is refused', async () => {
      const db = t().database.db;
      const ok = await s.inject({
        method: 'POST',
        url: `/mine-sager/${reference}/klage`,
        ...form({ kind: 'procedure', text: 'It takes too long.' }),
      });
      expect(ok.statusCode).toBe(303);
      const rows = await db.selectFrom('complaint').select(['kind', 'text']).where('case_id', '=', caseId).execute();
      expect(rows).toEqual([{ kind: 'procedure', text: 'It takes too long.' }]);
      const early = await s.inject({
        method: 'POST',
        url: `/mine-sager/${reference}/klage`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'kind=decision&text=No',
      });
      expect(early.statusCode).toBe(400);
      const bogus = await s.inject({
        method: 'POST',
        url: `/mine-sager/${reference}/klage`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'kind=everything&text=No',
      });
      expect(bogus.statusCode).toBe(400);
      const empty = await s.inject({
        method: 'POST',
        url: `/mine-sager/${reference}/klage?lang=en`,
        ...form({ kind: 'procedure', text: ' ' }),
      });
      expect(empty.statusCode).toBe(200);
      expect(empty.body).toContain('Write what you are complaining about.');
    });

    test('the decision shows with its reasons, the rules and the appeal guidance with its last date', async () => {
      const db = t().database.db;
      await decideCase({ db, actor: staff }, caseId, {
        expectedVersion: await version(),
        outcome: 'refused',
        reasons: 'The housing requirement is not met.',
        legalRules: ['Udlændingelovens § 9, stk. 1, nr. 1'],
        appealGuidance: 'You can appeal within 8 weeks.',
      });
      const res = await page();
      expect(res.body).toContain('Your application has been refused.');
      expect(res.body).toContain('The housing requirement is not met.');
      expect(res.body).toContain('<li>Udlændingelovens § 9, stk. 1, nr. 1</li>');
      expect(res.body).toContain('You can appeal within 8 weeks.');
      expect(res.body).toMatch(/We must receive your appeal by \d+ \w+ \d{4}\./);
      expect(res.body).not.toContain('id="answer"');
    });

    test('access to the file: a zip with the journal and the documents, recorded as an export', async () => {
      const db = t().database.db;
      const res = await s.inject({ method: 'POST', url: `/mine-sager/${reference}/aktindsigt?lang=en`, ...form({}) });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      const files = unzipSync(new Uint8Array(res.rawPayload));
      const names = Object.keys(files).sort();
      expect(names).toEqual(['dokumenter/01-guarantee.pdf', 'journal.html']);
      expect(Buffer.from(files['dokumenter/01-guarantee.pdf']).equals(tinyPdf('guarantee'))).toBe(true);
      const journal = strFromU8(files['journal.html']);
      expect(journal).toContain(`Journal of case ${reference}`);
      expect(journal).toContain('We asked you for more information');
      expect(journal).toContain('The housing requirement is not met.');
      const audit = await db
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('action', '=', 'export')
        .where('entity_id', '=', caseId)
        .execute();
      expect(audit).toHaveLength(1);
    });

    test('another applicant asking for this case number gets a 404 like a missing case, and it is audited as denied', async () => {
      const db = t().database.db;
      const other = await createUser(db, { kind: 'applicant' });
      const os2 = await sessionFor(t().app, db, other.id);
      const res = await os2.inject({
        method: 'GET',
        url: `/mine-sager/${reference}`,
        headers: { accept: 'text/html' },
      });
      const missing = await os2.inject({
        method: 'GET',
        url: '/mine-sager/SAG-1999-000000',
        headers: { accept: 'text/html' },
      });
      expect(res.statusCode).toBe(404);
      expect(missing.statusCode).toBe(404);
      // The same page apart from the address itself (the language links repeat it) and the form tokens.
      const strip = (body: string, ref: string) => body.replaceAll(ref, 'REF').replace(/value="[^"]*"/g, '');
      expect(strip(res.body, reference)).toBe(strip(missing.body, 'SAG-1999-000000'));
      const zip = await os2.inject({ method: 'POST', url: `/mine-sager/${reference}/aktindsigt`, ...form({}) });
      expect(zip.statusCode).toBe(404);
      const audit = await db
        .selectFrom('audit_log')
        .select(['action', 'entity_type', 'entity_id'])
        .where('actor_user_id', '=', other.id)
        .execute();
      expect(audit).toEqual([
        { action: 'denied', entity_type: 'case', entity_id: caseId },
        { action: 'denied', entity_type: 'case', entity_id: caseId },
      ]);
    });
  });
}

import crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUser, sessionFor, type TestSession } from '../../../test/support/test-auth.js';
import { applicantPrincipal, definitionFor, makeUnit } from '../../../test/support/case-factories.js';
import { multipartBody, tinyPdf } from '../../../test/support/multipart.js';
import { STORE_KINDS, useStoreUnderTest } from '../../../test/support/s3-test-server.js';
import { startApplication, submitApplication } from '../applications/index.js';
import { publishCaseType } from '../case-types/index.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(32)]);
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

for (const [kind, engine] of STORE_KINDS.flatMap((k) => ENGINES.map((e) => [k, e] as const))) {
  describe(`portal uploads refused after they were stored leave no file [${kind}, ${engine}]`, () => {
    const store = useStoreUnderTest(kind, `portal-discard-${engine}`);
    const t = useTestApp(engine, () => store().config);
    const stored = (b: Buffer) => store().has(sha(b));
    let s: TestSession;
    let code: string;
    let applicantId: string;

    test('a PDF for a requirement that takes only PNG is refused on the draft, and its stored file is gone', async () => {
      const db = t().database.db;
      const unit = await makeUnit(db);
      const definition = definitionFor(unit.code, 'family-reunification');
      const passport = definition.requirements.find((r) => r.code === 'passport')!;
      passport.files = { acceptedTypes: ['image/png'], maxBytes: 1024 * 1024 };
      code = (await publishCaseType(db, definition, null)).code;
      applicantId = (await createUser(db, { kind: 'applicant', displayName: 'Amal Haddad' })).id;
      s = await sessionFor(t().app, db, applicantId);
      const draft = await startApplication(db, applicantPrincipal(applicantId), code);

      const pdf = tinyPdf(`passport as PDF ${engine}`);
      const body = multipartBody({ _csrf: s.csrfToken, action: 'continue' }, [
        { field: 'document.passport', filename: 'pas.pdf', contentType: 'application/pdf', content: pdf },
      ]);
      const res = await s.inject({
        method: 'POST',
        url: `/ansoegning/${draft.id}/trin/documents?lang=en`,
        ...body,
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('pas.pdf was not accepted');
      expect(
        await db.selectFrom('applicant_document').select('id').where('application_id', '=', draft.id).execute(),
      ).toEqual([]);
      expect(await stored(pdf)).toBe(false);

      const png = Buffer.concat([PNG, Buffer.from(engine)]);
      const ok = multipartBody({ _csrf: s.csrfToken, action: 'continue' }, [
        { field: 'document.passport', filename: 'pas.png', contentType: 'image/png', content: png },
      ]);
      const accepted = await s.inject({
        method: 'POST',
        url: `/ansoegning/${draft.id}/trin/documents?lang=en`,
        ...ok,
      });
      expect(accepted.statusCode).toBeLessThan(400);
      expect(await stored(png)).toBe(true);
      await submitApplication(db, applicantPrincipal(applicantId), {
        applicationId: draft.id,
        idempotencyKey: draft.idempotency_key,
      });
    });

    test('an answer on the case: the refused file is discarded, the accepted one kept; a form refused outright keeps none', async () => {
      const db = t().database.db;
      const { reference } = await db
        .selectFrom('case_file')
        .select('reference')
        .where('applicant_id', '=', applicantId)
        .executeTakeFirstOrThrow();
      const refusedPdf = tinyPdf(`passport again as PDF ${engine}`);
      const letter = tinyPdf(`a letter ${engine}`);
      const body = multipartBody({ _csrf: s.csrfToken, answer: 'Se vedhæftet.' }, [
        { field: 'document.passport', filename: 'pas.pdf', contentType: 'application/pdf', content: refusedPdf },
        { field: 'document.other', filename: 'brev.pdf', contentType: 'application/pdf', content: letter },
      ]);
      const res = await s.inject({
        method: 'POST',
        url: `/mine-sager/${reference}/svar?lang=en`,
        ...body,
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('pas.pdf was not accepted');
      expect(await stored(refusedPdf)).toBe(false);
      expect(await stored(letter)).toBe(true);

      const stray = tinyPdf(`sent with a tampered form ${engine}`);
      const tampered = multipartBody({ _csrf: s.csrfToken, answer: 'x', extra: 'y' }, [
        { field: 'document.other', filename: 'x.pdf', contentType: 'application/pdf', content: stray },
      ]);
      const bad = await s.inject({
        method: 'POST',
        url: `/mine-sager/${reference}/svar`,
        ...tampered,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('extra');
      expect(await stored(stray)).toBe(false);
    });
  });
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { unzipSync } from 'fflate';
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
import { tinyPdf } from '../../../test/support/multipart.js';
import type { Principal } from '../../platform/auth/principal.js';
import { storeUpload } from '../../platform/files/file-store.js';
import { fileStoreOf } from '../../platform/files/file-references.js';
import { recordDraftUpload, startApplication, submitApplication } from '../applications/index.js';
import { attachDocument } from '../cases/index.js';

const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-mycase-docs-'));
afterAll(() => fs.rmSync(fileDir, { recursive: true, force: true }));
const html = { accept: 'text/html' };

for (const engine of ENGINES) {
  describe(`the applicant's documents on "my case" [${engine}]`, () => {
    const t = useTestApp(engine, { fileDir });
    let staff: Principal;
    let caseTypeCode: string;
    let mine: { id: string; reference: string; session: TestSession; userId: string };
    let theirs: { id: string; reference: string; session: TestSession; userId: string };
    const ids: Record<'passport' | 'letter' | 'memo', string> = { passport: '', letter: '', memo: '' };
    const letter = tinyPdf(`letter to the applicant ${engine} ${crypto.randomUUID()}`);
    let letterRequestId = '';

    async function applicantWithCase(name: string) {
      const db = t().database.db;
      const user = await createUser(db, { kind: 'applicant', displayName: name });
      const me = applicantPrincipal(user.id);
      const draft = await startApplication(db, me, caseTypeCode);
      const stored = await storeUpload(fileDir, Readable.from([tinyPdf(`passport of ${name} ${engine}`)]), () => false);
      await recordDraftUpload(db, me, {
        applicationId: draft.id,
        requirementCode: 'passport',
        fileName: 'pas.pdf',
        stored,
      });
      const sent = await submitApplication(db, me, { applicationId: draft.id, idempotencyKey: draft.idempotency_key });
      return {
        id: sent.caseId,
        reference: sent.reference,
        userId: user.id,
        session: await sessionFor(t().app, db, user.id),
      };
    }

    async function attach(
      caseId: string,
      o: { title: string; direction: 'outgoing' | 'internal'; name: string; content: Buffer },
    ) {
      const db = t().database.db;
      const { version } = await db
        .selectFrom('case_file')
        .select('version')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      const r = await attachDocument({ db, actor: staff, files: fileStoreOf(t().ctx) }, caseId, {
        expectedVersion: version,
        title: o.title,
        documentType: 'letter',
        direction: o.direction,
        file: { fileName: o.name, content: Readable.from([o.content]), isTruncated: () => false },
      });
      return r.documentId!;
    }

    test("the page lists the applicant's own upload and the letter sent to them, each with a link, and no internal memo", async () => {
      const db = t().database.db;
      const unit = await makeUnit(db);
      caseTypeCode = (await makeCaseType(db, unit.code, 'family-reunification')).code;
      const staffId = await makeStaffUser(db, 'Karin Caseworker');
      await grantRole(db, staffId, 'caseworker', unit.id);
      staff = await principalFor(db, staffId, [{ role: 'caseworker', unitId: unit.id }]);
      mine = await applicantWithCase('Amal Haddad');
      theirs = await applicantWithCase('Bo Berg');
      ids.letter = await attach(mine.id, {
        title: 'Brev om partshøring',
        direction: 'outgoing',
        name: 'partshøring.pdf',
        content: letter,
      });
      ids.memo = await attach(mine.id, {
        title: 'Internt notat',
        direction: 'internal',
        name: 'notat.pdf',
        content: tinyPdf(`memo ${engine}`),
      });
      ids.passport = (
        await db
          .selectFrom('case_document')
          .select('id')
          .where('case_id', '=', mine.id)
          .where('source', '=', 'application')
          .executeTakeFirstOrThrow()
      ).id;

      const res = await mine.session.inject({
        method: 'GET',
        url: `/mine-sager/${mine.reference}?lang=en`,
        headers: html,
      });
      expect(res.statusCode).toBe(200);
      const section = res.body.slice(res.body.indexOf('id="documents-heading"'));
      expect(section).toContain(`<a href="/mine-sager/${mine.reference}/dokumenter/${ids.passport}">pas.pdf</a>`);
      expect(section).toContain(
        `<a href="/mine-sager/${mine.reference}/dokumenter/${ids.letter}">Brev om partshøring</a>`,
      );
      expect(section).toMatch(/Brev om partshøring<\/a> \([^)]*\)<\/td><td>[^<]+<\/td><td>Us<\/td>/);
      expect(res.body).not.toContain('Internt notat');
      expect(res.body).not.toContain(ids.memo);
    });

    test('the applicant downloads the letter sent to them: the stored bytes, as an attachment, not sniffed', async () => {
      const res = await mine.session.inject({
        method: 'GET',
        url: `/mine-sager/${mine.reference}/dokumenter/${ids.letter}`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(letter)).toBe(true);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="partsh_ring.pdf"; filename*=UTF-8''partsh%C3%B8ring.pdf`,
      );
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      letterRequestId = res.headers['x-request-id'] as string;
    });

    test('each download by the applicant, of their own upload or a letter sent to them, is audited as a read of their data', async () => {
      const db = t().database.db;
      const own = await mine.session.inject({
        method: 'GET',
        url: `/mine-sager/${mine.reference}/dokumenter/${ids.passport}`,
      });
      expect(own.statusCode).toBe(200);
      const audit = await db
        .selectFrom('audit_log')
        .select([
          'action',
          'actor_user_id',
          'subject_user_id',
          'entity_type',
          'entity_id',
          'purpose',
          'request_id',
          'details',
        ])
        .where('actor_user_id', '=', mine.userId)
        .where('action', '=', 'read')
        .orderBy('id')
        .execute();
      const read = (entityId: string, requestId: string) => ({
        action: 'read',
        actor_user_id: mine.userId,
        subject_user_id: mine.userId,
        entity_type: 'case_document',
        entity_id: entityId,
        purpose: 'Access to own case document',
        request_id: requestId,
        details: { caseId: mine.id },
      });
      expect(letterRequestId).not.toBe('');
      expect(audit).toEqual([
        read(ids.letter, letterRequestId),
        read(ids.passport, own.headers['x-request-id'] as string),
      ]);
    });

    test('access to the file includes the letter sent to the applicant', async () => {
      const res = await mine.session.inject({
        method: 'POST',
        url: `/mine-sager/${mine.reference}/aktindsigt`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: '',
      });
      expect(res.statusCode).toBe(200);
      const files = unzipSync(new Uint8Array(res.rawPayload));
      expect(Object.keys(files).sort()).toEqual([
        'dokumenter/01-pas.pdf',
        'dokumenter/02-partshøring.pdf',
        'journal.html',
      ]);
      expect(Buffer.from(files['dokumenter/02-partshøring.pdf']).equals(letter)).toBe(true);
    });

    test('another applicant never gets the document: a 404 like a missing one, and every attempt is audited', async () => {
      const db = t().database.db;
      const get = (s: TestSession, reference: string, id: string) =>
        s.inject({ method: 'GET', url: `/mine-sager/${reference}/dokumenter/${id}`, headers: html });
      const viaTheirCase = await get(theirs.session, mine.reference, ids.letter);
      const viaOwnCase = await get(theirs.session, theirs.reference, ids.letter);
      const missing = await get(theirs.session, theirs.reference, crypto.randomUUID());
      const notAnId = await get(theirs.session, theirs.reference, 'not-an-id');
      for (const res of [viaTheirCase, viaOwnCase, missing, notAnId]) expect(res.statusCode).toBe(404);
      const strip = (body: string) =>
        body
          .replace(/value="[^"]*"/g, '')
          .replace(/\/mine-sager\/[^"?]+/g, 'URL')
          .replace(/lang=[a-z]+[^"]*/g, '');
      expect(strip(viaOwnCase.body)).toBe(strip(missing.body));
      expect(viaOwnCase.body).not.toContain('Brev om partshøring');
      const audit = await db
        .selectFrom('audit_log')
        .select(['action', 'entity_type', 'entity_id', 'subject_user_id'])
        .where('actor_user_id', '=', theirs.userId)
        .orderBy('id')
        .execute();
      expect(audit).toEqual([
        { action: 'denied', entity_type: 'case', entity_id: mine.id, subject_user_id: mine.userId },
        { action: 'denied', entity_type: 'case_document', entity_id: ids.letter, subject_user_id: mine.userId },
      ]);
      const reads = await db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'read')
        .where('actor_user_id', '=', theirs.userId)
        .execute();
      expect(reads).toEqual([]);
    });

    test("the applicant's own internal-memo guess is a 404 too, and audited", async () => {
      const db = t().database.db;
      const res = await mine.session.inject({
        method: 'GET',
        url: `/mine-sager/${mine.reference}/dokumenter/${ids.memo}`,
        headers: html,
      });
      expect(res.statusCode).toBe(404);
      const audit = await db
        .selectFrom('audit_log')
        .select(['action', 'entity_type', 'entity_id'])
        .where('actor_user_id', '=', mine.userId)
        .where('action', '=', 'denied')
        .execute();
      expect(audit).toEqual([{ action: 'denied', entity_type: 'case_document', entity_id: ids.memo }]);
    });
  });
}

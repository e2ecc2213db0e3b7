import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, sessionFor, type TestSession } from '../../../test/support/test-auth.js';
import { applicantPrincipal, definitionFor, principalFor } from '../../../test/support/case-factories.js';
import { multipartBody, tinyPdf } from '../../../test/support/multipart.js';
import { storedPath, storeUpload } from '../../platform/files/file-store.js';
import { recordDraftUpload, sendInformation, startApplication, submitApplication } from '../applications/index.js';
import { requestInformation } from './index.js';

const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-case-docs-'));
afterAll(() => fs.rmSync(fileDir, { recursive: true, force: true }));

/** Every file kept in the store (the tmp folder of uploads in flight left out). */
function storedFiles(): string[] {
  if (!fs.existsSync(fileDir)) return [];
  return fs
    .readdirSync(fileDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.parentPath.endsWith(`${path.sep}tmp`))
    .map((e) => e.name)
    .sort();
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(64)]);

for (const engine of ENGINES) {
  describe(`case documents over HTTP [${engine}]`, () => {
    const t = useTestApp(engine, { fileDir });

    async function world() {
      const db = t().database.db;
      const units = await createUnitTree(db);
      const admin = await createUser(db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const worker = await createUser(db, {
        displayName: 'Karin Caseworker',
        grants: [{ role: 'caseworker', unitId: units.teamA1 }],
      });
      const outsider = await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamB1 }] });
      const quality = await createUser(db, { grants: [{ role: 'quality', unitId: units.authority }] });
      const applicant = await createUser(db, { kind: 'applicant', displayName: 'Amal Haddad' });
      const s = async (id: string) => sessionFor(t().app, db, id);
      const definition = definitionFor(units.codes.teamA1);
      expect(
        (await (await s(admin.id)).inject({ method: 'POST', url: '/api/case-types', payload: definition })).statusCode,
      ).toBe(201);
      const staff = await principalFor(db, worker.id, [{ role: 'caseworker', unitId: units.teamA1 }]);
      return {
        db,
        units,
        definition,
        staff,
        applicantId: applicant.id,
        admin: await s(admin.id),
        worker: await s(worker.id),
        outsider: await s(outsider.id),
        quality: await s(quality.id),
        applicant: await s(applicant.id),
      };
    }
    type World = Awaited<ReturnType<typeof world>>;

    /** The applicant applies through the portal's use cases with their passport attached; returns the case. */
    async function applyWithPassport(w: World, passport: Buffer) {
      const me = applicantPrincipal(w.applicantId);
      const draft = await startApplication(w.db, me, w.definition.code);
      const stored = await storeUpload(fileDir, Readable.from([passport]), () => false);
      const upload = await recordDraftUpload(w.db, me, {
        applicationId: draft.id,
        requirementCode: 'passport',
        fileName: 'pas.pdf',
        stored,
      });
      expect(upload.findings).toEqual([]);
      const sent = await submitApplication(w.db, me, {
        applicationId: draft.id,
        idempotencyKey: draft.idempotency_key,
      });
      return { id: sent.caseId, reference: sent.reference };
    }

    const version = async (w: World, caseId: string) =>
      (await w.db.selectFrom('case_file').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version;

    function attach(
      session: TestSession,
      caseId: string,
      fields: Record<string, string>,
      file?: { name: string; content: Buffer; type?: string },
    ) {
      const body = multipartBody(
        fields,
        file
          ? [{ field: 'file', filename: file.name, contentType: file.type ?? 'application/pdf', content: file.content }]
          : [],
      );
      return session.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, ...body });
    }

    /** An upload whose request ends in the middle of the file, as when the connection drops. */
    function cutUpload(session: TestSession, caseId: string, fields: Record<string, string>) {
      const body = multipartBody(fields, [
        {
          field: 'file',
          filename: 'afbrudt.pdf',
          contentType: 'application/pdf',
          content: Buffer.concat([tinyPdf(`cut ${engine}`), crypto.randomBytes(8000)]),
        },
      ]);
      return session.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/documents`,
        headers: body.headers,
        payload: body.payload.subarray(0, body.payload.length - 4000),
      });
    }

    test('a caseworker attaches a file: stored by its hash, one row and one document_added event naming it, in one step', async () => {
      const w = await world();
      const c = await applyWithPassport(w, tinyPdf(`passport ${engine} ${crypto.randomUUID()}`));
      const letter = tinyPdf(`letter ${engine} ${crypto.randomUUID()}`);
      const v = await version(w, c.id);
      const res = await attach(
        w.worker,
        c.id,
        { expectedVersion: String(v), title: 'Partshøringsbrev', documentType: 'letter', direction: 'outgoing' },
        { name: 'brev.pdf', content: letter, type: 'application/octet-stream' },
      );
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { version: number; eventId: number; documentId: string };
      expect(body.version).toBe(v + 1);
      const sha256 = crypto.createHash('sha256').update(letter).digest('hex');
      expect(fs.readFileSync(storedPath(fileDir, sha256)).equals(letter)).toBe(true);
      const row = await w.db
        .selectFrom('case_document')
        .selectAll()
        .where('id', '=', body.documentId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        case_id: c.id,
        event_id: body.eventId,
        source: 'casework',
        title: 'Partshøringsbrev',
        document_type: 'letter',
        direction: 'outgoing',
        file_name: 'brev.pdf',
        media_type: 'application/pdf',
        size_bytes: letter.length,
        sha256,
      });
      const event = await w.db
        .selectFrom('case_event')
        .select(['activity', 'attributes', 'actor_id'])
        .where('id', '=', body.eventId)
        .executeTakeFirstOrThrow();
      expect(event.activity).toBe('document_added');
      expect(event.attributes).toEqual({
        title: 'Partshøringsbrev',
        documentType: 'letter',
        direction: 'outgoing',
        fileName: 'brev.pdf',
        documentId: body.documentId,
        sha256,
        sizeBytes: letter.length,
        mediaType: 'application/pdf',
      });
    });

    test("the case file lists the application document, the answer and the caseworker's file, each with who, when, size, type and a link", async () => {
      const w = await world();
      const passport = tinyPdf(`passport ${engine} ${crypto.randomUUID()}`);
      const c = await applyWithPassport(w, passport);
      await requestInformation({ db: w.db, actor: w.staff }, c.id, {
        expectedVersion: await version(w, c.id),
        items: [{ requirementCode: 'bank-guarantee', text: 'Bankgaranti' }],
        message: 'Send bankgarantien.',
        dueDate: '2099-01-15',
      });
      const guarantee = await storeUpload(fileDir, Readable.from([PNG]), () => false);
      const answered = await sendInformation(w.db, applicantPrincipal(w.applicantId), {
        reference: c.reference,
        text: 'Her er den.',
        files: [{ requirementCode: 'bank-guarantee', fileName: 'garanti.png', stored: guarantee }],
      });
      expect(answered).toMatchObject({ rejected: [], answered: true });
      const res = await attach(
        w.worker,
        c.id,
        {
          expectedVersion: String(await version(w, c.id)),
          title: 'Notat om bolig',
          documentType: 'other',
          direction: 'internal',
        },
        { name: 'notat.pdf', content: tinyPdf('internal memo') },
      );
      expect(res.statusCode, res.body).toBe(200);

      // The quality unit has no working need on the case: it breaks the glass, with a reason, to read the file.
      const glass = await w.quality.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/break-glass`,
        payload: { reason: 'Stikprøve: dokumentlisten' },
      });
      expect(glass.statusCode, glass.body).toBe(201);
      const detail = await w.quality.inject({ method: 'GET', url: `/api/cases/${c.id}` });
      expect(detail.statusCode).toBe(200);
      const docs = detail.json().documents as Record<string, unknown>[];
      expect(docs.map((d) => [d.source, d.title, d.addedBy, d.mediaType, d.sizeBytes])).toEqual([
        ['application', 'Kopi af pas', 'Amal Haddad', 'application/pdf', passport.length],
        ['answer', 'Bankgaranti', 'Amal Haddad', 'image/png', PNG.length],
        ['casework', 'Notat om bolig', 'Karin Caseworker', 'application/pdf', tinyPdf('internal memo').length],
      ]);
      for (const d of docs) {
        expect(d.href).toBe(`/api/cases/${c.id}/documents/${String(d.id)}`);
        expect(Number.isNaN(Date.parse(String(d.addedAt)))).toBe(false);
      }
      // The answer's event is shown once, as its document.
      expect(docs.filter((d) => d.eventId !== null)).toHaveLength(2);
    });

    test("a download is the stored bytes with a safe name and nosniff, and is audited as a read of the applicant's data", async () => {
      const w = await world();
      const passport = tinyPdf(`passport ${engine} ${crypto.randomUUID()}`);
      const c = await applyWithPassport(w, passport);
      const [doc] = (await w.worker.inject({ method: 'GET', url: `/api/cases/${c.id}` })).json().documents as {
        id: string;
        href: string;
      }[];
      const res = await w.worker.inject({ method: 'GET', url: doc.href });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(passport)).toBe(true);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="pas.pdf"; filename*=UTF-8''pas.pdf`);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const audit = await w.db
        .selectFrom('audit_log')
        .select(['action', 'entity_type', 'entity_id', 'subject_user_id', 'request_id'])
        .where('entity_type', '=', 'case_document')
        .where('entity_id', '=', doc.id)
        .execute();
      expect(audit).toEqual([
        {
          action: 'read',
          entity_type: 'case_document',
          entity_id: doc.id,
          subject_user_id: w.applicantId,
          request_id: res.headers['x-request-id'],
        },
      ]);
    });

    test('a stored file that no longer matches its hash is an error, never the damaged bytes', async () => {
      const w = await world();
      const passport = tinyPdf(`tamper ${engine} ${crypto.randomUUID()}`);
      const c = await applyWithPassport(w, passport);
      const [doc] = (await w.worker.inject({ method: 'GET', url: `/api/cases/${c.id}` })).json().documents as {
        id: string;
        href: string;
      }[];
      const sha256 = crypto.createHash('sha256').update(passport).digest('hex');
      const damaged = Buffer.from('%PDF-1.4 tampered with');
      fs.writeFileSync(storedPath(fileDir, sha256), damaged);
      const res = await w.worker.inject({ method: 'GET', url: doc.href });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.body).not.toContain('tampered');
      expect(res.json().error.code).toBe('internal');
      const reads = await w.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'read')
        .where('entity_id', '=', doc.id)
        .execute();
      expect(reads).toEqual([]);
    });

    test("staff who may not read the case's unit get the answer of a missing document, and the attempt is audited; applicants are refused", async () => {
      const w = await world();
      const c = await applyWithPassport(w, tinyPdf(`foreign ${engine} ${crypto.randomUUID()}`));
      const [doc] = (await w.worker.inject({ method: 'GET', url: `/api/cases/${c.id}` })).json().documents as {
        id: string;
        href: string;
      }[];
      const foreign = await w.outsider.inject({ method: 'GET', url: doc.href });
      const administrator = await w.admin.inject({ method: 'GET', url: doc.href });
      const missing = await w.worker.inject({
        method: 'GET',
        url: `/api/cases/${c.id}/documents/${crypto.randomUUID()}`,
      });
      for (const res of [foreign, missing]) expect(res.statusCode).toBe(404);
      expect(foreign.json().error).toEqual(missing.json().error);
      expect(foreign.body).not.toContain('audit');
      // An administrator of the unit has no working need on its cases: refused with the reason (break the glass).
      expect(administrator.statusCode).toBe(403);
      expect(administrator.json().error.details).toMatchObject({ reason: 'work_need_required', caseId: c.id });
      const denied = await w.db
        .selectFrom('audit_log')
        .select(['action', 'entity_type', 'entity_id', 'subject_user_id'])
        .where('entity_id', '=', doc.id)
        .where('action', '=', 'denied')
        .execute();
      expect(denied).toEqual([
        { action: 'denied', entity_type: 'case_document', entity_id: doc.id, subject_user_id: w.applicantId },
      ]);
      const adminDenied = await w.db
        .selectFrom('audit_log')
        .select('id')
        .where('request_id', '=', String(administrator.headers['x-request-id']))
        .where('action', '=', 'denied')
        .execute();
      expect(adminDenied).toHaveLength(1);
      expect(
        await w.db
          .selectFrom('audit_log')
          .select('id')
          .where('entity_id', '=', doc.id)
          .where('action', '=', 'read')
          .execute(),
      ).toEqual([]);
      expect((await w.applicant.inject({ method: 'GET', url: doc.href })).statusCode).toBe(403);
    });

    test('refused uploads are a clear 4xx and leave no file, no document and no event', async () => {
      const w = await world();
      const c = await applyWithPassport(w, tinyPdf(`refusals ${engine} ${crypto.randomUUID()}`));
      const v = await version(w, c.id);
      const fields = { expectedVersion: String(v), title: 'Bilag', documentType: 'evidence', direction: 'incoming' };
      const before = storedFiles();
      const tooBig = Buffer.concat([tinyPdf('big'), Buffer.alloc(10 * 1024 * 1024)]);
      const cases: [string, Awaited<ReturnType<typeof attach>>, number, string][] = [
        [
          'not a PDF whatever its name',
          await attach(w.worker, c.id, fields, { name: 'pas.pdf', content: Buffer.from(`<html>${engine}</html>`) }),
          415,
          'not a PDF, PNG or JPEG',
        ],
        [
          'over the size limit (cut at it)',
          await attach(w.worker, c.id, fields, { name: 'stor.pdf', content: tooBig }),
          413,
          'larger than 10 MB',
        ],
        ['empty', await attach(w.worker, c.id, fields, { name: 'tom.pdf', content: Buffer.alloc(0) }), 400, 'is empty'],
        ['no file', await attach(w.worker, c.id, fields), 400, 'choose a file'],
        [
          'no title',
          await attach(
            w.worker,
            c.id,
            { ...fields, title: ' ' },
            { name: 'a.pdf', content: tinyPdf(`untitled ${engine}`) },
          ),
          400,
          'title',
        ],
        [
          'an unknown direction',
          await attach(
            w.worker,
            c.id,
            { ...fields, direction: 'sideways' },
            { name: 'a.pdf', content: tinyPdf(`sideways ${engine}`) },
          ),
          400,
          'direction',
        ],
        [
          'a stale version',
          await attach(
            w.worker,
            c.id,
            { ...fields, expectedVersion: String(v - 1) },
            { name: 'a.pdf', content: tinyPdf(`stale ${engine}`) },
          ),
          409,
          'Reload',
        ],
        [
          'another unit',
          await attach(w.outsider, c.id, fields, { name: 'a.pdf', content: tinyPdf(`outsider ${engine}`) }),
          403,
          'unit',
        ],
        [
          'a JSON body',
          await w.worker.inject({
            method: 'POST',
            url: `/api/cases/${c.id}/documents`,
            payload: { ...fields, expectedVersion: v },
          }),
          415,
          'multipart',
        ],
        ['a body cut inside the file', await cutUpload(w.worker, c.id, fields), 400, 'did not arrive in full'],
      ];
      for (const [what, res, status, message] of cases) {
        expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
        expect(res.json().error.message, what).toContain(message);
      }
      expect(cases[0][1].json().error.details).toEqual([{ path: 'file', message: 'type', maxBytes: 10 * 1024 * 1024 }]);
      expect(storedFiles()).toEqual(before);
      expect(fs.readdirSync(path.join(fileDir, 'tmp'))).toEqual([]);
      expect(await version(w, c.id)).toBe(v);
      const rows = await w.db.selectFrom('case_document').select('source').where('case_id', '=', c.id).execute();
      expect(rows).toEqual([{ source: 'application' }]);
      const added = await w.db
        .selectFrom('case_event')
        .select('id')
        .where('case_id', '=', c.id)
        .where('activity', '=', 'document_added')
        .execute();
      expect(added).toEqual([]);
    });
  });
}

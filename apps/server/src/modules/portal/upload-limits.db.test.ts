import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline, Readable, Transform } from 'node:stream';
import { afterAll, describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUser, sessionFor, type TestSession } from '../../../test/support/test-auth.js';
import { applicantPrincipal, makeCaseType, makeUnit } from '../../../test/support/case-factories.js';
import { tinyPdf } from '../../../test/support/multipart.js';
import { startApplication } from '../applications/index.js';

const MB = 1024 * 1024;
const FILE_LIMIT = 10 * MB; // the requirements' default
const REQUEST_LIMIT = 15 * MB;
const CHUNK = 64 * 1024; // the biggest chunk the multipart reader hands on
const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-upload-limits-'));
afterAll(() => fs.rmSync(fileDir, { recursive: true, force: true }));
const filesStored = () =>
  fs.readdirSync(fileDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

/**
 * A multipart body made as it is read, never whole in memory: the CSRF token, then `count` PDF files of `size` bytes
 * each. `produced()` tells how many bytes the server pulled from it.
 */
function streamedBody(token: string, files: { field: string; size: number }[]) {
  const boundary = `----sagsgang${crypto.randomBytes(8).toString('hex')}`;
  let produced = 0;
  const piece = Buffer.alloc(CHUNK, 0x20);
  async function* generate() {
    const emit = (b: Buffer) => {
      produced += b.length;
      return b;
    };
    yield emit(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`));
    yield emit(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="action"\r\n\r\nlater\r\n`));
    for (const [i, f] of files.entries()) {
      yield emit(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="big-${i}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
      );
      const head = tinyPdf(`big ${i}`);
      yield emit(head);
      for (let left = f.size - head.length; left > 0; left -= CHUNK)
        yield emit(piece.subarray(0, Math.min(CHUNK, left)));
      yield emit(Buffer.from('\r\n'));
    }
    yield emit(Buffer.from(`--${boundary}--\r\n`));
  }
  return {
    payload: Readable.from(generate(), { objectMode: false }),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    produced: () => produced,
  };
}

for (const engine of ENGINES) {
  describe(`uploads refused while they stream past the limit [${engine}]`, () => {
    const t = useTestApp(engine, { fileDir, uploadMaxRequestBytes: REQUEST_LIMIT });
    let s: TestSession;
    let applicationId: string;
    /** Bytes that reached the file store in the current request (a counting wrapper around its store()). */
    let written = 0;

    /** Sends the files to the draft's documents step as one streamed multipart body; `written` counts from zero. */
    const upload = async (files: { field: string; size: number }[], headers: Record<string, string> = {}) => {
      written = 0;
      const body = streamedBody(s.csrfToken, files);
      const res = await s.inject({
        method: 'POST',
        url: `/ansoegning/${applicationId}/trin/documents?lang=en`,
        payload: body.payload,
        headers: { ...body.headers, ...headers },
      });
      return { res, produced: body.produced };
    };

    const documents = () =>
      t()
        .database.db.selectFrom('applicant_document')
        .select('id')
        .where('application_id', '=', applicationId)
        .execute();

    test('setting up: an applicant with a draft, and a file store that counts what it is given', async () => {
      const db = t().database.db;
      const unit = await makeUnit(db);
      const code = (await makeCaseType(db, unit.code, 'family-reunification')).code;
      const applicantId = (await createUser(db, { kind: 'applicant' })).id;
      s = await sessionFor(t().app, db, applicantId);
      applicationId = (await startApplication(db, applicantPrincipal(applicantId), code)).id;
      const storage = t().ctx.files;
      const store = storage.store.bind(storage);
      storage.store = (source, isTruncated) => {
        const counter = new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            written += chunk.length;
            callback(null, chunk);
          },
        });
        return store(
          pipeline(source, counter, () => undefined),
          isTruncated,
        );
      };
      expect(written).toBe(0);
    });

    test('a 50 MB file for a 10 MB requirement is a 413, and no more than the limit reached the store', async () => {
      const before = { rows: (await documents()).length, files: filesStored() };
      const { res, produced } = await upload([{ field: 'document.passport', size: 50 * MB }]);
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'payload_too_large' });
      expect(res.json().error.message).toContain('larger than 10 MB');
      expect(written).toBeLessThanOrEqual(FILE_LIMIT);
      expect(written).toBeGreaterThan(FILE_LIMIT - CHUNK);
      // The rest of the upload was not read either (a few chunks buffered along the way at most).
      expect(produced()).toBeLessThan(FILE_LIMIT + 2 * MB);
      expect((await documents()).length).toBe(before.rows);
      expect(filesStored()).toBe(before.files);
    });

    test('20 x 50 MB is stopped at the first file’s limit, reading a fraction of the gigabyte', async () => {
      const before = { rows: (await documents()).length, files: filesStored() };
      const files = Array.from({ length: 20 }, (_, i) => ({
        field: i % 2 ? 'document.marriage-certificate' : 'document.passport',
        size: 50 * MB,
      }));
      const { res, produced } = await upload(files);
      expect(res.statusCode).toBe(413);
      expect(written).toBeLessThanOrEqual(FILE_LIMIT);
      expect(produced()).toBeLessThan(FILE_LIMIT + 2 * MB);
      expect((await documents()).length).toBe(before.rows);
      expect(filesStored()).toBe(before.files);
    });

    test('files each under their limit but together past SAGSGANG_UPLOAD_MAX_REQUEST_MB are a 413 as they stream', async () => {
      const files = Array.from({ length: 4 }, (_, i) => ({
        field: i % 2 ? 'document.marriage-certificate' : 'document.passport',
        size: 6 * MB,
      }));
      const { res, produced } = await upload(files);
      expect(res.statusCode).toBe(413);
      expect(res.json().error.message).toContain('SAGSGANG_UPLOAD_MAX_REQUEST_MB');
      expect(written).toBeLessThanOrEqual(REQUEST_LIMIT);
      expect(produced()).toBeLessThan(REQUEST_LIMIT + 2 * MB);
    });

    test('a declared length past the request limit is a 413 before any file is read', async () => {
      const { res } = await upload([{ field: 'document.passport', size: 1 * MB }], {
        'content-length': String(1024 * MB),
      });
      expect(res.statusCode).toBe(413);
      expect(written).toBe(0);
    });

    test('a file under the limit is still accepted', async () => {
      const { res } = await upload([{ field: 'document.passport', size: 2 * MB }]);
      expect(res.statusCode).toBeLessThan(400);
      expect(written).toBe(2 * MB);
      const kept = await t()
        .database.db.selectFrom('applicant_document')
        .select('size_bytes')
        .where('application_id', '=', applicationId)
        .where('requirement_code', '=', 'passport')
        .execute();
      expect(kept.map((d) => Number(d.size_bytes))).toContain(2 * MB);
    });
  });
}

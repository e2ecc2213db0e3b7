import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, sessionFor } from '../../../test/support/test-auth.js';
import { applicantPrincipal, definitionFor } from '../../../test/support/case-factories.js';
import { multipartBody, tinyPdf } from '../../../test/support/multipart.js';
import { s3StoreConfig, startS3TestServer, type S3TestServer } from '../../../test/support/s3-test-server.js';
import { recordDraftUpload, startApplication, submitApplication } from '../../modules/applications/index.js';
import { buildApp } from '../../app.js';
import { createAppContext } from '../../composition.js';
import type { AppConfig } from '../config.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-two-nodes-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Every file in a node's own folder (its marker and upload temporaries left out). */
const localFiles = (dir: string) =>
  fs.existsSync(dir)
    ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /[0-9a-f]{64}$/.test(f))
    : [];

for (const engine of ENGINES) {
  describe(`a document written on one node is read on another through the S3 store [${engine}]`, () => {
    let s3: S3TestServer;
    const dirOf = (node: string) => path.join(root, engine, node);
    beforeAll(async () => {
      s3 = await startS3TestServer();
    });
    afterAll(() => s3?.close());
    // Node A: the test app. Node B shares its database and bucket; C is a node left on its own local folder.
    const a = useTestApp(engine, () => ({ ...s3StoreConfig(s3, 'nodes/'), fileDir: dirOf('a') }));
    const others: Record<'b' | 'c', FastifyInstance | undefined> = { b: undefined, c: undefined };
    beforeAll(async () => {
      const build = async (config: AppConfig) => {
        const app = await buildApp(createAppContext({ config, database: a().database }), { logger: false });
        await app.ready();
        return app;
      };
      others.b = await build({ ...a().ctx.config, fileDir: dirOf('b') });
      others.c = await build({ ...a().ctx.config, fileStore: { kind: 'local' }, fileDir: dirOf('c') });
    });
    afterAll(async () => {
      await others.b?.close();
      await others.c?.close();
    });

    test('a caseworker attaches a letter on node A; node B hands out the same bytes, a node with its own folder cannot', async () => {
      const db = a().database.db;
      const units = await createUnitTree(db);
      const admin = await createUser(db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const worker = await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamA1 }] });
      const applicant = await createUser(db, { kind: 'applicant', displayName: 'Amal Haddad' });
      const definition = definitionFor(units.codes.teamA1);
      const onA = await sessionFor(a().app, db, admin.id);
      expect((await onA.inject({ method: 'POST', url: '/api/case-types', payload: definition })).statusCode).toBe(201);

      // The applicant's passport goes through node A's store as well (the use cases, not HTTP).
      const me = applicantPrincipal(applicant.id);
      const draft = await startApplication(db, me, definition.code);
      const passport = tinyPdf(`passport ${engine} ${crypto.randomUUID()}`);
      const stored = await a().ctx.files.store(Readable.from([passport]), () => false);
      await recordDraftUpload(db, me, {
        applicationId: draft.id,
        requirementCode: 'passport',
        fileName: 'pas.pdf',
        stored,
      });
      const { caseId } = await submitApplication(db, me, {
        applicationId: draft.id,
        idempotencyKey: draft.idempotency_key,
      });
      const { version } = await db
        .selectFrom('case_file')
        .select('version')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();

      const letter = tinyPdf(`letter ${engine} ${crypto.randomUUID()}`);
      const body = multipartBody(
        { expectedVersion: String(version), title: 'Brev', documentType: 'letter', direction: 'outgoing' },
        [{ field: 'file', filename: 'brev.pdf', contentType: 'application/pdf', content: letter }],
      );
      const workerOnA = await sessionFor(a().app, db, worker.id);
      const attached = await workerOnA.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, ...body });
      expect(attached.statusCode, attached.body).toBe(200);
      const { documentId } = attached.json() as { documentId: string };

      const url = `/api/cases/${caseId}/documents/${documentId}`;
      const onB = await (await sessionFor(others.b!, db, worker.id)).inject({ method: 'GET', url });
      expect(onB.statusCode, onB.body).toBe(200);
      expect(onB.rawPayload.equals(letter)).toBe(true);
      // Neither node kept the bytes in its own folder: B read them from the bucket.
      expect([...localFiles(dirOf('a')), ...localFiles(dirOf('b'))]).toEqual([]);

      // The fault this store removes: a node with its own folder does not have the file.
      const onC = await (await sessionFor(others.c!, db, worker.id)).inject({ method: 'GET', url });
      expect(onC.statusCode).toBe(500);
    });
  });
}

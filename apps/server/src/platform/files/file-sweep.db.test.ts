import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { STORE_KINDS, useStoreUnderTest } from '../../../test/support/s3-test-server.js';
import {
  applicantPrincipal,
  grantRole,
  makeApplicantUser,
  makeCaseType,
  makeStaffUser,
  makeUnit,
  principalFor,
} from '../../../test/support/case-factories.js';
import { tinyPdf } from '../../../test/support/multipart.js';
import { recordDraftUpload, startApplication, submitApplication } from '../../modules/applications/index.js';
import { addDocument, attachDocument, openCaseDocument, recordNote } from '../../modules/cases/index.js';
import type { Principal } from '../auth/principal.js';
import { loadConfig } from '../config.js';
import { JobRunner } from '../jobs/index.js';
import { APP_MODULES, createAppContext } from '../../composition.js';
import { buildModuleRegistry } from '../module-registry.js';
import { storedPath, type StoredFile } from './file-store.js';
import { sweepOrphanFiles } from './file-sweep.js';
import { FILE_SWEEP_JOB, scheduleFileSweep } from './file-sweep.jobs.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const HOUR = 3600_000;
const GRACE = 24 * HOUR;

for (const kind of STORE_KINDS) {
  describeEachEngine(`orphan stored files [${kind}]`, (database, engine) => {
    // One store per engine: a store belongs to one database, whose rows say which files are in use.
    const s = useStoreUnderTest(kind, `sweep-${engine}`);
    let staff: Principal;
    let caseTypeCode: string;
    let caseId: string;

    const pdf = (label: string) => tinyPdf(`${label} ${engine} ${crypto.randomUUID()}`);
    const store = (bytes: Buffer) => s().storage.store(Readable.from([bytes]), () => false);
    const exists = (f: StoredFile) => s().has(f.sha256);
    const age = (f: StoredFile, hours: number) => s().age(f.sha256, hours);
    // The app's store: this store, and the tables its modules declare as naming stored files.
    const referencingTables = buildModuleRegistry(APP_MODULES).fileReferences;
    const filesOf = () => ({ storage: s().storage, referencingTables });
    const sweep = () => sweepOrphanFiles(database().db, { store: filesOf(), graceMs: GRACE });
    const allStored = async () => {
      const found: string[] = [];
      for await (const page of s().storage.list()) found.push(...page.map((f) => f.sha256));
      return found;
    };
    const version = async (id: string) =>
      (await database().db.selectFrom('case_file').select('version').where('id', '=', id).executeTakeFirstOrThrow())
        .version;

    async function draftFor(name: string) {
      const me = applicantPrincipal(await makeApplicantUser(database().db, name));
      return { me, draft: await startApplication(database().db, me, caseTypeCode) };
    }

    function base() {
      const config = loadConfig(
        { ...process.env, DATABASE_URL: '' },
        { seedDemo: false, ...s().config, orphanFileGraceHours: 24 },
      );
      return { config, database: database() };
    }

    function runner(): JobRunner {
      return new JobRunner({ ctx: createAppContext(base()), log: silent, pollMs: 10 });
    }

    test('a file stored by an upload whose transaction failed on a conflict is swept once older than the grace period, not before', async () => {
      const db = database().db;
      const unit = await makeUnit(db);
      caseTypeCode = (await makeCaseType(db, unit.code, 'family-reunification')).code;
      const staffId = await makeStaffUser(db);
      await grantRole(db, staffId, 'caseworker', unit.id);
      staff = await principalFor(db, staffId, [{ role: 'caseworker', unitId: unit.id }]);
      const { me, draft } = await draftFor('Amal Haddad');
      await recordDraftUpload(db, me, {
        applicationId: draft.id,
        requirementCode: 'passport',
        fileName: 'pas.pdf',
        stored: await store(pdf('passport')),
      });
      caseId = (await submitApplication(db, me, { applicationId: draft.id, idempotencyKey: draft.idempotency_key }))
        .caseId;

      // Stored, then the transaction that was to name it fails (the case moved on meanwhile); nothing discarded it.
      const letter = pdf('letter');
      const orphan = await store(letter);
      const stale = (await version(caseId)) - 1;
      await expect(
        addDocument({ db, actor: staff }, caseId, {
          expectedVersion: stale,
          title: 'Brev',
          documentType: 'letter',
          direction: 'outgoing',
          content: {
            source: 'casework',
            fileName: 'brev.pdf',
            sha256: orphan.sha256,
            sizeBytes: orphan.sizeBytes,
            mediaType: 'application/pdf',
          },
        }),
      ).rejects.toMatchObject({ code: 'conflict' });
      expect(await exists(orphan)).toBe(true);

      expect(await scheduleFileSweep(db)).not.toBeNull();
      await runner().drain();
      expect(await exists(orphan)).toBe(true);
      age(orphan, 23);
      expect(await sweep()).toMatchObject({ removedFiles: 0, removedBytes: 0 });
      expect(await exists(orphan)).toBe(true);

      age(orphan, 25);
      await sql`UPDATE job SET run_at = now() WHERE kind = ${FILE_SWEEP_JOB} AND status = 'pending'`.execute(db);
      await runner().drain();
      expect(await exists(orphan)).toBe(false);
      const runs = await db
        .selectFrom('job')
        .select(['status', 'result'])
        .where('kind', '=', FILE_SWEEP_JOB)
        .orderBy('id')
        .execute();
      expect(runs.map((r) => r.status)).toEqual(['done', 'done', 'pending']);
      expect(runs[0].result).toMatchObject({ removedFiles: 0, removedBytes: 0 });
      expect(runs[1].result).toMatchObject({ removedFiles: 1, removedBytes: letter.length, scannedFiles: 2 });
    });

    test("referenced files stay however old: the application's, a removed draft upload's, and a caseworker's", async () => {
      const db = database().db;
      const { me, draft } = await draftFor('Bo Berg');
      const removed = await store(pdf('removed draft upload'));
      const doc = await recordDraftUpload(db, me, {
        applicationId: draft.id,
        requirementCode: 'passport',
        fileName: 'old.pdf',
        stored: removed,
      });
      await db
        .updateTable('applicant_document')
        .set({ removed_at: new Date() })
        .where('id', '=', doc.document!.id)
        .execute();
      const attached = await attachDocument({ db, actor: staff, files: filesOf() }, caseId, {
        expectedVersion: await version(caseId),
        title: 'Notat',
        documentType: 'other',
        direction: 'internal',
        file: { fileName: 'notat.pdf', content: Readable.from([pdf('memo')]), isTruncated: () => false },
      });
      const all = await db.selectFrom('case_document').select('sha256').execute();
      const hashes = [removed.sha256, ...all.map((r) => r.sha256)];
      for (const h of hashes) s().age(h, 10_000);

      expect(await sweep()).toMatchObject({ removedFiles: 0, removedBytes: 0, scannedFiles: hashes.length });
      for (const h of hashes) expect(await s().has(h)).toBe(true);
      const download = await openCaseDocument(db, staff, {
        caseId,
        documentId: attached.documentId!,
        files: s().storage,
      });
      expect(download.fileName).toBe('notat.pdf');
    });

    test('content shared by two rows stays while either row is there, and goes with the last', async () => {
      const db = database().db;
      const same = pdf('the same birth certificate');
      const a = await draftFor('Carl Dam');
      const b = await draftFor('Dina Eng');
      const first = await store(same);
      const second = await store(same);
      expect(first.createdVersion).toBeDefined();
      expect(second.createdVersion).toBeUndefined(); // stored once
      const rowA = await recordDraftUpload(db, a.me, {
        applicationId: a.draft.id,
        requirementCode: 'passport',
        fileName: 'a.pdf',
        stored: first,
      });
      const rowB = await recordDraftUpload(db, b.me, {
        applicationId: b.draft.id,
        requirementCode: 'passport',
        fileName: 'b.pdf',
        stored: second,
      });

      // Nothing in the app deletes a row today; a retention purge would, and the other row must keep the file.
      await db.deleteFrom('applicant_document').where('id', '=', rowA.document!.id).execute();
      age(first, 48);
      expect(await sweep()).toMatchObject({ removedFiles: 0 });
      expect(await exists(first)).toBe(true);

      await db.deleteFrom('applicant_document').where('id', '=', rowB.document!.id).execute();
      expect(await sweep()).toMatchObject({ removedFiles: 1, removedBytes: same.length });
      expect(await exists(first)).toBe(false);
    });

    test('an old orphan found again by an upload not yet committed is not swept from under it', async () => {
      const db = database().db;
      const bytes = pdf('uploaded twice');
      const orphan = await store(bytes);
      age(orphan, 72);
      const again = await store(bytes); // the file is there already: this upload's row is on its way
      expect(again.createdVersion).toBeUndefined();
      expect(await sweep()).toMatchObject({ removedFiles: 0 });
      expect(await exists(again)).toBe(true);
      const { me, draft } = await draftFor('Eva Falk');
      const row = await recordDraftUpload(db, me, {
        applicationId: draft.id,
        requirementCode: 'passport',
        fileName: 'p.pdf',
        stored: again,
      });
      expect(row.document?.sha256).toBe(again.sha256);
    });

    test("a caseworker's upload that loses a conflict while streaming is discarded at once, unless another row names the same content", async () => {
      const db = database().db;
      // Another caseworker records a note while the file streams in: the case's version moves past the one expected.
      const racing = (bytes: Buffer) =>
        Readable.from(
          (async function* () {
            yield bytes.subarray(0, 8);
            const v = await version(caseId);
            await recordNote({ db, actor: staff }, caseId, {
              expectedVersion: v,
              kind: 'internal',
              who: 'Karin',
              when: new Date().toISOString(),
              what: 'Ringede',
            });
            yield bytes.subarray(8);
          })(),
        );
      const attach = async (bytes: Buffer) =>
        attachDocument({ db, actor: staff, files: filesOf() }, caseId, {
          expectedVersion: await version(caseId),
          title: 'Brev',
          documentType: 'letter',
          direction: 'outgoing',
          file: { fileName: 'brev.pdf', content: racing(bytes), isTruncated: () => false },
        });
      const fresh = pdf('lost the race');
      await expect(attach(fresh)).rejects.toMatchObject({ code: 'conflict' });
      const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
      expect(await s().has(sha(fresh))).toBe(false);
      expect(await s().partials()).toEqual([]);

      const kept = await db
        .selectFrom('case_document')
        .select(['id', 'sha256'])
        .where('case_id', '=', caseId)
        .where('source', '=', 'application')
        .executeTakeFirstOrThrow();
      const passport = await s().storage.read(kept.sha256);
      await expect(attach(passport)).rejects.toMatchObject({ code: 'conflict' });
      const download = await openCaseDocument(db, staff, { caseId, documentId: kept.id, files: s().storage });
      expect(download.bytes.equals(passport)).toBe(true);
    });

    test('a half-written upload left by a stopped process is removed after the grace period, not before', async () => {
      const db = database().db;
      await s().leavePartial(1);
      const young = await sweepOrphanFiles(db, { store: filesOf(), graceMs: GRACE });
      expect(young).toMatchObject({ removedPartial: 0 });
      expect(await s().partials()).toHaveLength(1);
      await s().leavePartial(25);
      const old = await sweepOrphanFiles(db, { store: filesOf(), graceMs: GRACE });
      expect(old).toMatchObject({ removedPartial: 1, removedFiles: 0 });
      expect(await s().partials()).toHaveLength(1);
    });

    // Only a folder moves a file aside before deleting it (S3 has no atomic rename): a test of the folder store only.
    if (kind === 'local')
      test('a file a stopped discard moved aside is put back', async () => {
        const db = database().db;
        const fileDir = s().storage.location;
        const tmp = path.join(fileDir, 'tmp');
        for (const f of fs.readdirSync(tmp)) fs.rmSync(path.join(tmp, f)); // the previous test's young partial
        const kept = await db
          .selectFrom('case_document')
          .select('sha256')
          .where('case_id', '=', caseId)
          .limit(1)
          .executeTakeFirstOrThrow();
        const target = storedPath(fileDir, kept.sha256);
        const aside = path.join(tmp, `discard-${kept.sha256}-${crypto.randomUUID()}`);
        fs.renameSync(target, aside);

        let result = await sweepOrphanFiles(db, { store: filesOf(), graceMs: GRACE });
        expect(result).toMatchObject({ restored: 0 }); // young: perhaps still being worked on
        result = await sweepOrphanFiles(db, { store: filesOf(), graceMs: GRACE, now: Date.now() + 2 * 60_000 });
        expect(result).toMatchObject({ restored: 1, removedFiles: 0 });
        expect(fs.existsSync(target)).toBe(true);
        expect(fs.readdirSync(tmp)).toEqual([]);
      });

    test('refuses to sweep while a table with a sha256 column is not registered: its files would look unused', async () => {
      const db = database().db;
      const orphan = await store(pdf('named by an unknown table'));
      age(orphan, 100);
      await sql`CREATE TABLE scanned_letter (id serial PRIMARY KEY, sha256 text NOT NULL)`.execute(db);
      try {
        await expect(sweep()).rejects.toThrow(/scanned_letter/);
        expect(await exists(orphan)).toBe(true);
      } finally {
        await sql`DROP TABLE scanned_letter`.execute(db);
      }
      expect(await sweep()).toMatchObject({ removedFiles: 1 });
    });

    test('refuses to sweep a store whose database names no file at all: most likely the wrong database for the folder', async () => {
      const db = database().db;
      const before = await allStored();
      expect(before.length).toBeGreaterThan(0);
      for (const h of before) s().age(h, 10_000);
      await db.deleteFrom('case_document').execute();
      await db.deleteFrom('applicant_document').execute();
      await expect(sweep()).rejects.toThrow(/names no stored file at all/);
      expect((await allStored()).sort()).toEqual(before.sort());
    });
  });
}

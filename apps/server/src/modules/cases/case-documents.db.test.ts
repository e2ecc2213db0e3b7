import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, expect, test } from 'vitest';
import { describeEachEngine } from '../../../test/support/test-database.js';
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
import { migrate } from '../../platform/db/migrate.js';
import { storeUpload } from '../../platform/files/file-store.js';
import { recordDraftUpload, sendInformation, startApplication, submitApplication } from '../applications/index.js';
import { caseDocumentList } from './case-document-list.js';
import { caseDocumentsRepository } from './case-documents.repository.js';
import { casesRepository } from './cases.repository.js';
import { requestInformation } from './index.js';

const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-case-docs-db-'));
afterAll(() => fs.rmSync(fileDir, { recursive: true, force: true }));

describeEachEngine('case documents', (database) => {
  test("a database that had applicants' documents before the case file kept documents gets them listed once, with their events", async () => {
    const { db, pool } = database();
    const unit = await makeUnit(db);
    const type = await makeCaseType(db, unit.code, 'family-reunification');
    const staffId = await makeStaffUser(db);
    await grantRole(db, staffId, 'caseworker', unit.id);
    const staff = await principalFor(db, staffId, [{ role: 'caseworker', unitId: unit.id }]);
    const me = applicantPrincipal(await makeApplicantUser(db, 'Amal Haddad'));
    const store = (text: string) => storeUpload(fileDir, Readable.from([tinyPdf(text)]), () => false);
    const draft = await startApplication(db, me, type.code);
    await recordDraftUpload(db, me, {
      applicationId: draft.id,
      requirementCode: 'passport',
      fileName: 'pas.pdf',
      stored: await store('passport'),
    });
    const c = await submitApplication(db, me, { applicationId: draft.id, idempotencyKey: draft.idempotency_key });
    const { version } = await db
      .selectFrom('case_file')
      .select('version')
      .where('id', '=', c.caseId)
      .executeTakeFirstOrThrow();
    await requestInformation({ db, actor: staff }, c.caseId, {
      expectedVersion: version,
      items: [{ requirementCode: 'bank-guarantee', text: 'Bankgaranti' }],
      message: 'Send den.',
      dueDate: '2099-01-01',
    });
    await sendInformation(db, me, {
      reference: c.reference,
      text: '',
      files: [{ requirementCode: 'bank-guarantee', fileName: 'garanti.pdf', stored: await store('guarantee') }],
    });
    const made = await caseDocumentsRepository.ofCase(db, c.caseId);
    expect(made.map((d) => [d.source, d.file_name, d.event_id !== null])).toEqual([
      ['application', 'pas.pdf', false],
      ['answer', 'garanti.pdf', true],
    ]);

    // As if 0013 had not run yet: the documents exist only as the applicant's (0020), then the migration runs.
    await sql`DROP TABLE case_document`.execute(db);
    await sql`DELETE FROM schema_migration WHERE name = '0013_case_document.sql'`.execute(db);
    expect(await migrate(pool)).toEqual(['0013_case_document.sql']);
    const copied = await caseDocumentsRepository.ofCase(db, c.caseId);
    const pick = (d: (typeof made)[number]) => [
      d.source,
      d.file_name,
      d.event_id,
      d.sha256,
      d.size_bytes,
      d.media_type,
      d.added_by,
    ];
    expect(copied.map(pick)).toEqual(made.map(pick));
    // The copy is dated by the upload (database clock), the live row by the event (the app's clock): the same moment.
    copied.forEach((d, i) =>
      expect(Math.abs(new Date(d.added_at).getTime() - new Date(made[i].added_at).getTime())).toBeLessThan(1000),
    );
    const events = await casesRepository.eventsOf(db, c.caseId);
    const listed = caseDocumentList({ caseId: c.caseId, applicantId: me.userId, rows: copied, events });
    expect(listed.map((d) => [d.source, d.fileName, d.addedBy])).toEqual([
      ['application', 'pas.pdf', 'Amal Haddad'],
      ['answer', 'garanti.pdf', 'Amal Haddad'],
    ]);
    // The case page reads both in one statement, as JSON: the same rows, times as Dates to the millisecond.
    expect(await casesRepository.eventsAndDocumentsOf(db, c.caseId)).toEqual({ events, documents: copied });
  });
});

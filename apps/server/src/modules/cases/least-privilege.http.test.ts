import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { AUDIT_PURPOSES } from '@sagsgang/contracts';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, sessionFor } from '../../../test/support/test-auth.js';
import { definitionFor } from '../../../test/support/case-factories.js';
import { multipartBody, tinyPdf } from '../../../test/support/multipart.js';
import { grantCaseAccess } from './index.js';

const fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-least-privilege-'));
afterAll(() => fs.rmSync(fileDir, { recursive: true, force: true }));

for (const engine of ENGINES) {
  describe(`case files without a working need: refused, or opened by breaking the glass [${engine}]`, () => {
    const t = useTestApp(engine, { fileDir });

    async function world() {
      const db = t().database.db;
      const units = await createUnitTree(db);
      const admin = await createUser(db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const worker = await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamA1 }] });
      const analyst = await createUser(db, { grants: [{ role: 'analyst', unitId: units.authority }] });
      const quality = await createUser(db, { grants: [{ role: 'quality', unitId: units.authority }] });
      const outsider = await createUser(db, { grants: [{ role: 'analyst', unitId: units.centreB }] });
      const applicant = await createUser(db, { kind: 'applicant' });
      const s = (id: string) => sessionFor(t().app, db, id);
      const definition = definitionFor(units.codes.teamA1);
      const published = await (
        await s(admin.id)
      ).inject({ method: 'POST', url: '/api/case-types', payload: definition });
      expect(published.statusCode, published.body).toBe(201);
      const workerS = await s(worker.id);
      const opened = await workerS.inject({
        method: 'POST',
        url: '/api/cases',
        payload: {
          caseTypeCode: definition.code,
          channel: 'digital',
          applicant: { userId: applicant.id, name: 'Amira Hansen' },
        },
      });
      expect(opened.statusCode, opened.body).toBe(201);
      const caseId = opened.json().id as string;
      const note = await workerS.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/notes`,
        payload: {
          expectedVersion: opened.json().version,
          kind: 'internal',
          who: 'Lægen',
          when: '2026-03-02T10:00:00+01:00',
          what: 'Lægeerklæring drøftet',
        },
      });
      expect(note.statusCode, note.body).toBe(200);
      const body = multipartBody(
        {
          expectedVersion: String(note.json().version),
          title: 'Lægeerklæring',
          documentType: 'other',
          direction: 'incoming',
        },
        [{ field: 'file', filename: 'laege.pdf', contentType: 'application/pdf', content: tinyPdf() }],
      );
      const attached = await workerS.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, ...body });
      expect(attached.statusCode, attached.body).toBe(200);
      return {
        db,
        caseId,
        documentId: attached.json().documentId as string,
        ids: { analyst: analyst.id, quality: quality.id, applicant: applicant.id },
        admin: await s(admin.id),
        worker: workerS,
        analyst: await s(analyst.id),
        quality: await s(quality.id),
        outsider: await s(outsider.id),
      };
    }

    const auditOf = (w: Awaited<ReturnType<typeof world>>, actor: string) =>
      w.db
        .selectFrom('audit_log')
        .select(['action', 'entity_type', 'entity_id', 'purpose', 'subject_user_id', 'details'])
        .where('actor_user_id', '=', actor)
        .orderBy('id')
        .execute();

    test('an analyst is refused the case file and its documents, with the reason, and the refusal is audited', async () => {
      const w = await world();
      const file = await w.analyst.inject({ method: 'GET', url: `/api/cases/${w.caseId}` });
      expect(file.statusCode).toBe(403);
      expect(file.json().error.details).toMatchObject({ reason: 'work_need_required', caseId: w.caseId });
      const doc = await w.analyst.inject({ method: 'GET', url: `/api/cases/${w.caseId}/documents/${w.documentId}` });
      expect(doc.statusCode).toBe(403);
      expect(doc.json().error.details).toMatchObject({ reason: 'work_need_required' });
      const entries = await auditOf(w, w.ids.analyst);
      expect(entries.map((e) => e.action)).toEqual(['denied', 'denied']);
      expect(entries.some((e) => e.action === 'read')).toBe(false);
    });

    test('breaking the glass with a reason opens the file for an hour; the grant and each read carry the reason', async () => {
      const w = await world();
      const short = await w.analyst.inject({
        method: 'POST',
        url: `/api/cases/${w.caseId}/break-glass`,
        payload: { reason: 'fordi' },
      });
      expect(short.statusCode).toBe(400);
      const before = Date.now();
      const broken = await w.analyst.inject({
        method: 'POST',
        url: `/api/cases/${w.caseId}/break-glass`,
        payload: { reason: 'Borgerens klage til ombudsmanden, sag 2026-17' },
      });
      expect(broken.statusCode, broken.body).toBe(201);
      const minutes = (Date.parse(broken.json().expiresAt) - before) / 60_000;
      expect(minutes).toBeGreaterThan(59);
      expect(minutes).toBeLessThanOrEqual(60.1);

      const file = await w.analyst.inject({ method: 'GET', url: `/api/cases/${w.caseId}` });
      expect(file.statusCode, file.body).toBe(200);
      expect(file.json().notes.map((n: { what: string }) => n.what)).toEqual(['Lægeerklæring drøftet']);
      expect(file.json().accessGrant).toMatchObject({ purpose: 'break_glass', expiresAt: broken.json().expiresAt });
      const doc = await w.analyst.inject({ method: 'GET', url: `/api/cases/${w.caseId}/documents/${w.documentId}` });
      expect(doc.statusCode).toBe(200);

      const entries = await auditOf(w, w.ids.analyst);
      const reason = 'Borgerens klage til ombudsmanden, sag 2026-17';
      expect(entries.map((e) => [e.action, e.entity_type])).toEqual([
        ['create', 'case_access_grant'],
        ['read', 'case'],
        ['read', 'case_document'],
      ]);
      for (const e of entries) {
        expect(e.purpose).toBe(AUDIT_PURPOSES.breakGlass);
        expect(e.subject_user_id).toBe(w.ids.applicant);
        expect(e.details).toMatchObject({ reason });
      }

      // The data protection officer's view: the audit log filtered to break-glass entries.
      const dpo = await w.admin.inject({
        method: 'GET',
        url: `/api/audit?purpose=breakGlass&actorUserId=${w.ids.analyst}`,
      });
      expect(dpo.statusCode, dpo.body).toBe(200);
      expect(dpo.json().map((e: { entityType: string }) => e.entityType)).toEqual([
        'case_document',
        'case',
        'case_access_grant',
      ]);

      // The caseworker reads for casework, not through a grant; another centre's analyst cannot break this glass.
      const worker = await w.worker.inject({ method: 'GET', url: `/api/cases/${w.caseId}` });
      expect(worker.json().accessGrant ?? null).toBeNull();
      const outside = await w.outsider.inject({
        method: 'POST',
        url: `/api/cases/${w.caseId}/break-glass`,
        payload: { reason: 'Nysgerrighed er ikke en grund' },
      });
      expect(outside.statusCode).toBe(403);
      expect(
        await w.db.selectFrom('case_access_grant').select('id').where('case_id', '=', w.caseId).execute(),
      ).toHaveLength(1);
    });

    test('a grant ends when it expires; a supervision grant lets the quality unit read that case only', async () => {
      const w = await world();
      const now = Date.now();
      await grantCaseAccess(w.db, {
        caseId: w.caseId,
        userId: w.ids.analyst,
        purpose: 'break_glass',
        reason: 'Udløbet for en time siden',
        grantedBy: w.ids.analyst,
        now: new Date(now - 2 * 3600_000),
        expiresAt: new Date(now - 3600_000),
      });
      expect((await w.analyst.inject({ method: 'GET', url: `/api/cases/${w.caseId}` })).statusCode).toBe(403);

      expect((await w.quality.inject({ method: 'GET', url: `/api/cases/${w.caseId}` })).statusCode).toBe(403);
      await grantCaseAccess(w.db, {
        caseId: w.caseId,
        userId: w.ids.quality,
        purpose: 'supervision',
        grantedBy: null,
        expiresAt: new Date(now + 24 * 3600_000),
      });
      const read = await w.quality.inject({ method: 'GET', url: `/api/cases/${w.caseId}` });
      expect(read.statusCode).toBe(200);
      expect(read.json().accessGrant).toMatchObject({ purpose: 'supervision' });
      const reads = (await auditOf(w, w.ids.quality)).filter((e) => e.action === 'read');
      expect(reads).toHaveLength(1);
      expect(reads[0]!.details).toMatchObject({ grant: 'supervision' });
    });

    test('each read of the work queue is one audit entry with the number of cases and persons shown', async () => {
      const w = await world();
      const res = await w.worker.inject({ method: 'GET', url: '/api/cases/queue?limit=50' });
      expect(res.statusCode).toBe(200);
      const shown = res.json().items.length as number;
      expect(shown).toBeGreaterThan(0);
      const entries = await w.db
        .selectFrom('audit_log')
        .select(['purpose', 'entity_type', 'details', 'request_id'])
        .where('request_id', '=', String(res.headers['x-request-id']))
        .execute();
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ purpose: AUDIT_PURPOSES.workQueue, entity_type: 'work_queue' });
      expect(entries[0]!.details).toMatchObject({ cases: shown, persons: 1 });

      // The administrator's search of people is one entry per search too.
      const people = await w.admin.inject({ method: 'GET', url: '/api/users?kind=staff' });
      expect(people.statusCode).toBe(200);
      const listed = await w.db
        .selectFrom('audit_log')
        .select(['entity_type', 'details'])
        .where('request_id', '=', String(people.headers['x-request-id']))
        .execute();
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ entity_type: 'user', details: { list: true, persons: people.json().length } });
    });
  });
}

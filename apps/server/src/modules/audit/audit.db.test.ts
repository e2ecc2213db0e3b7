import { beforeAll, describe, expect, test } from 'vitest';
import { AUDIT_PURPOSES } from '@sagsgang/contracts';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import {
  createUnitTree,
  createUser,
  sessionFor,
  type TestSession,
  type UnitTree,
} from '../../../test/support/test-auth.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { inTransaction } from '../../platform/db/transaction.js';

for (const engine of ENGINES) {
  describe(`audit log [${engine}]`, () => {
    const t = useTestApp(engine);
    let units: UnitTree;
    let topAdmin: TestSession;
    let topAdminId: string;
    let citizenId: string;
    let caseworkerId: string;

    beforeAll(async () => {
      units = await createUnitTree(t().database.db);
      const admin = await createUser(t().database.db, { grants: [{ role: 'admin', unitId: units.authority }] });
      topAdminId = admin.id;
      topAdmin = await sessionFor(t().app, t().database.db, admin.id);
      citizenId = (await createUser(t().database.db, { kind: 'applicant', displayName: 'Karen Jensen' })).id;
      caseworkerId = (
        await createUser(t().database.db, {
          displayName: 'Sara Sagsbehandler',
          grants: [{ role: 'caseworker', unitId: units.teamA1 }],
        })
      ).id;
      for (const purpose of ['Case handling', 'Screening of the application']) {
        await recordAudit(t().database.db, {
          actorUserId: caseworkerId,
          action: 'read',
          subjectUserId: citizenId,
          entityType: 'case',
          entityId: 'c-1',
          purpose,
        });
      }
    });

    test('recordAudit commits with the transaction it is given, or not at all', async () => {
      await expect(
        inTransaction(t().database.db, async (trx) => {
          await recordAudit(trx, {
            actorUserId: caseworkerId,
            action: 'update',
            entityType: 'case',
            entityId: 'rolled-back',
            purpose: 'Test',
          });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      const rows = await t()
        .database.db.selectFrom('audit_log')
        .select('id')
        .where('entity_id', '=', 'rolled-back')
        .execute();
      expect(rows).toEqual([]);
    });

    test('the audit log cannot be altered', async () => {
      await expect(
        t().database.db.deleteFrom('audit_log').where('actor_user_id', '=', caseworkerId).execute(),
      ).rejects.toThrow(/append-only/);
    });

    test('an authority admin searches by data subject, and the search is itself recorded', async () => {
      const res = await topAdmin.inject({ method: 'GET', url: `/api/audit?subjectUserId=${citizenId}` });
      expect(res.statusCode).toBe(200);
      const entries = res.json() as { purpose: string; actor: { displayName: string } }[];
      expect(entries.map((e) => e.purpose).sort()).toEqual(['Case handling', 'Screening of the application']);
      expect(entries[0].actor.displayName).toBe('Sara Sagsbehandler');
      const own = await t()
        .database.db.selectFrom('audit_log')
        .selectAll()
        .where('actor_user_id', '=', topAdminId)
        .where('entity_type', '=', 'audit_log')
        .execute();
      expect(own).toHaveLength(1);
      expect(own[0]).toMatchObject({ action: 'read', subject_user_id: citizenId });
    });

    test('a centre admin sees only entries about their own staff and cannot look up a citizen', async () => {
      const centreB = await createUser(t().database.db, { grants: [{ role: 'admin', unitId: units.centreB }] });
      const s = await sessionFor(t().app, t().database.db, centreB.id);
      const citizen = await s.inject({ method: 'GET', url: `/api/audit?subjectUserId=${citizenId}` });
      expect(citizen.statusCode).toBe(403);
      const all = (await s.inject({ method: 'GET', url: '/api/audit' })).json() as { actor: { id: string } | null }[];
      expect(all.some((e) => e.actor?.id === caseworkerId)).toBe(false);
      const centreA = await createUser(t().database.db, { grants: [{ role: 'admin', unitId: units.centreA }] });
      const a = await sessionFor(t().app, t().database.db, centreA.id);
      const mine = (await a.inject({ method: 'GET', url: `/api/audit?actorUserId=${caseworkerId}` })).json() as {
        purpose: string;
      }[];
      expect(mine.map((e) => e.purpose)).toContain('Case handling');
    });

    test('a non-admin is refused and the refusal is recorded', async () => {
      const s = await sessionFor(t().app, t().database.db, caseworkerId);
      expect((await s.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(403);
      const denied = await t()
        .database.db.selectFrom('audit_log')
        .select('details')
        .where('actor_user_id', '=', caseworkerId)
        .where('action', '=', 'denied')
        .execute();
      expect(denied[0].details).toMatchObject({ route: '/api/audit', method: 'GET' });
    });

    test('exports a data subject’s access log as CSV and as JSON, recording the export', async () => {
      const csv = await topAdmin.inject({
        method: 'GET',
        url: `/api/audit/export?subjectUserId=${citizenId}&format=csv`,
      });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toContain('attachment');
      const lines = csv.body
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n');
      // Written for the data subject, in their language (Danish here): headings, what was done, to what and why.
      expect(lines[0]).toBe('"Tidspunkt","Handling","Formål","Type af post","Postens id","Udført af"');
      const screening = lines.find((l) => l.includes('"Screening of the application"'));
      expect(screening).toMatch(
        /^"\d{4}-\d{2}-\d{2} \d{2}:\d{2}","Læst","Screening of the application","Sag","c-1","Sara Sagsbehandler"$/,
      );
      const json = await topAdmin.inject({
        method: 'GET',
        url: `/api/audit/export?subjectUserId=${citizenId}&format=json`,
      });
      expect(json.json().language).toBe('da');
      expect(json.json().entries.length).toBeGreaterThanOrEqual(2);
      expect(json.json().entries[0]).toMatchObject({
        action: 'read',
        actionText: 'Læst',
        entityType: 'case',
        entityTypeText: 'Sag',
        actor: 'Sara Sagsbehandler',
      });

      // A purpose the catalogue knows is translated; the subject's own acts are theirs; an English speaker reads English.
      await recordAudit(t().database.db, {
        actorUserId: citizenId,
        action: 'read',
        subjectUserId: citizenId,
        entityType: 'case',
        entityId: 'c-own',
        purpose: AUDIT_PURPOSES.ownCaseFile,
      });
      const danish = (
        await topAdmin.inject({ method: 'GET', url: `/api/audit/export?subjectUserId=${citizenId}&format=csv` })
      ).body;
      expect(danish).toContain('"Læst","Aktindsigt i egen sag","Sag","c-own","Dig selv"');
      await t().database.db.updateTable('app_user').set({ locale: 'en' }).where('id', '=', citizenId).execute();
      const english = (
        await topAdmin.inject({ method: 'GET', url: `/api/audit/export?subjectUserId=${citizenId}&format=csv` })
      ).body;
      expect(english.replace(/^\ufeff/, '').split('\r\n')[0]).toBe(
        '"Time","Action","Purpose","Kind of record","Record id","Done by"',
      );
      expect(english).toContain('"Read","Access to own case file","Case","c-own","You"');
      await t().database.db.updateTable('app_user').set({ locale: 'da' }).where('id', '=', citizenId).execute();
      const exports = await t()
        .database.db.selectFrom('audit_log')
        .select('purpose')
        .where('action', '=', 'export')
        .where('subject_user_id', '=', citizenId)
        .execute();
      expect(exports).toHaveLength(4);
      expect(exports[0].purpose).toContain('art. 15');
    });

    test('filters by action, entity type and id, names the subject, and pages back with a cursor that new entries do not shift', async () => {
      for (let i = 0; i < 5; i++) {
        await recordAudit(t().database.db, {
          actorUserId: caseworkerId,
          action: 'update',
          subjectUserId: citizenId,
          entityType: 'case',
          entityId: 'c-paged',
          purpose: `Step ${i}`,
        });
      }
      await recordAudit(t().database.db, {
        actorUserId: caseworkerId,
        action: 'read',
        subjectUserId: citizenId,
        entityType: 'case',
        entityId: 'c-paged',
        purpose: 'Only read',
      });
      const get = async (query: string) => {
        const res = await topAdmin.inject({ method: 'GET', url: `/api/audit?${query}` });
        expect(res.statusCode, res.body).toBe(200);
        return res.json() as {
          id: number;
          purpose: string;
          action: string;
          subjectName: string | null;
          entityId: string;
        }[];
      };
      const filter = 'action=update&entityType=case&entityId=c-paged';
      const first = await get(`${filter}&limit=2`);
      expect(first.map((e) => e.purpose)).toEqual(['Step 4', 'Step 3']);
      expect(first[0].subjectName).toBe('Karen Jensen');
      // Reading the log appends to it; the next page starts below the last id seen, so nothing repeats or is skipped.
      const second = await get(`${filter}&limit=2&before=${first[1].id}`);
      const third = await get(`${filter}&limit=2&before=${second[1].id}`);
      expect([...second, ...third].map((e) => e.purpose)).toEqual(['Step 2', 'Step 1', 'Step 0']);
      expect(await get(`action=read&entityId=c-paged`)).toHaveLength(1);
      expect(await get(`entityType=unit&entityId=c-paged`)).toEqual([]);
    });

    test('exports the log as filtered, within the admin’s reach, and records the export', async () => {
      await recordAudit(t().database.db, {
        actorUserId: caseworkerId,
        action: 'update',
        entityType: 'case',
        entityId: 'c-export',
        purpose: 'Exported step',
      });
      const csv = await topAdmin.inject({ method: 'GET', url: '/api/audit/export?entityId=c-export&action=update' });
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.headers['content-disposition']).toBe('attachment; filename="audit-log.csv"');
      const lines = csv.body
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe(
        '"id","at","action","actor","actor_id","subject","subject_id","entity_type","entity_id","purpose","request_id"',
      );
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('"Sara Sagsbehandler"');
      expect(lines[1]).toContain('"Exported step"');
      const recorded = await t()
        .database.db.selectFrom('audit_log')
        .select(['purpose', 'details'])
        .where('actor_user_id', '=', topAdminId)
        .where('action', '=', 'export')
        .where('subject_user_id', 'is', null)
        .execute();
      expect(recorded).toHaveLength(1);
      expect(recorded[0]).toMatchObject({
        purpose: 'Audit log export',
        details: { format: 'csv', entries: 1, filter: { entityId: 'c-export', action: 'update' } },
      });

      const centreB = await createUser(t().database.db, { grants: [{ role: 'admin', unitId: units.centreB }] });
      const outside = await (
        await sessionFor(t().app, t().database.db, centreB.id)
      ).inject({ method: 'GET', url: '/api/audit/export?entityId=c-export&format=json' });
      expect(outside.statusCode).toBe(200);
      expect(outside.json().entries).toEqual([]); // the caseworker is in centre A
    });

    test('bad queries are refused', async () => {
      expect((await topAdmin.inject({ method: 'GET', url: '/api/audit/export?format=xlsx' })).statusCode).toBe(400);
      expect((await topAdmin.inject({ method: 'GET', url: '/api/audit?action=dance' })).statusCode).toBe(400);
      expect((await topAdmin.inject({ method: 'GET', url: '/api/audit?before=-3' })).statusCode).toBe(400);
      expect(
        (await topAdmin.inject({ method: 'GET', url: `/api/audit?subjectUserId=${citizenId}&colour=red` })).statusCode,
      ).toBe(400);
      expect((await topAdmin.inject({ method: 'GET', url: '/api/audit?from=yesterday' })).statusCode).toBe(400);
    });
  });
}

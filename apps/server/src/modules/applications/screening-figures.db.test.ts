import { describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUser, sessionFor } from '../../../test/support/test-auth.js';
import { applicantPrincipal, makeCaseType, makeUnit, principalFor } from '../../../test/support/case-factories.js';
import { screenCase } from '../cases/index.js';
import { saveAnswers, startApplication, submitApplication } from './index.js';

for (const engine of ENGINES) {
  describe(`screening figures over HTTP [${engine}]`, () => {
    const t = useTestApp(engine);

    test('fully informed on receipt per case type and month, with the caseworker overriding the automatic result', async () => {
      const db = t().database.db;
      const unit = await makeUnit(db);
      const type = await makeCaseType(db, unit.code, 'job-card');
      const lead = await createUser(db, { grants: [{ role: 'teamlead', unitId: unit.id }] });
      const staff = await principalFor(db, lead.id, [{ role: 'teamlead', unitId: unit.id }]);
      const submitted: string[] = [];
      for (let i = 0; i < 3; i++) {
        const applicant = await createUser(db, { kind: 'applicant' });
        const me = applicantPrincipal(applicant.id);
        const draft = await startApplication(db, me, type.code);
        // Job card: the contract always; the education document only applies when the job requires one.
        if (i < 2)
          await saveAnswers(db, me, {
            applicationId: draft.id,
            stepId: 'documents',
            today: '2026-03-02',
            answers: { 'applies:education': 'no' },
          });
        submitted.push(
          (await submitApplication(db, me, { applicationId: draft.id, idempotencyKey: draft.idempotency_key })).caseId,
        );
      }
      // The caseworker finds the first case fully informed after all (the contract came by post).
      const first = await db
        .selectFrom('case_file')
        .select('version')
        .where('id', '=', submitted[0])
        .executeTakeFirstOrThrow();
      await screenCase({ db, actor: staff }, submitted[0], {
        expectedVersion: first.version,
        verdict: 'fully_informed',
        missing: [],
      });

      const s = await sessionFor(t().app, db, lead.id);
      const month = new Date().toISOString().slice(0, 7);
      const res = await s.inject({
        method: 'GET',
        url: `/api/applications/screening-figures?from=2020-01-01&to=2099-01-01&caseTypeId=${type.caseTypeId}`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual([
        {
          caseTypeId: type.caseTypeId,
          caseTypeCode: type.code,
          month,
          received: 3,
          screenedAutomatically: 3,
          automaticFullyInformed: 0,
          verdicts: 1,
          confirmed: 0,
          overridden: 1,
          screened: 3,
          fullyInformedOnReceipt: 1,
          share: 0.333,
        },
      ]);

      const applicant = await createUser(db, { kind: 'applicant' });
      const as = await sessionFor(t().app, db, applicant.id);
      expect(
        (await as.inject({ method: 'GET', url: '/api/applications/screening-figures?from=2020-01-01&to=2099-01-01' }))
          .statusCode,
      ).toBe(403);
    });
  });
}

/**
 * The complaints figures against an independent count: a history of decided cases with complaints at every step is
 * generated, then complaints per 1,000 decisions and the reversal rate are recounted in plain code from the raw
 * complaint and event rows (the last decision of each case not undone by a later reopening) and compared.
 */
import { expect, test } from 'vitest';
import { sql } from 'kysely';
import { localDateOf } from '@sagsgang/clock';
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
import { mulberry32 } from '../../../test/support/seeded-random.js';
import { decideCase, openCase } from '../cases/index.js';
import {
  answerComplaint,
  fileComplaint,
  getComplaintFigures,
  reconsiderComplaint,
  registerAppealOutcome,
} from './index.js';
import { complaintIndicators } from './indicators.js';

describeEachEngine('complaints figures', (database) => {
  test('complaints per 1,000 decisions and the reversal rate equal a count over the raw rows', async () => {
    const db = database().db;
    const centre = await makeUnit(db, null, 'centre');
    const unit = await makeUnit(db, centre.id);
    const type = await makeCaseType(db, unit.code, 'family-reunification');
    const workerId = await makeStaffUser(db);
    await grantRole(db, workerId, 'caseworker', unit.id);
    const worker = await principalFor(db, workerId, [{ role: 'caseworker', unitId: unit.id }]);
    const quality = await principalFor(db, workerId, [{ role: 'quality', unitId: unit.id }]);
    const citizenId = await makeApplicantUser(db);
    const citizen = applicantPrincipal(citizenId);
    const random = mulberry32(11);
    const outcomes = ['upheld', 'changed', 'reversed', 'remitted', 'dismissed'] as const;

    for (let i = 0; i < 24; i++) {
      const c = await openCase(
        { db, actor: worker },
        {
          caseTypeCode: type.definition.code,
          channel: 'digital',
          applicant: { userId: citizenId, name: 'A' },
          assigneeId: workerId,
        },
      );
      const refused = random() < 0.7;
      const d = await decideCase({ db, actor: worker }, c.id, {
        expectedVersion: c.version,
        outcome: refused ? 'refused' : 'granted',
        reasons: 'R',
        legalRules: ['§ 9'],
        ...(refused ? { appealGuidance: 'Klag' } : {}),
      });
      if (random() < 0.2) {
        const id = await fileComplaint(db, citizen, { reference: c.reference, kind: 'procedure', text: 'Ventetid' });
        if (random() < 0.7)
          await answerComplaint({ db, principal: quality }, id, {
            expectedVersion: 1,
            outcome: 'partly_justified',
            cause: 'waiting_time',
            letter: 'Svar',
          });
      }
      if (!refused || random() < 0.3) continue;
      const id = await fileComplaint(db, citizen, { reference: d.case.reference, kind: 'decision', text: 'Uenig' });
      const step = random();
      if (step < 0.2) continue;
      await reconsiderComplaint({ db, principal: worker }, id, {
        expectedVersion: 1,
        result: 'upheld',
        reasons: 'Fastholdt',
        forwardingLetter: 'Hermed',
      });
      if (step < 0.35) continue;
      await registerAppealOutcome({ db, principal: quality }, id, {
        expectedVersion: 2,
        outcome: outcomes[Math.floor(random() * outcomes.length)],
        decidedOn: localDateOf(new Date()),
        reasons: 'Begrundelse',
      });
    }

    // The independent count, from the raw rows of the unit.
    const events = await sql<{ case_id: string; activity: string; occurred_at: Date }>`
      SELECT e.case_id, e.activity, e.occurred_at FROM case_event e JOIN case_file f ON f.id = e.case_id
      WHERE f.unit_id = ${unit.id} ORDER BY e.case_id, e.seq`.execute(db);
    const lastDecision = new Map<string, Date | null>();
    for (const e of events.rows) {
      if (e.activity === 'decided' && !lastDecision.get(e.case_id))
        lastDecision.set(e.case_id, new Date(e.occurred_at));
      if (e.activity === 'reopened') lastDecision.set(e.case_id, null);
    }
    const decisions = [...lastDecision.values()].filter((d) => d !== null).length;
    const complaints = await db.selectFrom('complaint').selectAll().where('unit_id', '=', unit.id).execute();
    const appealDecided = complaints.filter((c) => c.appeal_outcome !== null);
    const reversing = appealDecided.filter((c) => ['changed', 'reversed', 'remitted'].includes(c.appeal_outcome!));
    expect(appealDecided.length).toBeGreaterThan(2);
    expect(reversing.length).toBeGreaterThan(0);

    const today = localDateOf(new Date());
    const figures = await getComplaintFigures(db, quality, { from: '2020-01-01', to: '2099-12-31' });
    expect(figures.totals.complaints).toBe(complaints.length);
    expect(figures.totals.decisions).toBe(decisions);
    expect(figures.totals.per1000Decisions).toBeCloseTo((1000 * complaints.length) / decisions, 9);
    expect(figures.totals.appealDecisions).toBe(appealDecided.length);
    expect(figures.totals.reversalRate).toBeCloseTo(reversing.length / appealDecided.length, 9);
    expect(figures.totals.forwarded).toBe(complaints.filter((c) => c.forwarded_at !== null).length);
    expect(figures.procedureByCause).toEqual(
      complaints.some((c) => c.procedure_cause)
        ? [
            {
              cause: 'waiting_time',
              answered: complaints.filter((c) => c.procedure_cause === 'waiting_time').length,
              justified: complaints.filter((c) => c.procedure_cause === 'waiting_time').length,
            },
          ]
        : [],
    );
    expect(figures.rows.map((r) => r.quarter)).toEqual([
      `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`,
    ]);

    // The indicators the goals module reads give the same values.
    const filter = { from: '2020-01-01', to: '2099-12-31', unitIds: [unit.id] };
    const [per1000, reversal] = await Promise.all(complaintIndicators.map((i) => i.compute(db, filter)));
    expect(per1000).toEqual({ value: figures.totals.per1000Decisions, basis: decisions });
    expect(reversal).toEqual({ value: figures.totals.reversalRate, basis: appealDecided.length });

    // A reader of another unit sees none of it.
    const elsewhere = await principalFor(db, workerId, [
      { role: 'quality', unitId: (await makeUnit(db, centre.id)).id },
    ]);
    const theirs = await getComplaintFigures(db, elsewhere, { from: '2020-01-01', to: '2099-12-31' });
    expect(theirs.totals).toMatchObject({ complaints: 0, decisions: 0, per1000Decisions: null, reversalRate: null });
  });
});

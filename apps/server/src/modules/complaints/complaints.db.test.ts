import { expect, test } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/support/test-database.js';
import {
  applicantPrincipal,
  grantRole,
  makeApplicantUser,
  makeCaseType,
  makeStaffUser,
  makeUnit,
  principalFor,
  submitFamilyReunification,
} from '../../../test/support/case-factories.js';
import { AppError } from '../../platform/errors.js';
import type { Executor } from '../../platform/db/transaction.js';
import { decideCase, getWorkQueue } from '../cases/index.js';
import {
  answerComplaint,
  assignComplaint,
  fileComplaint,
  getComplaint,
  listComplaints,
  reclassifyComplaint,
  reconsiderComplaint,
  registerAppealOutcome,
  registerComplaint,
  ownComplaintsOfCase,
} from './index.js';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const today = () => new Date().toISOString().slice(0, 10);

/** A unit with a caseworker, a second caseworker, a quality officer; and a citizen's refused case. */
async function world(db: Executor) {
  const centre = await makeUnit(db, null, 'centre');
  const unit = await makeUnit(db, centre.id);
  const otherUnit = await makeUnit(db, centre.id);
  const type = await makeCaseType(db, unit.code, 'family-reunification');
  const staff = async (role: 'caseworker' | 'quality' | 'teamlead', unitId: string) => {
    const id = await makeStaffUser(db);
    await grantRole(db, id, role, unitId);
    return principalFor(db, id, [{ role, unitId }]);
  };
  const worker = await staff('caseworker', unit.id);
  const colleague = await staff('caseworker', unit.id);
  const quality = await staff('quality', unit.id);
  const qualityElsewhere = await staff('quality', otherUnit.id);
  const citizen = applicantPrincipal(await makeApplicantUser(db, 'Amira'));
  const stranger = applicantPrincipal(await makeApplicantUser(db, 'Bo'));
  const refusedCase = async () => {
    const submitted = await submitFamilyReunification(db, citizen, type.definition.code);
    const caseId = submitted.caseId;
    await sql`UPDATE case_file SET assignee_id = ${worker.userId} WHERE id = ${caseId}`.execute(db);
    const c = await db
      .selectFrom('case_file')
      .select(['version', 'reference'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    await decideCase({ db, actor: worker }, caseId, {
      expectedVersion: c.version,
      outcome: 'refused',
      reasons: 'Boligkravet er ikke opfyldt.',
      legalRules: ['Udlændingelovens § 9'],
      appealGuidance: 'Du kan klage inden 4 uger.',
    });
    return { caseId, reference: c.reference };
  };
  return { unit, otherUnit, type, worker, colleague, quality, qualityElsewhere, citizen, stranger, refusedCase };
}

async function complaintRow(db: Executor, id: string) {
  return db.selectFrom('complaint').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function activities(db: Executor, caseId: string) {
  const r = await db.selectFrom('case_event').select('activity').where('case_id', '=', caseId).orderBy('seq').execute();
  return r.map((e) => e.activity);
}

describeEachEngine('complaints', (database) => {
  test('a decision complaint: upheld on reconsideration, forwarded, remitted — the case is back in the queue', async () => {
    const db = database().db;
    const w = await world(db);
    const { caseId, reference } = await w.refusedCase();
    const id = await fileComplaint(db, w.citizen, { reference, kind: 'decision', text: 'Jeg er uenig.' });

    const row = await complaintRow(db, id);
    expect(row).toMatchObject({
      unit_id: w.unit.id,
      handler_id: w.worker.userId,
      state: 'received',
      channel: 'digital',
    });
    expect(row.decision_event_id).not.toBeNull();
    expect(row.response_deadline! > today()).toBe(true);
    expect(row.warn_date! <= row.response_deadline!).toBe(true);
    expect((await activities(db, caseId)).slice(-1)).toEqual(['complaint_received']);

    const ctx = { db, principal: w.worker };
    const forwarded = await reconsiderComplaint(ctx, id, {
      expectedVersion: 1,
      result: 'upheld',
      reasons: 'Afgørelsen er rigtig.',
      forwardingLetter: 'Vi sender hermed klagen.',
    });
    expect(forwarded).toMatchObject({ state: 'forwarded', reconsideration: 'upheld', appeal_body: 'Udlændingenævnet' });

    // A reconsideration after forwarding is refused, and so is a stale version.
    expect(
      (
        await refusal(
          reconsiderComplaint(ctx, id, { expectedVersion: 2, result: 'upheld', reasons: 'x', forwardingLetter: 'y' }),
        )
      ).code,
    ).toBe('invalid_state');

    await registerAppealOutcome(ctx, id, {
      expectedVersion: 2,
      outcome: 'remitted',
      decidedOn: today(),
      reasons: 'Sagen er ikke tilstrækkeligt oplyst.',
    });
    const c = await db
      .selectFrom('case_file')
      .select(['state', 'outcome'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(c).toEqual({ state: 'in_progress', outcome: null });
    const clock = await db.selectFrom('case_clock').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(clock.decided_at).toBeNull();
    expect(clock.risk_date).not.toBeNull();
    const queue = await getWorkQueue(db, w.worker, { limit: 50, offset: 0 }, new Date());
    expect(queue.items.map((i) => i.id)).toContain(caseId);
    expect((await activities(db, caseId)).slice(-4)).toEqual([
      'complaint_received',
      'complaint_forwarded',
      'reopened',
      'appeal_decided',
    ]);

    // A second outcome is refused.
    const second = await refusal(
      registerAppealOutcome(ctx, id, { expectedVersion: 3, outcome: 'upheld', decidedOn: today(), reasons: 'x' }),
    );
    expect(second).toMatchObject({ code: 'invalid_state', details: { step: 'register_appeal_outcome' } });

    // The citizen reads each step; another citizen sees nothing of it.
    const own = await ownComplaintsOfCase(db, w.citizen, caseId);
    expect(own.map((x) => [x.state, x.appealOutcome])).toEqual([['appeal_decided', 'remitted']]);
    expect(await ownComplaintsOfCase(db, w.stranger, caseId)).toEqual([]);
    expect((await refusal(getComplaint(db, w.stranger, id))).code).toBe('not_found');
  });

  test('an appeal outcome for a complaint never forwarded is refused, and nothing changes', async () => {
    const db = database().db;
    const w = await world(db);
    const { reference } = await w.refusedCase();
    const id = await fileComplaint(db, w.citizen, { reference, kind: 'decision', text: 'Uenig.' });
    const err = await refusal(
      registerAppealOutcome({ db, principal: w.quality }, id, {
        expectedVersion: 1,
        outcome: 'reversed',
        decidedOn: today(),
        reasons: 'x',
      }),
    );
    expect(err).toMatchObject({
      code: 'invalid_state',
      details: { step: 'register_appeal_outcome', state: 'received' },
    });
    expect(await complaintRow(db, id)).toMatchObject({ state: 'received', appeal_outcome: null, version: 1 });
  });

  test('the authority changes its own decision: the case is decided anew and the clock counts the new decision', async () => {
    const db = database().db;
    const w = await world(db);
    const { caseId, reference } = await w.refusedCase();
    const id = await fileComplaint(db, w.citizen, { reference, kind: 'decision', text: 'Boligen er stor nok.' });
    const done = await reconsiderComplaint({ db, principal: w.worker }, id, {
      expectedVersion: 1,
      result: 'changed',
      reasons: 'Nye oplysninger om boligen.',
      decision: { outcome: 'granted', reasons: 'Boligkravet er opfyldt.', legalRules: ['Udlændingelovens § 9'] },
    });
    expect(done).toMatchObject({ state: 'changed_by_authority', reconsideration: 'changed' });
    const c = await db
      .selectFrom('case_file')
      .select(['state', 'outcome'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(c).toEqual({ state: 'decided', outcome: 'granted' });
    const clock = await db.selectFrom('case_clock').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(clock).toMatchObject({ outcome: 'granted' });
    expect(clock.decided_at).not.toBeNull();
    expect((await activities(db, caseId)).slice(-4)).toEqual([
      'complaint_received',
      'reopened',
      'decided',
      'complaint_reconsidered',
    ]);
  });

  test('a procedure complaint: reclassified with a reason, answered with outcome and cause; decision steps refused', async () => {
    const db = database().db;
    const w = await world(db);
    const { reference } = await w.refusedCase();
    const id = await registerComplaint(db, w.worker, {
      caseReference: reference,
      kind: 'decision',
      channel: 'phone',
      text: 'Borgeren ringede og klagede over ventetiden.',
    });
    expect(await complaintRow(db, id)).toMatchObject({
      channel: 'phone',
      registered_by: w.worker.userId,
      complainant_id: w.citizen.userId,
    });
    const ctx = { db, principal: w.quality };
    await reclassifyComplaint(ctx, id, {
      expectedVersion: 1,
      kind: 'procedure',
      reason: 'Klagen handler om ventetid.',
    });
    expect(await complaintRow(db, id)).toMatchObject({
      kind: 'procedure',
      decision_event_id: null,
      reclassified_reason: 'Klagen handler om ventetid.',
    });
    expect(
      (
        await refusal(
          reconsiderComplaint(ctx, id, { expectedVersion: 2, result: 'upheld', reasons: 'x', forwardingLetter: 'y' }),
        )
      ).code,
    ).toBe('invalid_state');
    expect((await refusal(assignComplaint(ctx, id, { expectedVersion: 2, handlerId: w.citizen.userId }))).code).toBe(
      'validation',
    );
    await assignComplaint(ctx, id, { expectedVersion: 2, handlerId: w.colleague.userId });
    expect(await complaintRow(db, id)).toMatchObject({ handler_id: w.colleague.userId, version: 3 });
    await answerComplaint(ctx, id, {
      expectedVersion: 3,
      outcome: 'justified',
      cause: 'waiting_time',
      letter: 'Vi beklager ventetiden.',
    });
    expect(await complaintRow(db, id)).toMatchObject({
      state: 'answered',
      procedure_outcome: 'justified',
      procedure_cause: 'waiting_time',
    });
    expect(
      (
        await refusal(
          answerComplaint(ctx, id, { expectedVersion: 4, outcome: 'justified', cause: 'conduct', letter: 'x' }),
        )
      ).code,
    ).toBe('invalid_state');
    expect(
      (await refusal(reclassifyComplaint(ctx, id, { expectedVersion: 4, kind: 'decision', reason: 'x' }))).code,
    ).toBe('invalid_state');
  });

  test('who sees what: the quality unit its units, a caseworker only complaints on their cases', async () => {
    const db = database().db;
    const w = await world(db);
    const { reference } = await w.refusedCase();
    const id = await fileComplaint(db, w.citizen, { reference, kind: 'procedure', text: 'Lang ventetid.' });
    const ids = async (p: typeof w.worker) => (await listComplaints(db, p, { limit: 100 })).map((c) => c.id);
    expect(await ids(w.worker)).toEqual([id]);
    expect(await ids(w.quality)).toEqual([id]);
    expect(await ids(w.colleague)).toEqual([]);
    expect(await ids(w.qualityElsewhere)).toEqual([]);
    expect((await refusal(getComplaint(db, w.colleague, id))).code).toBe('not_found');
    expect((await refusal(getComplaint(db, w.qualityElsewhere, id))).code).toBe('not_found');
    expect(
      (
        await refusal(
          answerComplaint({ db, principal: w.colleague }, id, {
            expectedVersion: 1,
            outcome: 'justified',
            cause: 'conduct',
            letter: 'x',
          }),
        )
      ).code,
    ).toBe('not_found');
    expect(await complaintRow(db, id)).toMatchObject({ state: 'received', version: 1 });
    // Staff cannot register a complaint on a case outside their units; nothing is stored.
    const before = await db
      .selectFrom('complaint')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const err = await refusal(
      registerComplaint(db, w.qualityElsewhere, {
        caseReference: reference,
        kind: 'procedure',
        channel: 'letter',
        text: 'x',
      }),
    );
    expect(err.code).toBe('validation');
    const after = await db
      .selectFrom('complaint')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // A decision complaint on a case not yet decided is refused.
    const open = await submitFamilyReunification(db, w.citizen, w.type.definition.code);
    const openRef = (
      await db.selectFrom('case_file').select('reference').where('id', '=', open.caseId).executeTakeFirstOrThrow()
    ).reference;
    expect(
      (await refusal(fileComplaint(db, w.citizen, { reference: openRef, kind: 'decision', text: 'x' }))).code,
    ).toBe('validation');
  });
});

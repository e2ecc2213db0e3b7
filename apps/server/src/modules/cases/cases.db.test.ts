import { expect, test } from 'vitest';
import { describeEachEngine } from '../../../test/support/test-database.js';
import {
  applicantPrincipal,
  definitionFor,
  grantRole,
  makeApplicantUser,
  makeCaseType,
  makeStaffUser,
  makeUnit,
  principalFor,
} from '../../../test/support/case-factories.js';
import { AppError } from '../../platform/errors.js';
import type { Executor } from '../../platform/db/transaction.js';
import { publishCaseType } from '../case-types/index.js';
import {
  closeCase,
  decideCase,
  extendDeadline,
  getApplicantCase,
  getCaseDetail,
  getWorkQueue,
  openCase,
  receiveInformation,
  reassignCase,
  recordNote,
  requestInformation,
  screenCase,
  changePhase,
  startHearing,
  recordHearingReply,
} from './index.js';

const at = (iso: string) => new Date(iso);

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

async function clockOf(db: Executor, caseId: string) {
  return db.selectFrom('case_clock').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
}

async function setup(db: Executor, base?: Parameters<typeof makeCaseType>[2]) {
  const centre = await makeUnit(db, null, 'centre');
  const unit = await makeUnit(db, centre.id);
  const type = await makeCaseType(db, unit.code, base);
  const userId = await makeStaffUser(db);
  await grantRole(db, userId, 'caseworker', unit.id);
  const worker = await principalFor(db, userId, [{ role: 'caseworker', unitId: unit.id }]);
  return { centre, unit, type, worker, userId };
}

describeEachEngine('case lifecycle', (database) => {
  test('a whole case: every step appends one event and the clock pauses while awaiting the applicant', async () => {
    const { db } = database();
    const { type, worker, unit, userId } = await setup(db);
    const ctx = (now: string) => ({ db, actor: worker, now: at(now) });
    const c = await openCase(ctx('2026-01-05T10:00:00Z'), {
      caseTypeCode: type.code,
      channel: 'digital',
      applicant: { name: 'Amira Hansen' },
      assigneeId: userId,
    });
    expect(c).toMatchObject({ state: 'received', version: 1, phase_code: 'received', unit_id: unit.id });
    expect(c.reference).toMatch(/^SAG-2026-\d{6}$/);
    const base = await clockOf(db, c.id);
    // 5 April 2026 + 3 months is Easter Sunday, then Easter Monday: the deadline rolls to Tuesday.
    expect(base).toMatchObject({ clock_start_date: '2026-01-05', deadline: '2026-04-07', risk_date: '2026-04-07' });

    let r = await screenCase(ctx('2026-01-06T09:00:00Z'), c.id, {
      expectedVersion: 1,
      verdict: 'missing_information',
      missing: [{ requirementCode: 'housing', text: 'Lejekontrakt' }],
    });
    r = await requestInformation(ctx('2026-01-06T09:05:00Z'), c.id, {
      expectedVersion: r.case.version,
      items: [{ text: 'Lejekontrakt' }],
      message: 'Send venligst lejekontrakten.',
      dueDate: '2026-01-20',
    });
    expect(r.case.state).toBe('awaiting_applicant');
    const paused = await clockOf(db, c.id);
    expect(paused.paused_since).not.toBeNull();
    expect(paused.risk_date).toBeNull();
    expect(paused.fully_informed_on_receipt).toBe(false);

    r = await receiveInformation(ctx('2026-01-16T12:00:00Z'), c.id, {
      expectedVersion: r.case.version,
      fullyInformed: true,
    });
    const resumed = await clockOf(db, c.id);
    expect(resumed.paused_since).toBeNull();
    expect(resumed.paused_days).toBe(10);
    expect(resumed.deadline).toBe('2026-04-15');

    r = await recordNote(ctx('2026-01-17T08:00:00Z'), c.id, {
      expectedVersion: r.case.version,
      kind: 'oral_information',
      who: 'Ansøger (telefon)',
      when: '2026-01-17T07:55:00Z',
      what: 'Bekræfter adresse.',
    });
    r = await decideCase(ctx('2026-02-02T10:00:00Z'), c.id, {
      expectedVersion: r.case.version,
      outcome: 'refused',
      reasons: 'Boligkravet er ikke opfyldt.',
      legalRules: ['Udlændingelovens § 9, stk. 5'],
      appealGuidance: 'Du kan klage inden 8 uger.',
    });
    r = await closeCase(ctx('2026-02-03T10:00:00Z'), c.id, { expectedVersion: r.case.version });
    expect(r.case).toMatchObject({ state: 'closed', outcome: 'refused', version: 7 });

    const events = await db.selectFrom('case_event').selectAll().where('case_id', '=', c.id).orderBy('seq').execute();
    expect(events.map((e) => e.activity)).toEqual([
      'received',
      'screened',
      'information_requested',
      'information_received',
      'note_recorded',
      'decided',
      'closed',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(events.every((e) => e.actor_id === userId && e.unit_id === unit.id)).toBe(true);
    expect(events[5].attributes).toMatchObject({ outcome: 'refused', legalRules: ['Udlændingelovens § 9, stk. 5'] });
    const done = await clockOf(db, c.id);
    expect(done).toMatchObject({
      decided_date: '2026-02-02',
      processing_days: 28,
      goal_met: true,
      state: 'closed',
      outcome: 'refused',
    });
  });

  test('illegal steps are refused with invalid_state and leave no event', async () => {
    const { db } = database();
    const { type, worker } = await setup(db);
    const ctx = { db, actor: worker };
    const c = await openCase(ctx, { caseTypeCode: type.code, channel: 'paper', applicant: { name: 'A' } });
    // The details name the step, the state and any reason beyond it, so the back office can word the refusal.
    expect(await refusal(receiveInformation(ctx, c.id, { expectedVersion: 1, fullyInformed: true }))).toMatchObject({
      code: 'invalid_state',
      details: { operation: 'register_information', state: 'received', reason: 'no_request_pending' },
    });
    expect(await refusal(closeCase(ctx, c.id, { expectedVersion: 1 }))).toMatchObject({
      code: 'invalid_state',
      details: { operation: 'close', state: 'received' },
    });
    expect(await refusal(recordHearingReply(ctx, c.id, { expectedVersion: 1, summary: 'x' }))).toMatchObject({
      code: 'invalid_state',
      details: { operation: 'register_hearing_reply', state: 'received', reason: 'no_hearing_pending' },
    });
    const samePhase = await refusal(changePhase(ctx, c.id, { expectedVersion: 1, phaseCode: 'received' }));
    expect(samePhase).toMatchObject({
      code: 'invalid_state',
      details: { operation: 'change_phase', state: 'received', reason: 'same_phase' },
    });
    const decided = await decideCase(ctx, c.id, {
      expectedVersion: 1,
      outcome: 'granted',
      reasons: 'OK',
      legalRules: ['§ 9'],
    });
    const closed = await closeCase(ctx, c.id, { expectedVersion: decided.case.version });
    const again = await refusal(
      decideCase(ctx, c.id, {
        expectedVersion: closed.case.version,
        outcome: 'granted',
        reasons: 'x',
        legalRules: ['§ 9'],
      }),
    );
    expect(again).toMatchObject({ code: 'invalid_state', details: { operation: 'decide', state: 'closed' } });
    expect(again.details).not.toHaveProperty('reason');
    expect(again.message).toContain('closed');
    const n = await db
      .selectFrom('case_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(3);
  });

  test('an outcome the case type does not have and an unknown phase are refused naming the field', async () => {
    const { db } = database();
    const { type, worker } = await setup(db);
    const c = await openCase(
      { db, actor: worker },
      { caseTypeCode: type.code, channel: 'digital', applicant: { name: 'A' } },
    );
    const bad = await refusal(
      decideCase({ db, actor: worker }, c.id, {
        expectedVersion: 1,
        outcome: 'partly_granted',
        reasons: 'x',
        legalRules: ['§'],
        appealGuidance: 'g',
      }),
    );
    expect(bad).toMatchObject({ code: 'validation' });
    expect(bad.message).toContain('outcome');
    const phase = await refusal(changePhase({ db, actor: worker }, c.id, { expectedVersion: 1, phaseCode: 'nope' }));
    expect(phase.message).toContain('phaseCode');
    const ok = await changePhase({ db, actor: worker }, c.id, { expectedVersion: 1, phaseCode: 'decision' });
    expect(ok.case.phase_code).toBe('decision');
  });

  test('a stale version is a conflict; of two concurrent changes exactly one wins', async () => {
    const { db } = database();
    const { type, worker } = await setup(db);
    const ctx = { db, actor: worker };
    const c = await openCase(ctx, { caseTypeCode: type.code, channel: 'digital', applicant: { name: 'A' } });
    const results = await Promise.allSettled([
      screenCase(ctx, c.id, { expectedVersion: 1, verdict: 'fully_informed', missing: [] }),
      recordNote(ctx, c.id, {
        expectedVersion: 1,
        kind: 'internal',
        who: 'Me',
        when: new Date().toISOString(),
        what: 'x',
      }),
    ]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((x) => x.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as AppError).code).toBe('conflict');
    const stale = await refusal(
      recordNote(ctx, c.id, {
        expectedVersion: 1,
        kind: 'internal',
        who: 'Me',
        when: new Date().toISOString(),
        what: 'y',
      }),
    );
    expect(stale.code).toBe('conflict');
    const events = await db.selectFrom('case_event').select('seq').where('case_id', '=', c.id).execute();
    expect(events).toHaveLength(2);
  });

  test('a caseworker cannot act on or read a case of another unit; the parent unit covers its teams', async () => {
    const { db } = database();
    const { type, worker, centre } = await setup(db);
    const c = await openCase(
      { db, actor: worker },
      { caseTypeCode: type.code, channel: 'digital', applicant: { name: 'A' } },
    );
    const other = await makeUnit(db);
    const outsiderId = await makeStaffUser(db);
    const outsider = await principalFor(db, outsiderId, [{ role: 'caseworker', unitId: other.id }]);
    expect(
      (
        await refusal(
          screenCase({ db, actor: outsider }, c.id, { expectedVersion: 1, verdict: 'fully_informed', missing: [] }),
        )
      ).code,
    ).toBe('forbidden');
    expect((await refusal(getCaseDetail(db, outsider, c.id))).code).toBe('forbidden');
    const leadId = await makeStaffUser(db);
    const lead = await principalFor(db, leadId, [{ role: 'teamlead', unitId: centre.id }]);
    const r = await screenCase({ db, actor: lead }, c.id, {
      expectedVersion: 1,
      verdict: 'fully_informed',
      missing: [],
    });
    expect(r.case.version).toBe(2);
  });

  test('a case keeps the case-type version it was opened under', async () => {
    const { db } = database();
    const { type, worker } = await setup(db);
    const c = await openCase(
      { db, actor: worker },
      { caseTypeCode: type.code, channel: 'digital', applicant: { name: 'A' } },
    );
    await publishCaseType(db, { ...type.definition, outcomes: ['granted', 'withdrawn'], appeal: null }, null);
    const detail = await getCaseDetail(db, worker, c.id);
    expect(detail.caseTypeVersion).toBe(1);
    expect(detail.outcomes).toContain('refused');
    const r = await decideCase({ db, actor: worker }, c.id, {
      expectedVersion: 1,
      outcome: 'refused',
      reasons: 'x',
      legalRules: ['§'],
      appealGuidance: 'g',
    });
    expect(r.case.outcome).toBe('refused');
  });

  test('an extension records the new expected date; beyond the maximum it is refused', async () => {
    const { db } = database();
    const { type, worker } = await setup(db);
    const ctx = { db, actor: worker, now: at('2026-03-02T10:00:00Z') };
    const c = await openCase(
      { ...ctx, now: at('2026-01-05T10:00:00Z') },
      { caseTypeCode: type.code, channel: 'digital', applicant: { name: 'A' } },
    );
    const r = await extendDeadline(ctx, c.id, {
      expectedVersion: 1,
      by: { amount: 1, unit: 'months' },
      reason: 'Sagen kræver udtalelse fra politiet.',
      applicantMessage: 'Vi forventer nu at afgøre din sag senere.',
    });
    const ev = await db
      .selectFrom('case_event')
      .select('attributes')
      .where('id', '=', r.eventId)
      .executeTakeFirstOrThrow();
    expect(ev.attributes).toMatchObject({
      previousDeadline: '2026-04-07',
      newDeadline: '2026-05-05',
      applicantNotified: true,
    });
    expect((await clockOf(db, c.id)).deadline).toBe('2026-05-05');
    const over = await refusal(
      extendDeadline(ctx, c.id, {
        expectedVersion: 2,
        by: { amount: 2, unit: 'months' },
        reason: 'x',
        applicantMessage: 'y',
      }),
    );
    expect(over.message).toContain('by');
  });

  test('a job card clock starts only when the case is fully informed', async () => {
    const { db } = database();
    const { type, worker } = await setup(db, 'job-card');
    const ctx = (now: string) => ({ db, actor: worker, now: at(now) });
    const c = await openCase(ctx('2026-02-02T09:00:00Z'), {
      caseTypeCode: type.code,
      channel: 'digital',
      applicant: { name: 'A' },
    });
    expect(await clockOf(db, c.id)).toMatchObject({ clock_start_date: null, deadline: null, risk_date: null });
    await screenCase(ctx('2026-02-03T09:00:00Z'), c.id, {
      expectedVersion: 1,
      verdict: 'missing_information',
      missing: [{ text: 'Kontrakt' }],
    });
    await requestInformation(ctx('2026-02-03T09:10:00Z'), c.id, {
      expectedVersion: 2,
      items: [{ text: 'Kontrakt' }],
      message: 'm',
      dueDate: '2026-02-17',
    });
    expect(await clockOf(db, c.id)).toMatchObject({ clock_start_date: null, fully_informed_on_receipt: false });
    await receiveInformation(ctx('2026-02-16T09:00:00Z'), c.id, { expectedVersion: 3, fullyInformed: true });
    expect(await clockOf(db, c.id)).toMatchObject({
      clock_start_date: '2026-02-16',
      deadline: '2026-03-16',
      risk_date: '2026-03-16',
    });
  });

  test('hearing of parties waits for the reply; reassignment moves the case', async () => {
    const { db } = database();
    const { type, worker, unit } = await setup(db);
    const ctx = { db, actor: worker, now: at('2026-01-10T10:00:00Z') };
    const c = await openCase(ctx, { caseTypeCode: type.code, channel: 'digital', applicant: { name: 'A' } });
    const past = await refusal(
      startHearing(ctx, c.id, {
        expectedVersion: 1,
        party: 'Ansøger',
        subject: 'Oplysninger fra politiet',
        replyBy: '2026-01-09',
      }),
    );
    expect(past.message).toContain('replyBy');
    let r = await startHearing(ctx, c.id, {
      expectedVersion: 1,
      party: 'Ansøger',
      subject: 'Oplysninger fra politiet',
      replyBy: '2026-01-24',
    });
    expect(r.case.state).toBe('awaiting_hearing');
    r = await recordHearingReply(ctx, c.id, { expectedVersion: 2, summary: 'Ingen bemærkninger.' });
    expect(r.case.state).toBe('in_progress');
    r = await reassignCase(ctx, c.id, { expectedVersion: 3, assigneeId: worker.userId });
    expect(r.case.assignee_id).toBe(worker.userId);
    const someoneElse = await makeStaffUser(db);
    await grantRole(db, someoneElse, 'caseworker', unit.id);
    const notLead = await refusal(reassignCase(ctx, c.id, { expectedVersion: 4, assigneeId: someoneElse }));
    expect(notLead.code).toBe('forbidden');
  });

  test('a case is not opened for a staff member as applicant, nor dated back beyond the window', async () => {
    const { db } = database();
    const { type, worker, userId } = await setup(db);
    const now = at('2026-06-01T10:00:00Z');
    const open = (input: { receivedAt?: string; applicantId?: string }, receiptBackdateDays?: number) =>
      openCase(
        { db, actor: worker, now, receiptBackdateDays },
        {
          caseTypeCode: type.code,
          channel: 'paper',
          receivedAt: input.receivedAt,
          applicant: { userId: input.applicantId, name: 'A' },
        },
      );
    const staffAsApplicant = await refusal(open({ applicantId: userId }));
    expect(staffAsApplicant).toMatchObject({ code: 'validation', details: [{ path: 'applicant.userId' }] });
    expect((await refusal(open({ receivedAt: '2001-01-02T10:00:00Z' }))).message).toBe(
      'receivedAt: more than 365 days ago',
    );
    expect((await refusal(open({ receivedAt: '2026-04-01T10:00:00Z' }, 30))).code).toBe('validation');
    const cases = await db.selectFrom('case_file').select('id').where('case_type_id', '=', type.caseTypeId).execute();
    expect(cases).toEqual([]);
    const late = await open({ receivedAt: '2025-07-01T10:00:00Z', applicantId: await makeApplicantUser(db) });
    expect(late.received_at.toISOString()).toBe('2025-07-01T10:00:00.000Z');
  });

  test("an applicant sees their own case and gets 404 for anyone else's", async () => {
    const { db } = database();
    const { type, worker } = await setup(db);
    const mine = await makeApplicantUser(db);
    const theirs = await makeApplicantUser(db);
    const c = await openCase(
      { db, actor: worker },
      { caseTypeCode: type.code, channel: 'digital', applicant: { userId: mine, name: 'Me' } },
    );
    const view = await getApplicantCase(db, applicantPrincipal(mine), c.id);
    expect(view).toMatchObject({ reference: c.reference, state: 'received', phase: { code: 'received' } });
    expect((await refusal(getApplicantCase(db, applicantPrincipal(theirs), c.id))).code).toBe('not_found');
    expect((await refusal(getCaseDetail(db, applicantPrincipal(mine), c.id))).code).toBe('forbidden');
  });
});

describeEachEngine('work queue', (database) => {
  test('orders by deadline risk, filters, and never shows another unit', async () => {
    const { db } = database();
    const { type, worker, unit } = await setup(db);
    const other = await setup(db);
    const open = (receivedAt: string, actor = worker, code = type.code) =>
      openCase(
        { db, actor, now: at('2026-03-01T10:00:00Z') },
        { caseTypeCode: code, channel: 'digital', receivedAt, applicant: { name: receivedAt } },
      );
    const late = await open('2025-11-01T10:00:00Z');
    const soon = await open('2025-12-20T10:00:00Z');
    const fresh = await open('2026-02-27T10:00:00Z');
    const paused = await open('2026-02-20T10:00:00Z');
    await requestInformation({ db, actor: worker, now: at('2026-03-01T11:00:00Z') }, paused.id, {
      expectedVersion: 1,
      items: [{ text: 'x' }],
      message: 'm',
      dueDate: '2026-03-15',
    });
    await open('2025-12-01T10:00:00Z', other.worker, other.type.code);

    const now = at('2026-03-02T10:00:00Z');
    const page = await getWorkQueue(db, worker, { limit: 50, offset: 0 }, now);
    expect(page.items.map((i) => i.id)).toEqual([late.id, soon.id, fresh.id, paused.id]);
    expect(page.total).toBe(4);
    expect(page.items.map((i) => i.clock.state)).toEqual(['breached', 'warning', 'running', 'paused']);
    const breached = await getWorkQueue(db, worker, { risk: 'breached', limit: 50, offset: 0 }, now);
    expect(breached.items.map((i) => i.id)).toEqual([late.id]);
    const waiting = await getWorkQueue(db, worker, { state: 'awaiting_applicant', limit: 50, offset: 0 }, now);
    expect(waiting.items.map((i) => i.id)).toEqual([paused.id]);
    const second = await getWorkQueue(db, worker, { limit: 2, offset: 2 }, now);
    expect(second.items.map((i) => i.id)).toEqual([fresh.id, paused.id]);
    expect((await getWorkQueue(db, worker, { assignee: 'me', limit: 50, offset: 0 }, now)).total).toBe(0);
    expect((await refusal(getWorkQueue(db, worker, { unitId: other.unit.id, limit: 50, offset: 0 }, now))).code).toBe(
      'forbidden',
    );
    expect(unit.id).not.toBe(other.unit.id);
  });

  test('the warning thresholds of the case type set the warning day and the warnings the clock shows', async () => {
    const { db } = database();
    const { unit, worker } = await setup(db);
    const base = definitionFor(unit.code);
    const definition = { ...base, serviceGoal: { ...base.serviceGoal, warnAt: [0.5, 0.8] } };
    await publishCaseType(db, definition, null);
    const c = await openCase(
      { db, actor: worker, now: at('2026-01-05T10:00:00Z') },
      { caseTypeCode: definition.code, channel: 'digital', applicant: { name: 'A' } },
    );
    // 5 January to 7 April is 92 days; half of them have passed on 20 February (the default 75% would be 15 March).
    expect(await clockOf(db, c.id)).toMatchObject({ deadline: '2026-04-07', warn_date: '2026-02-20' });
    const queue = await getWorkQueue(db, worker, { limit: 50, offset: 0 }, at('2026-03-20T12:00:00Z'));
    const clock = queue.items.find((i) => i.id === c.id)!.clock;
    expect(clock).toMatchObject({ state: 'warning', warnAt: [0.5, 0.8], warningsPassed: [0.5, 0.8] });
    const early = await getWorkQueue(db, worker, { limit: 50, offset: 0 }, at('2026-02-10T12:00:00Z'));
    expect(early.items.find((i) => i.id === c.id)!.clock).toMatchObject({ state: 'running', warningsPassed: [] });

    const bad = { ...base, code: `${base.code}-x`, serviceGoal: { ...base.serviceGoal, warnAt: [0.9, 0.75] } };
    const err = await refusal(publishCaseType(db, bad, null));
    expect(err.code).toBe('validation');
    expect(err.message).toContain('serviceGoal.warnAt');
  });
});

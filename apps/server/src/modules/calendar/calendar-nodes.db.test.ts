import { describe, expect, test } from 'vitest';
import { fromDayNumber, localDateOf, toDayNumber } from '@sagsgang/clock';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { CAN_RUN_NODES, useAppNodes } from '../../../test/support/app-nodes.js';
import {
  applicantPrincipal,
  definitionFor,
  grantRole,
  makeApplicantUser,
  makeStaffUser,
  makeUnit,
  principalFor,
} from '../../../test/support/case-factories.js';
import type { Executor } from '../../platform/db/transaction.js';
import { publishCaseType } from '../case-types/index.js';
import { decideCase, getApplicantCaseView, openCase } from '../cases/index.js';
import { notifyApplicantOfCaseEvent } from '../notifications/index.js';
import { loadAuthorityCalendar } from './index.js';
import { addClosureDay } from './closure-days.service.js';

const listeners = [notifyApplicantOfCaseEvent];
const APPEAL_WORKING_DAYS = 10;

/** A decided case with a 10-working-day appeal deadline, decided now on the node of `db`. */
async function decidedCase(db: Executor, setup: Awaited<ReturnType<typeof makeSetup>>) {
  const applicantId = await makeApplicantUser(db, 'Appellant');
  const c = await openCase(
    { db, actor: setup.staff, listeners },
    { caseTypeCode: setup.caseTypeCode, channel: 'digital', applicant: { userId: applicantId, name: 'Appellant' } },
  );
  await decideCase({ db, actor: setup.staff, listeners }, c.id, {
    expectedVersion: c.version,
    outcome: 'refused',
    reasons: 'Kravet er ikke opfyldt.',
    legalRules: ['§ 1'],
    appealGuidance: 'Du kan klage inden 10 arbejdsdage.',
  });
  return { id: c.id, reference: c.reference, applicantId };
}

async function makeSetup(db: Executor) {
  const unit = await makeUnit(db);
  const definition = definitionFor(unit.code);
  definition.appeal = { ...definition.appeal!, deadline: { amount: APPEAL_WORKING_DAYS, unit: 'working_days' } };
  await publishCaseType(db, definition, null);
  const staffId = await makeStaffUser(db);
  await grantRole(db, staffId, 'caseworker', unit.id);
  const staff = await principalFor(db, staffId, [{ role: 'caseworker', unitId: unit.id }]);
  return { staffId, staff, caseTypeCode: definition.code };
}

const appealByOnPage = async (db: Executor, c: { reference: string; applicantId: string }) =>
  (await getApplicantCaseView(db, applicantPrincipal(c.applicantId), c.reference)).decision?.appealBy;

const appealByInMail = async (db: Executor, caseId: string) =>
  (
    await db
      .selectFrom('notification')
      .select('template_values')
      .where('case_id', '=', caseId)
      .where('kind', '=', 'decision')
      .executeTakeFirstOrThrow()
  ).template_values as { appealBy?: string };

/**
 * A closure day added on node A moves the appeal deadline that node B shows on the citizen's page and writes in the
 * decision e-mail, although B read (and built) the calendar before the change. On one engine `a` and `b` are the
 * same node: the same code path, one process.
 */
async function closureOnASeenOnB(a: Executor, b: Executor) {
  const setup = await makeSetup(a);
  const today = localDateOf(new Date());
  const before = await loadAuthorityCalendar(b);
  const expectedBefore = fromDayNumber(before.addWorkingDaysToNumber(toDayNumber(today), APPEAL_WORKING_DAYS));
  const first = await decidedCase(b, setup);
  expect(await appealByOnPage(b, first)).toBe(expectedBefore);
  expect(await appealByInMail(b, first.id)).toMatchObject({ appealBy: expectedBefore });

  // The first working day after today lies inside every deadline counted from today.
  const closure = fromDayNumber(before.addWorkingDaysToNumber(toDayNumber(today), 1));
  await addClosureDay(a, { day: closure, reason: 'Flytning', actorId: setup.staffId, today });
  const expectedAfter = fromDayNumber(before.addWorkingDaysToNumber(toDayNumber(today), APPEAL_WORKING_DAYS + 1));
  expect(expectedAfter > expectedBefore).toBe(true);

  expect(await appealByOnPage(b, first)).toBe(expectedAfter);
  expect(await appealByOnPage(a, first)).toBe(expectedAfter);
  const second = await decidedCase(b, setup);
  expect(await appealByInMail(b, second.id)).toMatchObject({ appealBy: expectedAfter });
  expect(await appealByOnPage(b, second)).toBe(expectedAfter);
}

describeEachEngine('authority calendar on one node', (database) => {
  test('a closure day moves the appeal deadline on the page and in the decision e-mail at once', async () => {
    await closureOnASeenOnB(database().db, database().db);
  });
});

describe.skipIf(!CAN_RUN_NODES)('authority calendar over two app nodes on one PostgreSQL', () => {
  const nodes = useAppNodes(2);
  test('a closure day added on node A moves the appeal deadline node B shows and mails', async () => {
    const [a, b] = nodes();
    await closureOnASeenOnB(a!.database.db, b!.database.db);
  });
});

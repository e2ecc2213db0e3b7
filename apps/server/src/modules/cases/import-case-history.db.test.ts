import crypto from 'node:crypto';
import { expect, test } from 'vitest';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { makeCaseType, makeStaffUser, makeUnit } from '../../../test/support/case-factories.js';
import {
  advanceCaseReferences,
  countCases,
  importCaseHistory,
  openCase,
  recomputeClocks,
  type ImportedCase,
} from './index.js';

const at = (iso: string) => new Date(iso);

describeEachEngine('importing case history', (database) => {
  test('writes the cases, their events in order and the clock their log gives; new references come after', async () => {
    const db = database().db;
    const unit = await makeUnit(db);
    const type = await makeCaseType(db, unit.code);
    const worker = await makeStaffUser(db);
    const base = {
      caseTypeId: type.caseTypeId,
      caseTypeVersionId: type.versionId,
      definition: type.definition,
      unitId: unit.id,
      assigneeId: worker,
      channel: 'paper',
    };
    const decided: ImportedCase = {
      ...base,
      id: crypto.randomUUID(),
      reference: 'SAG-2025-000041',
      applicantName: 'Anna Decided',
      state: 'decided',
      phaseCode: 'decision',
      outcome: 'granted',
      receivedAt: at('2025-11-03T09:00:00Z'),
      events: [
        {
          activity: 'received',
          occurredAt: at('2025-11-03T09:00:00Z'),
          actorId: null,
          attributes: { channel: 'paper' },
        },
        {
          activity: 'screened',
          occurredAt: at('2025-11-05T10:00:00Z'),
          actorId: worker,
          attributes: { fullyInformed: true },
        },
        {
          activity: 'phase_changed',
          occurredAt: at('2025-11-20T10:00:00Z'),
          actorId: worker,
          attributes: { from: 'received', to: 'decision' },
        },
        {
          activity: 'decided',
          occurredAt: at('2026-01-12T13:00:00Z'),
          actorId: worker,
          attributes: { outcome: 'granted' },
        },
      ],
    };
    const waiting: ImportedCase = {
      ...base,
      id: crypto.randomUUID(),
      reference: 'SAG-2026-000042',
      assigneeId: null,
      applicantName: 'Bo Waiting',
      state: 'received',
      phaseCode: 'received',
      outcome: null,
      receivedAt: at('2026-02-20T08:30:00Z'),
      events: [
        {
          activity: 'received',
          occurredAt: at('2026-02-20T08:30:00Z'),
          actorId: null,
          attributes: { channel: 'paper' },
        },
      ],
    };
    expect(await countCases(db)).toBe(0);
    await importCaseHistory(db, [decided, waiting], { now: at('2026-03-01T12:00:00Z') });
    expect(await countCases(db)).toBe(2);

    const files = await db
      .selectFrom('case_file')
      .select(['reference', 'state', 'version', 'outcome', 'assignee_id'])
      .orderBy('reference')
      .execute();
    expect(files).toEqual([
      { reference: 'SAG-2025-000041', state: 'decided', version: 4, outcome: 'granted', assignee_id: worker },
      { reference: 'SAG-2026-000042', state: 'received', version: 1, outcome: null, assignee_id: null },
    ]);
    const events = await db
      .selectFrom('case_event')
      .select(['seq', 'activity', 'actor_id'])
      .where('case_id', '=', decided.id)
      .orderBy('seq')
      .execute();
    expect(events).toEqual([
      { seq: 1, activity: 'received', actor_id: null },
      { seq: 2, activity: 'screened', actor_id: worker },
      { seq: 3, activity: 'phase_changed', actor_id: worker },
      { seq: 4, activity: 'decided', actor_id: worker },
    ]);

    // The clock rows are what the system itself derives from those events: recomputing changes none of them.
    const clocks = async () =>
      (await db.selectFrom('case_clock').selectAll().orderBy('received_at').execute()).map(
        ({ updated_at: _written, ...row }) => row,
      );
    const imported = await clocks();
    expect(imported.map((c) => [c.decided_date, c.goal_met === null])).toEqual([
      ['2026-01-12', false],
      [null, true],
    ]);
    await recomputeClocks(db, { fromDay: '2025-01-01', now: at('2026-03-01T12:00:00Z') });
    expect(await clocks()).toEqual(imported);

    await advanceCaseReferences(db, 500);
    const next = await openCase(
      { db, actor: { system: true, userId: null } },
      { caseTypeCode: type.definition.code, channel: 'digital', applicant: { name: 'New' } },
    );
    expect(Number(next.reference.slice(-6))).toBeGreaterThan(500);
  });
});

import { expect, test } from 'vitest';
import { describeEachEngine } from '../../../test/support/test-database.js';
import {
  grantRole,
  makeCaseType,
  makeStaffUser,
  makeUnit,
  principalFor,
} from '../../../test/support/case-factories.js';
import { AppError } from '../../platform/errors.js';
import { getServiceGoalFigures, getWorkQueue, openCase } from './index.js';

const NOW = new Date('2026-03-02T10:00:00Z');

// Staff with several units narrow the work queue and the figures to one of them; a unit outside their scope is refused.
describeEachEngine('unit filter on the work queue and the figures', (database) => {
  test('a team lead over a centre sees one team at a time, and not a team of another centre', async () => {
    const { db } = database();
    const centre = await makeUnit(db, null, 'centre');
    const [teamA, teamB] = [await makeUnit(db, centre.id), await makeUnit(db, centre.id)];
    const elsewhere = await makeUnit(db, await makeUnit(db, null, 'centre').then((c) => c.id));
    const [typeA, typeB, typeElsewhere] = [
      await makeCaseType(db, teamA.code),
      await makeCaseType(db, teamB.code, 'job-card'),
      await makeCaseType(db, elsewhere.code),
    ];
    const leadId = await makeStaffUser(db, 'Lead');
    await grantRole(db, leadId, 'teamlead', centre.id);
    const lead = await principalFor(db, leadId, [{ role: 'teamlead', unitId: centre.id }]);
    const open = (caseTypeCode: string, name: string) =>
      openCase(
        { db, actor: { system: true, userId: null }, now: new Date('2026-02-20T10:00:00Z') },
        { caseTypeCode, channel: 'digital', applicant: { name } },
      );
    const a = await open(typeA.code, 'Anna A');
    const b = await open(typeB.code, 'Bo B');
    await open(typeElsewhere.code, 'Else E');

    const ids = async (unitId?: string) =>
      (await getWorkQueue(db, lead, { unitId, limit: 50, offset: 0 }, NOW)).items.map((i) => i.id).sort();
    expect(await ids()).toEqual([a.id, b.id].sort());
    expect(await ids(teamA.id)).toEqual([a.id]);
    expect(await ids(teamB.id)).toEqual([b.id]);

    const codes = async (unitId?: string) =>
      (
        await getServiceGoalFigures(
          db,
          lead,
          { unitId, from: '2026-01-01', to: '2026-03-02', breachWithinDays: 14 },
          NOW,
        )
      ).rows
        .map((r) => `${r.caseTypeCode}:${r.received}`)
        .sort();
    expect(await codes()).toEqual([`${typeA.code}:1`, `${typeB.code}:1`].sort());
    expect(await codes(teamA.id)).toEqual([`${typeA.code}:1`]);
    expect(await codes(teamB.id)).toEqual([`${typeB.code}:1`]);

    for (const refused of [
      getWorkQueue(db, lead, { unitId: elsewhere.id, limit: 50, offset: 0 }, NOW),
      getServiceGoalFigures(db, lead, { unitId: elsewhere.id, breachWithinDays: 14 }, NOW),
    ]) {
      const err = await refused.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('forbidden');
    }
  });
});

import { expect, test } from 'vitest';
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
import { decideCase, openCase, screenCase } from '../cases/index.js';
import { seedDemoWorkflows } from '../demo/index.js';
import { casePath } from './use-cases/case-path.js';
import type { Database } from '../../platform/db/database.js';

/** A unit with a case type, its demo workflow, and a caseworker on the unit. */
async function workflowWorld(db: Database['db']) {
  const unit = await makeUnit(db);
  const type = await makeCaseType(db, unit.code);
  await seedDemoWorkflows(db, [type.definition]);
  const userId = await makeStaffUser(db);
  await grantRole(db, userId, 'caseworker', unit.id);
  const worker = await principalFor(db, userId, [{ role: 'caseworker', unitId: unit.id }]);
  return { db, type, worker };
}

describeEachEngine("a case's own path through its workflow", (database) => {
  test('shows what was done, what comes next, and a skipped step once the case is decided', async () => {
    const { db, type, worker } = await workflowWorld(database().db);
    const ctx = (iso: string) => ({ db, actor: worker, now: new Date(iso) });

    const c = await openCase(ctx('2026-03-02T09:00:00Z'), {
      caseTypeCode: type.code,
      channel: 'digital',
      applicant: { name: 'Test' },
    });
    const screened = await screenCase(ctx('2026-03-03T09:00:00Z'), c.id, {
      expectedVersion: c.version,
      verdict: 'fully_informed',
      missing: [],
    });
    let path = await casePath(db, worker, c.id);
    expect(path.modelName).toContain(type.definition.name.da);
    expect(path.steps.filter((s) => s.status === 'done').map((s) => s.elementId)).toEqual(['receive', 'screen']);
    expect(path.steps.filter((s) => s.status === 'upcoming').map((s) => s.elementId)).toEqual(['decide', 'close']);
    expect(path.deviations).toEqual([]);
    expect(path.fitness).toBeNull();

    await decideCase(ctx('2026-03-10T09:00:00Z'), c.id, {
      expectedVersion: screened.case.version,
      outcome: 'granted',
      reasons: 'Betingelserne er opfyldt.',
      legalRules: ['§ 1'],
    });
    path = await casePath(db, worker, c.id);
    expect(path.steps.find((s) => s.elementId === 'decide')?.status).toBe('done');
    // Decided but never closed: the closing step is now a skipped step, and the path no longer fits fully.
    expect(path.steps.find((s) => s.elementId === 'close')?.status).toBe('skipped');
    expect(path.deviations).toEqual([{ kind: 'skipped', activity: 'Afslut sagen', elementId: 'close' }]);
    expect(path.fitness).toBeLessThan(1);
  });

  test("the citizen's own path reads the case's steps as the case page does, and nobody else's case", async () => {
    const { db, type, worker } = await workflowWorld(database().db);
    const citizenId = await makeApplicantUser(db);
    const ctx = (iso: string) => ({ db, actor: worker, now: new Date(iso) });

    const c = await openCase(ctx('2026-03-02T09:00:00Z'), {
      caseTypeCode: type.code,
      channel: 'digital',
      applicant: { userId: citizenId, name: 'Test' },
    });
    await screenCase(ctx('2026-03-03T09:00:00Z'), c.id, {
      expectedVersion: c.version,
      verdict: 'fully_informed',
      missing: [],
    });
    const staffPath = await casePath(db, worker, c.id);
    const citizenPath = await casePath(db, applicantPrincipal(citizenId), c.id);
    expect(citizenPath.steps).toEqual(staffPath.steps);
    expect(citizenPath.steps.filter((s) => s.status === 'done').map((s) => [s.elementId, s.at])).toEqual([
      ['receive', '2026-03-02T09:00:00.000Z'],
      ['screen', '2026-03-03T09:00:00.000Z'],
    ]);

    const stranger = applicantPrincipal(await makeApplicantUser(db, 'Someone Else'));
    await expect(casePath(db, stranger, c.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});

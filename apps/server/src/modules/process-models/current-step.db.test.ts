import fs from 'node:fs';
import { expect, test } from 'vitest';
import { describeEachEngine } from '../../../test/support/test-database.js';
import {
  grantRole,
  makeCaseType,
  makeStaffUser,
  makeUnit,
  principalFor,
} from '../../../test/support/case-factories.js';
import { openCase, screenCase } from '../cases/index.js';
import { createProcessModel, updateTaskGuidance } from './process-models.service.js';
import { saveModelMapping } from './model-mapping.js';
import { currentStepOfCase } from './current-step.js';

const housingXml = fs.readFileSync(
  new URL('../../../test/fixtures/navigator/housing-benefit.bpmn', import.meta.url),
  'utf8',
);

describeEachEngine('current workflow step of a case', (database) => {
  test('follows the case through its events and shows the step guidance', async () => {
    const { db } = database();
    const unit = await makeUnit(db);
    const type = await makeCaseType(db, unit.code);
    const userId = await makeStaffUser(db);
    await grantRole(db, userId, 'caseworker', unit.id);
    const worker = await principalFor(db, userId, [{ role: 'caseworker', unitId: unit.id }]);
    const model = await createProcessModel(
      db,
      {
        name: 'Familie',
        topic: '',
        description: '',
        caseTypeCode: type.code,
        bpmnXml: housingXml,
        source: 'import',
        comment: '',
      },
      null,
    );
    await saveModelMapping(db, model.id, [
      { activity: 'received', elementId: 'receive' },
      { activity: 'screened', elementId: 'screen' },
    ]);
    await updateTaskGuidance(
      db,
      { modelId: model.id, version: 1, elementId: 'screen' },
      {
        guidance: 'Tjek dokumenterne',
        legalRefs: [],
        checklist: ['Pas', 'Vielsesattest'],
        links: [],
        deadlineDays: 10,
      },
    );

    const c = await openCase(
      { db, actor: worker, now: new Date('2026-02-02T10:00:00Z') },
      { caseTypeCode: type.code, channel: 'digital', applicant: { name: 'Test' } },
    );
    let step = await currentStepOfCase(db, worker, c.id);
    expect(step).toMatchObject({
      lastActivity: 'received',
      completed: false,
      step: { elementId: 'screen', checklist: ['Pas', 'Vielsesattest'], deadlineDays: 10 },
    });

    await screenCase({ db, actor: worker, now: new Date('2026-02-03T10:00:00Z') }, c.id, {
      expectedVersion: c.version,
      verdict: 'fully_informed',
      missing: [],
    });
    step = await currentStepOfCase(db, worker, c.id);
    expect(step?.lastActivity).toBe('screened');
    expect(step!.nextSteps.map((s) => s.elementId).sort()).toEqual(['assess', 'request']);
  });

  test('a case type without a workflow says so', async () => {
    const { db } = database();
    const unit = await makeUnit(db);
    const type = await makeCaseType(db, unit.code);
    const userId = await makeStaffUser(db);
    await grantRole(db, userId, 'caseworker', unit.id);
    const worker = await principalFor(db, userId, [{ role: 'caseworker', unitId: unit.id }]);
    const c = await openCase(
      { db, actor: worker, now: new Date('2026-02-02T10:00:00Z') },
      { caseTypeCode: type.code, channel: 'digital', applicant: { name: 'Test' } },
    );
    expect(await currentStepOfCase(db, worker, c.id)).toBeNull();
  });
});

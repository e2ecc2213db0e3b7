import { expect, test } from 'vitest';
import { ZCaseTypeDefinition } from '@sagsgang/contracts';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { definitionFor, makeUnit } from '../../../test/support/case-factories.js';
import { AppError } from '../../platform/errors.js';
import {
  exportCaseTypes,
  getCaseType,
  getCaseTypeVersion,
  importCaseTypes,
  listCaseTypes,
  publishCaseType,
} from './index.js';
import { demoCaseTypes } from '../demo/index.js';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

test('every demo case type is a valid definition', () => {
  for (const d of demoCaseTypes()) expect(ZCaseTypeDefinition.safeParse(d).success, d.code).toBe(true);
  expect(demoCaseTypes().map((d) => d.code)).toEqual([
    'family-reunification',
    'job-card',
    'cash-benefit',
    'housing-support',
    'rehabilitation',
    'building-permit',
  ]);
});

describeEachEngine('case-type catalogue', (database) => {
  test('publishing again makes a new version and keeps the old one readable', async () => {
    const { db } = database();
    const unit = await makeUnit(db);
    const d = definitionFor(unit.code);
    const v1 = await publishCaseType(db, d, null);
    expect(v1).toMatchObject({ version: 1, published: true });
    const changed = { ...d, serviceGoal: { ...d.serviceGoal, targetShare: 0.95 } };
    const v2 = await publishCaseType(db, changed, null);
    expect(v2).toMatchObject({ version: 2, published: true, caseTypeId: v1.caseTypeId });
    const detail = await getCaseType(db, d.code);
    expect(detail.currentVersion).toBe(2);
    expect(detail.serviceGoal.targetShare).toBe(0.95);
    expect(detail.versions.map((v) => v.version)).toEqual([2, 1]);
    const old = await getCaseTypeVersion(db, v1.versionId);
    expect(old.definition.serviceGoal.targetShare).toBe(0.97);
    expect(old.version).toBe(1);
  });

  test('publishing an unchanged definition publishes nothing', async () => {
    const { db } = database();
    const unit = await makeUnit(db);
    const d = definitionFor(unit.code);
    await publishCaseType(db, d, null);
    const again = await publishCaseType(db, structuredClone(d), null);
    expect(again).toMatchObject({ version: 1, published: false });
  });

  test('refuses a negative duration, naming the field', async () => {
    const { db } = database();
    const unit = await makeUnit(db);
    const d = definitionFor(unit.code);
    const bad = { ...d, serviceGoal: { ...d.serviceGoal, duration: { amount: -3, unit: 'months' } } };
    const err = await refusal(publishCaseType(db, bad, null));
    expect(err.code).toBe('validation');
    expect(err.message).toContain('serviceGoal.duration.amount');
    expect(err.details).toEqual([
      {
        path: 'serviceGoal.duration.amount',
        message: 'must be greater than zero',
        keyword: 'too_small',
        params: { origin: 'number', minimum: 0, inclusive: false },
      },
    ]);
  });

  test('refuses phases out of order, naming the phase', async () => {
    const { db } = database();
    const unit = await makeUnit(db);
    const d = definitionFor(unit.code);
    d.phases[2] = { ...d.phases[2], order: 1 };
    const err = await refusal(publishCaseType(db, d, null));
    expect(err.code).toBe('validation');
    expect(err.message).toContain('phases[2].order');
    expect(err.details).toContainEqual({
      path: 'phases[2].order',
      message: 'phases are out of order: 1 follows 2',
      keyword: 'custom',
      params: { rule: 'phases_out_of_order', order: 1, previous: 2 },
    });
  });

  test('refuses an unknown unit, naming the field', async () => {
    const { db } = database();
    const err = await refusal(publishCaseType(db, definitionFor('no-such-unit'), null));
    expect(err.code).toBe('validation');
    expect(err.message).toContain('unitCode');
    expect(err.details).toEqual([
      { path: 'unitCode', message: 'unknown unit', keyword: 'custom', params: { rule: 'unknown_unit' } },
    ]);
    expect(await listCaseTypes(db).then((l) => l.some((t) => t.unitCode === 'no-such-unit'))).toBe(false);
  });

  test('refuses an answer no applicant could give, naming the field', async () => {
    const { db } = database();
    const unit = await makeUnit(db);
    const d = definitionFor(unit.code);
    const i = d.requirements.findIndex((r) => r.code === 'marriage-date');
    const j = d.requirements.findIndex((r) => r.code === 'housing');
    const option = (value: string) => ({ value, label: { da: value, en: value } });
    d.requirements[i] = { ...d.requirements[i]!, answer: { type: 'date', dateBounds: { minYears: 0, maxYears: -80 } } };
    d.requirements[j] = {
      ...d.requirements[j]!,
      answer: { type: 'choice', options: [option('own'), option('rented'), option('own')] },
    };
    const err = await refusal(publishCaseType(db, d, null));
    expect(err.code).toBe('validation');
    expect(err.details).toEqual([
      {
        path: `requirements[${i}].answer.dateBounds.maxYears`,
        message: 'must not be earlier than minYears',
        keyword: 'custom',
        params: { rule: 'date_bounds_order' },
      },
      {
        path: `requirements[${j}].answer.options[2].value`,
        message: 'option codes must be unique',
        keyword: 'custom',
        params: { rule: 'option_codes_unique' },
      },
    ]);
    d.requirements[i] = { ...d.requirements[i]!, answer: { type: 'date' } };
    d.requirements[j] = { ...d.requirements[j]!, answer: { type: 'choice' } };
    expect((await refusal(publishCaseType(db, d, null))).details).toEqual([
      {
        path: `requirements[${j}].answer.options`,
        message: 'a choice needs at least one option',
        keyword: 'custom',
        params: { rule: 'choice_needs_option' },
      },
    ]);
    d.requirements[j] = {
      ...d.requirements[j]!,
      answer: { type: 'choice', options: [option('own'), option('rented')] },
    };
    expect(await publishCaseType(db, d, null)).toMatchObject({ version: 1, published: true });
  });

  test('refuses a refusable outcome without an appeal body', async () => {
    const { db } = database();
    const unit = await makeUnit(db);
    const err = await refusal(publishCaseType(db, { ...definitionFor(unit.code), appeal: null }, null));
    expect(err.message).toContain('appeal');
  });

  test('export then import round-trips; an import with one bad definition publishes nothing', async () => {
    const { db } = database();
    const unit = await makeUnit(db);
    const d = definitionFor(unit.code, 'job-card');
    await publishCaseType(db, d, null);
    const file = await exportCaseTypes(db, [d.code]);
    expect(file.caseTypes).toEqual([d]);
    const again = await importCaseTypes(db, JSON.parse(JSON.stringify(file)), null);
    expect(again).toEqual({ published: [], unchanged: [d.code] });

    const fresh = definitionFor(unit.code, 'cash-benefit');
    const broken = { ...definitionFor(unit.code), topicCode: 'x' };
    const err = await refusal(importCaseTypes(db, { ...file, caseTypes: [fresh, broken] }, null));
    expect(err.message).toContain('caseTypes[1].topicCode');
    expect((await listCaseTypes(db)).some((t) => t.code === fresh.code)).toBe(false);

    const ok = await importCaseTypes(db, { ...file, caseTypes: [fresh] }, null);
    expect(ok.published).toEqual([{ code: fresh.code, version: 1 }]);
  });
});

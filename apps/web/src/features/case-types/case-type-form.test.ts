import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { ZCaseTypeDefinition, describeIssues, type TCaseTypeDefinition } from '@sagsgang/contracts';
import { demoCaseTypes } from '../../../../server/src/modules/demo/case-types/demo-case-types.js';
import {
  definitionToForm,
  emptyForm,
  emptyPhase,
  emptyRequirement,
  formToDefinition,
  moveItem,
  percentToShare,
  phaseOrders,
  removeItem,
  shareToPercent,
  shiftDecimal,
  toggleOutcome,
} from './case-type-form.js';
import {
  errorsByField,
  fieldId,
  fieldPaths,
  formHints,
  nearestField,
  pathParts,
  rowKeysOf,
} from './case-type-form-fields.js';

// What the server stores: the parsed definition (trimmed, unknown keys dropped).
const stored = demoCaseTypes().map((d) => ZCaseTypeDefinition.parse(d));
const sortedJson = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );

describe('definition <-> form', () => {
  test.each(stored.map((d) => [d.code, d] as const))('%s comes back exactly as it was loaded', (_code, d) => {
    const back = formToDefinition(definitionToForm(d));
    expect(back).toStrictEqual(d);
    expect(sortedJson(ZCaseTypeDefinition.parse(back))).toBe(sortedJson(d));
  });

  test('the demo definitions use every part the form edits (so the round trip above means something)', () => {
    const all = stored.flatMap((d) => d.requirements);
    expect(all.some((r) => r.necessity === 'conditional' && r.condition)).toBe(true);
    expect(all.some((r) => r.answer)).toBe(true);
    expect(all.some((r) => r.example) && all.some((r) => !r.example)).toBe(true);
    expect(stored.some((d) => d.legalMaximum) && stored.some((d) => !d.legalMaximum)).toBe(true);
    expect(
      stored.some((d) => d.serviceGoal.extension.allowed) && stored.some((d) => !d.serviceGoal.extension.allowed),
    ).toBe(true);
    expect(stored.some((d) => d.serviceGoal.warnAt) && stored.some((d) => !d.serviceGoal.warnAt)).toBe(true);
  });

  test('one edit changes that field and nothing else', () => {
    const d = stored[0]!;
    const form = definitionToForm(d);
    form.serviceGoal.duration.amount = '2';
    form.serviceGoal.targetPercent = '95,5';
    const back = formToDefinition(form);
    expect(back.serviceGoal.duration).toEqual({ amount: 2, unit: d.serviceGoal.duration.unit });
    expect(back.serviceGoal.targetShare).toBe(0.955);
    expect({ ...back, serviceGoal: d.serviceGoal }).toStrictEqual(d);
  });

  test('warning thresholds are typed as percents; empty means the defaults', () => {
    expect(definitionToForm(stored.find((d) => d.code === 'cash-benefit')!).serviceGoal.warnPercents).toBe('50; 80');
    const form = definitionToForm(stored.find((d) => d.code === 'family-reunification')!);
    expect(form.serviceGoal.warnPercents).toBe('');
    form.serviceGoal.warnPercents = '60; 85,5';
    expect(formToDefinition(form).serviceGoal.warnAt).toEqual([0.6, 0.855]);
    form.serviceGoal.warnPercents = ' ';
    expect('warnAt' in formToDefinition(form).serviceGoal).toBe(false);
    form.serviceGoal.warnPercents = '75; snart';
    expect(formHints(form)).toContainEqual({ path: 'serviceGoal.warnAt', hint: 'notNumber' });
    expect(fieldPaths(form)).toContain('serviceGoal.warnAt');
  });

  test('a new case type filled in through the form is a valid definition', () => {
    const form = emptyForm();
    Object.assign(form, {
      code: 'parking-permit',
      topicCode: '05.13.00',
      legalBasis: 'Færdselslovens § 92',
      unitCode: 'cbm-byggesag',
    });
    form.name = { da: 'Parkeringstilladelse', en: 'Parking permit', sv: '' };
    form.serviceGoal.duration = { amount: '10', unit: 'working_days' };
    form.serviceGoal.targetPercent = '90';
    form.phases[0] = {
      ...form.phases[0]!,
      code: 'received',
      name: { da: 'Modtaget', en: 'Received', sv: '' },
      applicantText: { da: 'Vi har din ansøgning.', en: 'We have your application.', sv: '' },
    };
    form.outcomes = ['granted', 'withdrawn'];
    const d = formToDefinition(form);
    expect(formHints(form)).toEqual([]);
    const parsed = ZCaseTypeDefinition.safeParse(d);
    expect(parsed.success ? [] : describeIssues(parsed.error)).toEqual([]);
    expect(d.name).toStrictEqual({ da: 'Parkeringstilladelse', en: 'Parking permit' });
    expect(d.phases[0]).toStrictEqual({
      code: 'received',
      order: 1,
      name: { da: 'Modtaget', en: 'Received' },
      applicantText: { da: 'Vi har din ansøgning.', en: 'We have your application.' },
      notifyApplicant: true,
    });
    expect(d.appeal).toBeNull();
    expect(d.legalMaximum).toBeNull();
    expect(d.serviceGoal.extension).toEqual({ allowed: false, maximum: null });
  });

  test('a negative or fractional amount is sent as typed, for the server to name', () => {
    const form = definitionToForm(stored[0]!);
    form.phases[1]!.expectedDuration.amount = '-3';
    form.legalMaximum = { amount: '1.5', unit: 'weeks' };
    const d = formToDefinition(form);
    expect(d.phases[1]!.expectedDuration).toEqual({ amount: -3, unit: 'calendar_days' });
    expect(d.legalMaximum).toEqual({ amount: 1.5, unit: 'weeks' });
    expect(formHints(form)).toEqual([]);
    const parsed = ZCaseTypeDefinition.safeParse(d);
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!).map((i) => i.path)).toEqual(
      expect.arrayContaining(['phases[1].expectedDuration.amount', 'legalMaximum.amount']),
    );
  });

  test('extensions switched off send no maximum, and switching back restores what was typed', () => {
    const form = definitionToForm(stored[0]!);
    form.serviceGoal.extensionAllowed = false;
    expect(formToDefinition(form).serviceGoal.extension).toEqual({ allowed: false, maximum: null });
    form.serviceGoal.extensionAllowed = true;
    expect(formToDefinition(form).serviceGoal.extension).toEqual(stored[0]!.serviceGoal.extension);
  });

  test('optional texts are left out when blank; Swedish is left out when blank', () => {
    const form = definitionToForm(stored[0]!);
    const r = {
      ...emptyRequirement(),
      code: 'photo',
      kind: 'document' as const,
      label: { da: 'Foto', en: 'Photo', sv: ' ' },
      why: { da: 'ID', en: 'ID', sv: '' },
    };
    form.requirements.push(r);
    const out = formToDefinition(form).requirements.at(-1)!;
    expect(out).toStrictEqual({
      code: 'photo',
      kind: 'document',
      necessity: 'mandatory',
      label: { da: 'Foto', en: 'Photo' },
      why: { da: 'ID', en: 'ID' },
    });
  });

  test('the answer spec stays with information requirements only', () => {
    const form = definitionToForm(stored[0]!);
    const i = form.requirements.findIndex((r) => r.answer.type);
    expect(i).toBeGreaterThanOrEqual(0);
    form.requirements[i]!.kind = 'document';
    expect(formToDefinition(form).requirements[i]).not.toHaveProperty('answer');
    form.requirements[i]!.kind = 'information';
    expect(formToDefinition(form).requirements[i]).toHaveProperty('answer', stored[0]!.requirements[i]!.answer);
  });
});

describe('phases and lists', () => {
  test('stored orders are kept while they rise; a move or a new phase numbers them 1, 2, 3…', () => {
    expect(phaseOrders([{ order: 10 }, { order: 20 }, { order: 30 }])).toEqual([10, 20, 30]);
    expect(phaseOrders([{ order: 10 }, { order: 30 }, { order: 20 }])).toEqual([1, 2, 3]);
    expect(phaseOrders([{ order: 1 }, { order: 2 }, { order: null }])).toEqual([1, 2, 3]);
    expect(phaseOrders([])).toEqual([]);
  });

  test('moving a phase up changes the order sent, and the definition stays valid', () => {
    const d = stored[0]!;
    const form = definitionToForm(d);
    form.phases = moveItem(form.phases, 2, -1);
    form.phases.push({
      ...emptyPhase(),
      code: 'archived',
      name: { da: 'Arkiveret', en: 'Archived', sv: '' },
      applicantText: { da: 'Sagen er slut.', en: 'The case is closed.', sv: '' },
    });
    const back = formToDefinition(form);
    expect(back.phases.map((p) => [p.code, p.order])).toEqual([
      ['received', 1],
      ['processing', 2],
      ['screening', 3],
      ['hearing', 4],
      ['decision', 5],
      ['archived', 6],
    ]);
    expect(ZCaseTypeDefinition.safeParse(back).success).toBe(true);
  });

  test('moveItem and removeItem', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, -2)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(removeItem(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
  });

  test('outcomes keep their order; a newly ticked one goes last', () => {
    expect(toggleOutcome(['refused', 'granted'], 'withdrawn', true)).toEqual(['refused', 'granted', 'withdrawn']);
    expect(toggleOutcome(['refused', 'granted'], 'refused', true)).toEqual(['refused', 'granted']);
    expect(toggleOutcome(['refused', 'granted', 'withdrawn'], 'granted', false)).toEqual(['refused', 'withdrawn']);
  });
});

describe('percent', () => {
  test('known values', () => {
    expect(shareToPercent(0.97)).toBe('97');
    expect(shareToPercent(0.07)).toBe('7');
    expect(shareToPercent(0.975)).toBe('97.5');
    expect(shareToPercent(1)).toBe('100');
    expect(percentToShare('97')).toBe(0.97);
    expect(percentToShare(' 7 ')).toBe(0.07);
    expect(percentToShare('97,5')).toBe(0.975);
    expect(percentToShare('0.5')).toBe(0.005);
    expect(percentToShare('-5')).toBe(-0.05);
    expect(percentToShare('abc')).toBeNull();
    expect(percentToShare('')).toBeNull();
    expect(shiftDecimal('0012.3400', 1)).toBe('123.4');
    expect(shiftDecimal('5', -3)).toBe('0.005');
  });

  test('every share comes back as the same number', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1, noNaN: true }), (x) => percentToShare(shareToPercent(x)) === x),
    );
  });
});

describe('field paths and server errors', () => {
  const form = definitionToForm(stored[0]!);
  const known = fieldPaths(form);

  test('every input path is unique and has a DOM id of its own', () => {
    expect(new Set(known).size).toBe(known.length);
    expect(new Set(known.map(fieldId)).size).toBe(known.length);
    expect(fieldId('phases[1].expectedDuration.amount')).toBe('ct-phases-1-expectedDuration-amount');
  });

  test('a server path finds the input it is about', () => {
    expect(nearestField('phases[1].expectedDuration.amount', known)).toBe('phases[1].expectedDuration.amount');
    expect(nearestField('phases[1].order', known)).toBe('phases[1].code');
    expect(nearestField('serviceGoal.duration', known)).toBe('serviceGoal.duration.amount');
    expect(nearestField('serviceGoal.extension.maximum', known)).toBe('serviceGoal.extension.maximum.amount');
    expect(nearestField('appeal', known)).toBe('appeal.body.da');
    expect(nearestField('outcomes[2]', known)).toBe('outcomes');
    expect(nearestField('requirements[9].code', known)).toBe('requirements');
    expect(nearestField('(root)', known)).toBeUndefined();
  });

  test('errors are grouped by input; those that fit none are kept apart', () => {
    const { byField, unplaced } = errorsByField(
      [
        { path: 'serviceGoal.duration', message: 'longer than the legal maximum' },
        { path: 'serviceGoal.duration.amount', message: 'must be greater than zero' },
        { path: '(root)', message: 'bad' },
      ],
      known,
    );
    expect(byField.get('serviceGoal.duration.amount')?.map((e) => e.message)).toEqual([
      'longer than the legal maximum',
      'must be greater than zero',
    ]);
    expect(unplaced.map((e) => e.message)).toEqual(['bad']);
  });

  test('the rows a refusal points into are found by key, to unfold them', () => {
    expect(
      rowKeysOf(
        [
          'phases[1].expectedDuration.amount',
          'phases[1].code',
          'requirements[0].why.da',
          'serviceGoal.duration.amount',
          'phases[99].code',
        ],
        form,
      ),
    ).toEqual([form.phases[1]!.key, form.requirements[0]!.key]);
  });

  test('a path reads as parts with 1-based positions left to the page', () => {
    expect(pathParts('phases[1].expectedDuration.amount')).toEqual([
      { name: 'phases', index: 1 },
      { name: 'expectedDuration' },
      { name: 'amount' },
    ]);
    expect(pathParts('(root)')).toEqual([]);
  });

  test('hints: required amounts, and numbers that are not numbers', () => {
    expect(formHints(emptyForm())).toEqual([
      { path: 'serviceGoal.duration.amount', hint: 'required' },
      { path: 'serviceGoal.targetShare', hint: 'required' },
    ]);
    const f = definitionToForm(stored[0]!);
    f.phases[0]!.expectedDuration.amount = 'to dage';
    f.serviceGoal.targetPercent = '97 %';
    f.appeal.deadline.amount = '';
    expect(formHints(f)).toEqual([
      { path: 'serviceGoal.targetShare', hint: 'notNumber' },
      { path: 'phases[0].expectedDuration.amount', hint: 'notNumber' },
      { path: 'appeal.deadline.amount', hint: 'required' },
    ]);
    expect(formHints(definitionToForm(stored[0]!))).toEqual([]);
  });

  test('the extension maximum is an input only while extensions are allowed', () => {
    const f = definitionToForm(stored[1]! as TCaseTypeDefinition);
    expect(f.serviceGoal.extensionAllowed).toBe(false);
    expect(fieldPaths(f)).not.toContain('serviceGoal.extension.maximum.amount');
  });
});

describe('choices', () => {
  test('the editor offers exactly the units and outcomes the contracts know, in their order', async () => {
    const contracts = await import('@sagsgang/contracts');
    const form = await import('./case-type-form.js');
    expect(form.DURATION_UNITS).toEqual([...contracts.DURATION_UNITS]);
    expect(form.DECISION_OUTCOMES).toEqual([...contracts.DECISION_OUTCOMES]);
  });
});

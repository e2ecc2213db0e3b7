import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  ACCEPTED_FILE_TYPES,
  ANSWER_TYPES as CONTRACT_ANSWER_TYPES,
  ZAnswerSpec,
  ZCaseTypeDefinition,
  ZFileSpec,
  describeIssues,
  type TAnswerSpec,
  type TFileSpec,
} from '@sagsgang/contracts';
import { demoCaseTypes } from '../../../../server/src/modules/demo/case-types/demo-case-types.js';
import {
  definitionToForm,
  formToDefinition,
  moveItem,
  removeItem,
  toggleListed,
  type CaseTypeForm,
} from './case-type-form.js';
import { fieldId, fieldPaths, formHints, nearestField, rowKeysOf } from './case-type-form-fields.js';
import {
  ANSWER_TYPES,
  FILE_TYPES,
  answerForm,
  bytesToMb,
  emptyOption,
  filesForm,
  mbToBytes,
  toAnswer,
  toFiles,
} from './case-type-requirement-specs.js';

const MB = 1024 * 1024;
const family = () => ZCaseTypeDefinition.parse(demoCaseTypes().find((d) => d.code === 'family-reunification'));
const requirement = (form: CaseTypeForm, code: string) => {
  const index = form.requirements.findIndex((r) => r.code === code);
  if (index < 0) throw new Error(`no requirement ${code}`);
  return { index, r: form.requirements[index]! };
};
const valid = (form: CaseTypeForm) => {
  const parsed = ZCaseTypeDefinition.safeParse(formToDefinition(form));
  return parsed.success ? [] : describeIssues(parsed.error);
};

// Specs as the server stores them (trimmed texts), with only the settings their type takes.
const code = fc.stringMatching(/^[a-z][a-z0-9_-]{1,20}$/);
const text = fc
  .string({ minLength: 1, maxLength: 12 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);
const label = fc.record({ da: text, en: text, sv: text }, { requiredKeys: ['da', 'en'] });
const years = fc.integer({ min: -150, max: 150 });
const answerSpec: fc.Arbitrary<TAnswerSpec> = fc.oneof(
  fc.constantFrom('number', 'yesno', 'email').map((type) => ({ type })),
  fc
    .record(
      { type: fc.constant('choice' as const), options: fc.array(fc.record({ value: code, label }), { maxLength: 6 }) },
      { requiredKeys: ['type'] },
    )
    .filter((a) => a.options === undefined || a.options.length > 0),
  fc
    .record(
      {
        type: fc.constant('date' as const),
        dateBounds: fc.record({ minYears: years, maxYears: years }, { requiredKeys: [] }),
      },
      { requiredKeys: ['type'] },
    )
    .filter((a) => a.dateBounds === undefined || Object.keys(a.dateBounds).length > 0),
  fc.record(
    { type: fc.constantFrom('text' as const, 'longtext' as const), maxLength: fc.integer({ min: 1, max: 20_000 }) },
    { requiredKeys: ['type'] },
  ),
);
const fileSpec: fc.Arbitrary<TFileSpec> = fc.record({
  acceptedTypes: fc.shuffledSubarray([...ACCEPTED_FILE_TYPES], { minLength: 1 }),
  maxBytes: fc.oneof(
    fc.integer({ min: 1, max: 50 * MB }),
    fc.integer({ min: 1, max: 50 }).map((n) => n * MB),
  ),
});

describe('answer specs and file rules: loaded and sent back', () => {
  test('every answer spec comes back exactly as it was loaded', () => {
    fc.assert(
      fc.property(answerSpec, (generated) => {
        const a = ZAnswerSpec.parse(generated);
        expect(a).toEqual(generated);
        expect(toAnswer(answerForm(a))).toStrictEqual(a);
      }),
    );
  });

  test('every file rule comes back exactly, to the byte, also when the size is not whole MB', () => {
    fc.assert(
      fc.property(fileSpec, (generated) => {
        const f = ZFileSpec.parse(generated);
        expect(f).toEqual(generated);
        expect(toFiles(filesForm(f))).toStrictEqual(f);
      }),
    );
  });

  test('no spec loaded, none sent', () => {
    expect(toAnswer(answerForm(undefined))).toBeUndefined();
    expect(toFiles(filesForm(undefined))).toBeUndefined();
  });
});

describe('editing the answer of an information requirement', () => {
  test('a free-text requirement becomes a choice of ordered options', () => {
    const form = definitionToForm(family());
    const { index, r } = requirement(form, 'housing');
    expect(r.answer.type).toBe('');
    r.answer.type = 'choice';
    for (const [value, da, en] of [
      ['own', 'Ejerbolig', 'Owned'],
      ['rented', 'Lejebolig', 'Rented'],
      ['other', 'Andet', 'Other'],
    ]) {
      r.answer.options.push({ ...emptyOption(), value: value!, label: { da: da!, en: en!, sv: '' } });
    }
    r.answer.options = moveItem(r.answer.options, 1, -1);
    r.answer.options = removeItem(r.answer.options, 2);
    expect(formToDefinition(form).requirements[index]!.answer).toStrictEqual({
      type: 'choice',
      options: [
        { value: 'rented', label: { da: 'Lejebolig', en: 'Rented' } },
        { value: 'own', label: { da: 'Ejerbolig', en: 'Owned' } },
      ],
    });
    expect(valid(form)).toEqual([]);
    expect(fieldPaths(form)).toEqual(
      expect.arrayContaining([
        `requirements[${index}].answer.type`,
        `requirements[${index}].answer.options[1].value`,
        `requirements[${index}].answer.options[1].label.da`,
        `requirements[${index}].answer.options`,
      ]),
    );
  });

  test('date bounds are optional one by one; other types send only what they take, and switching back restores them', () => {
    const form = definitionToForm(family());
    const { index, r } = requirement(form, 'marriage-date');
    const answer = () => formToDefinition(form).requirements[index]!.answer;
    expect([r.answer.minYears, r.answer.maxYears]).toEqual(['-80', '0']);
    r.answer.minYears = ' ';
    r.answer.maxYears = '5';
    expect(answer()).toStrictEqual({ type: 'date', dateBounds: { maxYears: 5 } });
    r.answer.maxYears = '';
    expect(answer()).toStrictEqual({ type: 'date' });
    r.answer.minYears = '-80';
    r.answer.maxYears = '0';
    r.answer.type = 'text';
    r.answer.maxLength = '200';
    expect(answer()).toStrictEqual({ type: 'text', maxLength: 200 });
    expect(fieldPaths(form)).not.toContain(`requirements[${index}].answer.dateBounds.minYears`);
    r.answer.type = 'yesno';
    expect(answer()).toStrictEqual({ type: 'yesno' });
    r.answer.type = 'date';
    expect(answer()).toStrictEqual(family().requirements[index]!.answer);
    r.answer.type = '';
    expect(formToDefinition(form).requirements[index]).not.toHaveProperty('answer');
    expect(valid(form)).toEqual([]);
  });

  test('an option code the server refuses is named on the option, and nothing typed is lost', () => {
    const form = definitionToForm(family());
    const { index, r } = requirement(form, 'children');
    r.answer.type = 'choice';
    r.answer.options.push({ ...emptyOption(), value: 'Ja', label: { da: 'Ja', en: 'Yes', sv: '' } });
    const issues = valid(form);
    expect(issues.map((i) => i.path)).toEqual([`requirements[${index}].answer.options[0].value`]);
    expect(nearestField(issues[0]!.path, fieldPaths(form))).toBe(`requirements[${index}].answer.options[0].value`);
    expect(fieldId(issues[0]!.path)).toBe(`ct-requirements-${index}-answer-options-0-value`);
    expect(rowKeysOf([issues[0]!.path], form)).toEqual([r.key]);
    expect(formToDefinition(form).requirements[index]!.answer!.options![0]!.value).toBe('Ja');
  });

  test('a choice without options is refused beside the add button; a repeated code on the repeat', () => {
    const form = definitionToForm(family());
    const { index, r } = requirement(form, 'children');
    r.answer.type = 'choice';
    const known = () => fieldPaths(form);
    expect(valid(form).map((i) => nearestField(i.path, known()))).toEqual([`requirements[${index}].answer.options`]);
    for (const value of ['yes', 'no', 'yes'])
      r.answer.options.push({ ...emptyOption(), value, label: { da: value, en: value, sv: '' } });
    expect(valid(form).map((i) => nearestField(i.path, known()))).toEqual([
      `requirements[${index}].answer.options[2].value`,
    ]);
  });

  test('numbers that are not numbers are hinted at before sending, on the inputs that are shown', () => {
    const form = definitionToForm(family());
    const { index, r } = requirement(form, 'marriage-date');
    r.answer.minYears = 'firs';
    r.answer.maxLength = 'mange';
    expect(formHints(form)).toEqual([{ path: `requirements[${index}].answer.dateBounds.minYears`, hint: 'notNumber' }]);
    r.answer.type = 'longtext';
    expect(formHints(form)).toEqual([{ path: `requirements[${index}].answer.maxLength`, hint: 'notNumber' }]);
    r.kind = 'document';
    expect(formHints(form)).toEqual([]);
  });

  test('a refused bound or length lands on its input', () => {
    const form = definitionToForm(family());
    const { index, r } = requirement(form, 'marriage-date');
    r.answer.minYears = '-200';
    const issues = valid(form);
    expect(issues.map((i) => i.path)).toEqual([`requirements[${index}].answer.dateBounds.minYears`]);
    expect(nearestField(issues[0]!.path, fieldPaths(form))).toBe(issues[0]!.path);
  });
});

describe('editing the file rules of a document requirement', () => {
  test('ticked types in the order ticked and a size in MB become the file rules; nothing ticked or typed means the defaults', () => {
    const form = definitionToForm(family());
    const { index, r } = requirement(form, 'marriage-certificate');
    const files = () => formToDefinition(form).requirements[index]!.files;
    expect(files()).toBeUndefined();
    r.files.acceptedTypes = toggleListed(r.files.acceptedTypes, 'image/png', true);
    r.files.acceptedTypes = toggleListed(r.files.acceptedTypes, 'application/pdf', true);
    r.files.maxMb = '5';
    expect(files()).toStrictEqual({ acceptedTypes: ['image/png', 'application/pdf'], maxBytes: 5 * MB });
    r.files.maxMb = '2,5';
    expect(files()).toStrictEqual({ acceptedTypes: ['image/png', 'application/pdf'], maxBytes: 2.5 * MB });
    expect(valid(form)).toEqual([]);
    r.files.acceptedTypes = toggleListed(
      toggleListed(r.files.acceptedTypes, 'image/png', false),
      'application/pdf',
      false,
    );
    r.files.maxMb = '';
    expect(files()).toBeUndefined();
  });

  test('switching the kind drops the rules that no longer apply, and switching back restores them', () => {
    const form = definitionToForm(family());
    const { index, r } = requirement(form, 'marriage-certificate');
    r.files = filesForm({ acceptedTypes: ['application/pdf'], maxBytes: 4 * MB });
    r.kind = 'information';
    expect(formToDefinition(form).requirements[index]).not.toHaveProperty('files');
    expect(fieldPaths(form)).not.toContain(`requirements[${index}].files.maxBytes`);
    expect(fieldPaths(form)).toContain(`requirements[${index}].answer.type`);
    r.kind = 'document';
    expect(formToDefinition(form).requirements[index]!.files).toStrictEqual({
      acceptedTypes: ['application/pdf'],
      maxBytes: 4 * MB,
    });
    expect(fieldPaths(form)).not.toContain(`requirements[${index}].answer.type`);
  });

  test('a size that is not whole MB keeps its exact bytes until the figure is edited', () => {
    const form = definitionToForm(family());
    const { index, r } = requirement(form, 'marriage-certificate');
    r.files = filesForm({ acceptedTypes: ['application/pdf'], maxBytes: 5_000_000 });
    expect(r.files.maxMb).toBe('4.77');
    r.files.acceptedTypes = toggleListed(r.files.acceptedTypes, 'image/jpeg', true);
    expect(formToDefinition(form).requirements[index]!.files).toStrictEqual({
      acceptedTypes: ['application/pdf', 'image/jpeg'],
      maxBytes: 5_000_000,
    });
    r.files.maxMb = '4';
    expect(formToDefinition(form).requirements[index]!.files!.maxBytes).toBe(4 * MB);
    r.files.maxMb = '4.77';
    expect(formToDefinition(form).requirements[index]!.files!.maxBytes).toBe(5_000_000);
  });

  test('MB and bytes: whole and halves exactly, anything else to the nearest byte', () => {
    expect(bytesToMb(10 * MB)).toBe('10');
    expect(bytesToMb(50 * MB)).toBe('50');
    expect(bytesToMb(MB / 2)).toBe('0.5');
    expect(bytesToMb(1000)).toBe('0.00095');
    expect(mbToBytes('10')).toBe(10 * MB);
    expect(mbToBytes(' 0,5 ')).toBe(MB / 2);
    expect(mbToBytes('1.1')).toBe(1_153_434);
    expect(mbToBytes('ti')).toBeNaN();
    fc.assert(fc.property(fc.integer({ min: 1, max: 50 }), (n) => mbToBytes(bytesToMb(n * MB)) === n * MB));
  });

  test('types without a size, and a size that is not a number, are hinted at; the server names the rest', () => {
    const form = definitionToForm(family());
    const { index, r } = requirement(form, 'marriage-certificate');
    r.files.acceptedTypes = ['application/pdf'];
    expect(formHints(form)).toEqual([{ path: `requirements[${index}].files.maxBytes`, hint: 'required' }]);
    r.files.maxMb = 'ti';
    expect(formHints(form)).toEqual([{ path: `requirements[${index}].files.maxBytes`, hint: 'notNumber' }]);
    r.files.maxMb = '51';
    r.files.acceptedTypes = [];
    expect(formHints(form)).toEqual([]);
    const known = fieldPaths(form);
    expect(valid(form).map((i) => [i.path, nearestField(i.path, known)])).toEqual([
      [`requirements[${index}].files.acceptedTypes`, `requirements[${index}].files.acceptedTypes`],
      [`requirements[${index}].files.maxBytes`, `requirements[${index}].files.maxBytes`],
    ]);
  });
});

describe('choices', () => {
  test('the editor offers exactly the answer types and file types the contracts know, in their order', () => {
    expect(ANSWER_TYPES).toEqual([...CONTRACT_ANSWER_TYPES]);
    expect(FILE_TYPES).toEqual([...ACCEPTED_FILE_TYPES]);
  });
});

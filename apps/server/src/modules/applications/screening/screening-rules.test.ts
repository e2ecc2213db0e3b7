import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { checkAnswer, checkFile, isApplicable, parseIsoDate, screenApplication } from './screening-rules.js';
import type { AttachedDocument, ScreeningRequirement } from './screening-types.js';

const TODAY = '2026-03-02';

// A family-reunification package in miniature: a conditional question and a conditional document.
const REQUIREMENTS: ScreeningRequirement[] = [
  { key: 'spouseName', kind: 'information', necessity: 'mandatory', answerType: 'text', maxLength: 200 },
  {
    key: 'marriageDate',
    kind: 'information',
    necessity: 'mandatory',
    answerType: 'date',
    dateBounds: { minYears: -80, maxYears: 0 },
  },
  { key: 'hasChildren', kind: 'information', necessity: 'mandatory', answerType: 'yesno' },
  {
    key: 'childrenCount',
    kind: 'information',
    necessity: 'conditional',
    answerType: 'number',
    condition: { questionKey: 'hasChildren', in: ['yes'] },
  },
  {
    key: 'passport',
    kind: 'document',
    necessity: 'mandatory',
    acceptedTypes: ['application/pdf', 'image/jpeg'],
    maxBytes: 1000,
  },
  {
    key: 'birthCertificates',
    kind: 'document',
    necessity: 'conditional',
    acceptedTypes: ['application/pdf'],
    maxBytes: 1000,
    condition: { questionKey: 'hasChildren', in: ['yes'] },
  },
];

const pdf = (requirementKey: string, sizeBytes = 500): AttachedDocument => ({
  requirementKey,
  detectedType: 'application/pdf',
  sizeBytes,
  fileName: `${requirementKey}.pdf`,
});

const COMPLETE = { spouseName: 'Amal Haddad', marriageDate: '2019-06-14', hasChildren: 'no' };

describe('screenApplication', () => {
  test('a complete application without children is fully informed', () => {
    const result = screenApplication({
      requirements: REQUIREMENTS,
      answers: COMPLETE,
      documents: [pdf('passport')],
      today: TODAY,
    });
    expect(result).toEqual({
      fullyInformed: true,
      applicableKeys: ['spouseName', 'marriageDate', 'hasChildren', 'passport'],
      findings: [],
      missingKeys: [],
    });
  });

  test('a missing mandatory document is named', () => {
    const result = screenApplication({ requirements: REQUIREMENTS, answers: COMPLETE, documents: [], today: TODAY });
    expect(result.fullyInformed).toBe(false);
    expect(result.missingKeys).toEqual(['passport']);
    expect(result.findings).toEqual([{ requirementKey: 'passport', code: 'document_missing' }]);
  });

  test('conditional requirements apply once their condition is met', () => {
    const answers = { ...COMPLETE, hasChildren: 'yes' };
    const result = screenApplication({
      requirements: REQUIREMENTS,
      answers,
      documents: [pdf('passport')],
      today: TODAY,
    });
    expect(result.missingKeys).toEqual(['childrenCount', 'birthCertificates']);
    expect(result.findings.map((f) => f.code)).toEqual(['answer_missing', 'document_missing']);
  });

  test('an answer left behind by a question that no longer applies is not checked', () => {
    const answers = { ...COMPLETE, childrenCount: 'many' };
    const result = screenApplication({
      requirements: REQUIREMENTS,
      answers,
      documents: [pdf('passport')],
      today: TODAY,
    });
    expect(result.fullyInformed).toBe(true);
  });

  test('a future marriage date is implausible, with the bounds in the finding', () => {
    const answers = { ...COMPLETE, marriageDate: '2027-01-01' };
    const result = screenApplication({
      requirements: REQUIREMENTS,
      answers,
      documents: [pdf('passport')],
      today: TODAY,
    });
    expect(result.findings).toEqual([
      { requirementKey: 'marriageDate', code: 'date_implausible', params: { min: '1946-03-02', max: '2026-03-02' } },
    ]);
  });

  test('a document of the wrong type or too large fails its requirement', () => {
    const png: AttachedDocument = {
      requirementKey: 'passport',
      detectedType: 'image/png',
      sizeBytes: 10,
      fileName: 'p.png',
    };
    const big = pdf('passport', 5000);
    const result = screenApplication({
      requirements: REQUIREMENTS,
      answers: COMPLETE,
      documents: [png, big],
      today: TODAY,
    });
    expect(result.missingKeys).toEqual(['passport']);
    expect(result.findings.map((f) => [f.code, f.fileName])).toEqual([
      ['document_type', 'p.png'],
      ['document_size', 'passport.pdf'],
    ]);
  });

  test('whitespace is not an answer', () => {
    const answers = { ...COMPLETE, spouseName: '   ' };
    const result = screenApplication({
      requirements: REQUIREMENTS,
      answers,
      documents: [pdf('passport')],
      today: TODAY,
    });
    expect(result.missingKeys).toEqual(['spouseName']);
  });

  test('property: fully informed exactly when there are no findings, and missing keys are applicable keys', () => {
    const answerArb = fc.record({
      spouseName: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
      marriageDate: fc.option(fc.constantFrom('2019-06-14', '2030-01-01', '2019-02-30', 'x'), { nil: undefined }),
      hasChildren: fc.option(fc.constantFrom('yes', 'no', 'maybe'), { nil: undefined }),
      childrenCount: fc.option(fc.constantFrom('2', 'two'), { nil: undefined }),
    });
    const docArb = fc.array(
      fc.record({
        requirementKey: fc.constantFrom('passport', 'birthCertificates'),
        detectedType: fc.constantFrom('application/pdf', 'image/jpeg', 'image/png', null),
        sizeBytes: fc.integer({ min: 0, max: 2000 }),
        fileName: fc.constant('f'),
      }),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(answerArb, docArb, (answers, documents) => {
        const r = screenApplication({ requirements: REQUIREMENTS, answers, documents, today: TODAY });
        expect(r.fullyInformed).toBe(r.findings.length === 0);
        expect(r.fullyInformed).toBe(r.missingKeys.length === 0);
        for (const key of r.missingKeys) expect(r.applicableKeys).toContain(key);
        for (const key of ['spouseName', 'marriageDate', 'hasChildren', 'passport'])
          expect(r.applicableKeys).toContain(key);
      }),
    );
  });
});

describe('single rules', () => {
  test('isApplicable reads the condition value trimmed', () => {
    expect(isApplicable(REQUIREMENTS[3], { hasChildren: ' yes ' })).toBe(true);
    expect(isApplicable(REQUIREMENTS[3], { hasChildren: 'no' })).toBe(false);
    expect(isApplicable(REQUIREMENTS[3], {})).toBe(false);
  });

  test('parseIsoDate accepts only real calendar dates', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
    expect(parseIsoDate('2026-02-29')).toBeNull();
    expect(parseIsoDate('2026-13-01')).toBeNull();
    expect(parseIsoDate('1.2.2026')).toBeNull();
  });

  test('checkAnswer validates numbers, choices, e-mail and length', () => {
    const num: ScreeningRequirement = { key: 'n', kind: 'information', necessity: 'mandatory', answerType: 'number' };
    const choice: ScreeningRequirement = {
      key: 'c',
      kind: 'information',
      necessity: 'mandatory',
      answerType: 'choice',
      options: ['a', 'b'],
    };
    const email: ScreeningRequirement = { key: 'e', kind: 'information', necessity: 'mandatory', answerType: 'email' };
    const short: ScreeningRequirement = {
      key: 's',
      kind: 'information',
      necessity: 'mandatory',
      answerType: 'text',
      maxLength: 3,
    };
    expect(checkAnswer(num, '12,5', TODAY)).toBeNull();
    expect(checkAnswer(num, '12 kr', TODAY)?.code).toBe('answer_invalid');
    expect(checkAnswer(choice, 'b', TODAY)).toBeNull();
    expect(checkAnswer(choice, 'z', TODAY)?.code).toBe('answer_invalid');
    expect(checkAnswer(email, 'borger@example.dk', TODAY)).toBeNull();
    expect(checkAnswer(email, 'borger@', TODAY)?.code).toBe('answer_invalid');
    expect(checkAnswer(short, 'abcd', TODAY)).toEqual({
      requirementKey: 's',
      code: 'too_long',
      params: { maxLength: 3 },
    });
  });

  test('dates without bounds: 130 years back to 20 years ahead', () => {
    const d: ScreeningRequirement = { key: 'd', kind: 'information', necessity: 'mandatory', answerType: 'date' };
    expect(checkAnswer(d, '1900-01-01', TODAY)).toBeNull();
    expect(checkAnswer(d, '1890-01-01', TODAY)?.code).toBe('date_implausible');
    expect(checkAnswer(d, '2050-01-01', TODAY)?.code).toBe('date_implausible');
  });

  test('an empty file is rejected as a size problem', () => {
    const req = REQUIREMENTS[4];
    if (req.kind !== 'document') throw new Error('fixture');
    expect(
      checkFile(req, { detectedType: 'application/pdf', sizeBytes: 0, fileName: 'x.pdf' }).map((f) => f.code),
    ).toEqual(['document_size']);
  });
});

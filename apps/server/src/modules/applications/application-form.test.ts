import { describe, expect, test } from 'vitest';
import type { TRequirement } from '@sagsgang/contracts';
import { demoCaseTypes } from '../demo/index.js';
import { appliesKey, buildForm, requirementCodeOf, screeningRequirements, stepAnswerKeys } from './application-form.js';
import { screenApplication } from './screening/screening-rules.js';

const family = demoCaseTypes().find((d) => d.code === 'family-reunification')!;
const text = (s: string) => ({ da: s, en: s });
const info = (code: string, extra: Partial<TRequirement> = {}): TRequirement => ({
  code,
  kind: 'information',
  necessity: 'mandatory',
  label: text(code),
  why: text('why'),
  ...extra,
});

describe('buildForm', () => {
  test('questions come in steps of four, then one documents step', () => {
    const form = buildForm({
      requirements: ['a1', 'a2', 'a3', 'a4', 'a5'].map((c) => info(c)).concat([{ ...info('doc'), kind: 'document' }]),
    });
    expect(form.steps.map((s) => [s.id, s.requirementCodes.length])).toEqual([
      ['q1', 4],
      ['q2', 1],
      ['documents', 1],
    ]);
  });

  test('a conditional requirement adds its "does this apply" answer to the step', () => {
    const form = buildForm(family);
    const withChildren = form.steps.find((s) => s.requirementCodes.includes('children'))!;
    expect(stepAnswerKeys(form, withChildren)).toContain(appliesKey('children'));
    expect(stepAnswerKeys(form, withChildren)).toContain('children');
    const docs = form.steps.find((s) => s.kind === 'documents')!;
    expect(docs.requirementCodes).toEqual(['passport', 'marriage-certificate', 'bank-guarantee']);
    expect(stepAnswerKeys(form, docs)).toEqual([]);
  });
});

describe('screeningRequirements', () => {
  test('the demo family package screens: the date of marriage as a date, children only when they apply', () => {
    const reqs = screeningRequirements(family);
    const date = reqs.find((r) => r.key === 'marriage-date');
    expect(date).toMatchObject({ kind: 'information', answerType: 'date', dateBounds: { minYears: -80, maxYears: 0 } });
    const passport = reqs.find((r) => r.key === 'passport');
    expect(passport).toMatchObject({
      kind: 'document',
      acceptedTypes: ['application/pdf', 'image/png', 'image/jpeg'],
      maxBytes: 10 * 1024 * 1024,
    });
    const answers = { 'marriage-date': '2019-06-14', housing: '72 m2, 3 rooms', [appliesKey('children')]: 'no' };
    const documents = ['passport', 'marriage-certificate'].map((k) => ({
      requirementKey: k,
      detectedType: 'application/pdf',
      sizeBytes: 100,
      fileName: `${k}.pdf`,
    }));
    const result = screenApplication({ requirements: reqs, answers, documents, today: '2026-03-02' });
    expect(result.missingKeys).toEqual(['bank-guarantee']);
    const withKids = screenApplication({
      requirements: reqs,
      answers: { ...answers, [appliesKey('children')]: 'yes' },
      documents,
      today: '2026-03-02',
    });
    expect(withKids.missingKeys).toEqual(['bank-guarantee', 'children']);
  });

  test('an unanswered "applies" question is reported against its requirement', () => {
    const result = screenApplication({
      requirements: screeningRequirements(family),
      answers: {},
      documents: [],
      today: '2026-03-02',
    });
    expect(result.missingKeys).toContain(appliesKey('children'));
    expect(requirementCodeOf(appliesKey('children'))).toBe('children');
    expect(requirementCodeOf('passport')).toBe('passport');
  });
});

import { describe, expect, test } from 'vitest';
import { ZSurveyDefinition } from '@sagsgang/contracts';
import { answersFromForm, checkAnswers } from './survey-answers.js';
import { AFTER_DECISION, SURVEY_TEMPLATES } from './survey-templates.js';

describe('checking answers against the definition', () => {
  test('a full, valid answer passes, with scale steps as numbers and free text trimmed', () => {
    const r = checkAnswers(AFTER_DECISION, {
      overall: 2,
      time: '1',
      understood: 'no',
      improved: 'worse',
      'what-wrong': ['waiting', 'waiting', 'decision'],
      comment: '  For lang tid  ',
    });
    expect(r).toEqual({
      ok: true,
      answers: {
        overall: 2,
        time: 1,
        understood: 'no',
        improved: 'worse',
        'what-wrong': ['waiting', 'decision'],
        comment: 'For lang tid',
      },
    });
  });

  test('out of range, not an option, unknown question, missing required: each named', () => {
    const r = checkAnswers(AFTER_DECISION, { time: 6, understood: 'maybe', 'shoe-size': 44, improved: 'better' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([
      { questionId: 'shoe-size', reason: 'unknown_question' },
      { questionId: 'overall', reason: 'required' },
      { questionId: 'time', reason: 'out_of_range' },
      { questionId: 'understood', reason: 'not_an_option' },
    ]);
    expect(checkAnswers(AFTER_DECISION, { overall: 3.5 }).ok).toBe(false);
    expect(checkAnswers(AFTER_DECISION, { overall: 0 }).ok).toBe(false);
    expect(checkAnswers(AFTER_DECISION, { overall: 4, comment: 'x'.repeat(2001) })).toEqual({
      ok: false,
      problems: [{ questionId: 'comment', reason: 'too_long' }],
    });
  });

  test('a conditional question is refused when its condition is not met, and asked when it is', () => {
    expect(checkAnswers(AFTER_DECISION, { overall: 5, 'what-wrong': ['waiting'] })).toEqual({
      ok: false,
      problems: [{ questionId: 'what-wrong', reason: 'not_asked' }],
    });
    expect(checkAnswers(AFTER_DECISION, { overall: 1, 'what-wrong': ['waiting'] }).ok).toBe(true);
  });

  test('a form without scripts sends every field: answers to questions not asked are dropped, unknown ones kept', () => {
    const raw = answersFromForm(AFTER_DECISION, {
      _csrf: 'x',
      token: 'y',
      'q.overall': '5',
      'q.what-wrong': 'waiting',
      'q.shoe': '44',
    });
    expect(raw).toEqual({ overall: '5', shoe: '44' });
    expect(answersFromForm(AFTER_DECISION, { 'q.overall': '2', 'q.what-wrong': ['waiting', 'contact'] })).toEqual({
      overall: '2',
      'what-wrong': ['waiting', 'contact'],
    });
  });
});

describe('the ready-made surveys', () => {
  test('all four are valid definitions, in Danish, English and Swedish, with Kerteminde’s staff themes', () => {
    expect(SURVEY_TEMPLATES.map((d) => d.kind).sort()).toEqual([
      'after_contact',
      'after_decision',
      'annual_staff',
      'annual_user',
    ]);
    for (const d of SURVEY_TEMPLATES) expect(ZSurveyDefinition.safeParse(d).success).toBe(true);
    const staff = SURVEY_TEMPLATES.find((d) => d.kind === 'annual_staff')!;
    expect(staff.questions.map((q) => q.id)).toEqual(
      expect.arrayContaining(['structure', 'tasks', 'responsibility', 'duty-roster', 'opening-hours']),
    );
    const user = SURVEY_TEMPLATES.find((d) => d.kind === 'annual_user')!;
    expect(user.questions.map((q) => q.id)).toEqual(
      expect.arrayContaining(['opening-hours', 'phone-waiting', 'accessibility', 'coherence', 'website']),
    );
  });

  test('a definition whose condition names a later question, or whose headline is not a scale, is refused', () => {
    const bad = structuredClone(AFTER_DECISION);
    bad.questions[1]!.condition = { questionId: 'comment', values: ['x'] };
    expect(ZSurveyDefinition.safeParse(bad).success).toBe(false);
    expect(ZSurveyDefinition.safeParse({ ...AFTER_DECISION, headlineQuestionId: 'understood' }).success).toBe(false);
  });
});

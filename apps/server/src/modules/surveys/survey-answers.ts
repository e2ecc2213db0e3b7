// What an answer to a survey may hold, checked against the definition it answers. Pure.
import type { TSurveyAnswers, TSurveyDefinition, TSurveyQuestion } from '@sagsgang/contracts';

export type AnswerValue = number | string | string[];

export interface AnswerProblem {
  questionId: string;
  reason: 'unknown_question' | 'required' | 'out_of_range' | 'not_an_option' | 'too_long' | 'not_asked';
}

export type CheckedAnswers =
  { ok: true; answers: Record<string, AnswerValue> } | { ok: false; problems: AnswerProblem[] };

/** The answer as a condition compares it: a scale step '1'…'5', 'yes'/'no', an option value. */
function conditionValues(v: AnswerValue | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [String(v)];
}

/** Whether `q` is asked, given the answers to the questions before it. */
export function isAsked(q: TSurveyQuestion, answers: Record<string, AnswerValue>): boolean {
  if (!q.condition) return true;
  const given = conditionValues(answers[q.condition.questionId]);
  return given.some((g) => q.condition!.values.includes(g));
}

function checkOne(q: TSurveyQuestion, v: AnswerValue): AnswerProblem['reason'] | AnswerValue {
  switch (q.kind) {
    case 'scale': {
      const n = typeof v === 'string' && /^\d$/.test(v) ? Number(v) : v;
      return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 5 ? n : 'out_of_range';
    }
    case 'yes_no':
      return v === 'yes' || v === 'no' ? v : 'not_an_option';
    case 'single':
      return typeof v === 'string' && q.options.some((o) => o.value === v) ? v : 'not_an_option';
    case 'multiple': {
      const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : null;
      if (!list || !list.every((x) => q.options.some((o) => o.value === x))) return 'not_an_option';
      return [...new Set(list)];
    }
    case 'text': {
      if (typeof v !== 'string') return 'out_of_range';
      const text = v.trim();
      return text.length > q.maxLength ? 'too_long' : text;
    }
  }
}

const isEmpty = (v: AnswerValue | undefined) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Checks answers against the definition: every answer names a question it has, lies in range, and answers a
 * question that is asked (its condition met); every required question that is asked has an answer. Questions are
 * taken in order, so a condition sees the checked answer before it.
 */
export function checkAnswers(definition: TSurveyDefinition, raw: TSurveyAnswers): CheckedAnswers {
  const problems: AnswerProblem[] = [];
  const known = new Set(definition.questions.map((q) => q.id));
  for (const id of Object.keys(raw)) if (!known.has(id)) problems.push({ questionId: id, reason: 'unknown_question' });
  const answers: Record<string, AnswerValue> = {};
  for (const q of definition.questions) {
    const v = raw[q.id] as AnswerValue | undefined;
    const asked = isAsked(q, answers);
    if (isEmpty(v) || (typeof v === 'string' && q.kind === 'text' && v.trim() === '')) {
      if (asked && q.required) problems.push({ questionId: q.id, reason: 'required' });
      continue;
    }
    if (!asked) {
      problems.push({ questionId: q.id, reason: 'not_asked' });
      continue;
    }
    const checked = checkOne(q, v!);
    if (typeof checked === 'string' && isProblem(checked)) problems.push({ questionId: q.id, reason: checked });
    else answers[q.id] = checked;
  }
  return problems.length ? { ok: false, problems } : { ok: true, answers };
}

const REASONS = new Set<string>([
  'unknown_question',
  'required',
  'out_of_range',
  'not_an_option',
  'too_long',
  'not_asked',
]);
function isProblem(v: string): v is AnswerProblem['reason'] {
  return REASONS.has(v);
}

/**
 * Reads a browser's form (`q.<id>` fields; a multiple choice repeats its field) into answers. A form without scripts
 * sends the follow-up questions too, so answers to questions whose condition is not met are dropped here, not
 * refused: the person could not hide them.
 */
export function answersFromForm(definition: TSurveyDefinition, form: Record<string, unknown>): TSurveyAnswers {
  const raw: TSurveyAnswers = {};
  for (const [key, value] of Object.entries(form)) {
    if (!key.startsWith('q.')) continue;
    const id = key.slice(2);
    const q = definition.questions.find((x) => x.id === id);
    if (q?.kind === 'multiple') raw[id] = Array.isArray(value) ? value.map(String) : [String(value)];
    else if (typeof value === 'string') raw[id] = value;
    else raw[id] = Array.isArray(value) ? value.map(String) : String(value);
  }
  const kept: TSurveyAnswers = {};
  const sofar: Record<string, AnswerValue> = {};
  for (const q of definition.questions) {
    const v = raw[q.id];
    if (v === undefined) continue;
    if (!isAsked(q, sofar)) continue;
    kept[q.id] = v;
    sofar[q.id] = q.kind === 'scale' && typeof v === 'string' && /^\d$/.test(v) ? Number(v) : v;
  }
  // Fields naming questions the survey does not have are kept, so the check refuses them.
  for (const id of Object.keys(raw)) if (!definition.questions.some((q) => q.id === id)) kept[id] = raw[id]!;
  return kept;
}

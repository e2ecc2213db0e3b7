import { AppError } from '../../platform/errors.js';
import {
  appliesKey,
  screeningRequirements,
  stepAnswerKeys,
  type ApplicationForm,
  type FormStep,
} from './application-form.js';
import { checkAnswer, isAnswered, isApplicable } from './screening/screening-rules.js';
import type { Answers, Finding, InformationRequirement } from './screening/screening-types.js';

/**
 * Refuses fields a step does not have: a tampered form (a requirement that does not exist, or one from another
 * step) is a 400 with the field named, never silently stored.
 */
export function assertStepFields(form: ApplicationForm, step: FormStep, submitted: Record<string, string>): void {
  const allowed = new Set(stepAnswerKeys(form, step));
  const unknown = Object.keys(submitted).filter((k) => !allowed.has(k));
  if (unknown.length > 0) {
    throw new AppError(
      'validation',
      `The form contains fields that are not part of this application: ${unknown.join(', ')}.`,
      {
        fields: unknown,
      },
    );
  }
}

/**
 * What the applicant must fix before moving on from a step: unanswered questions that apply, and answers that are
 * not well-formed or plausible. Documents may be sent later, so a missing document never blocks a step; the
 * screening on receipt names it instead.
 */
export function validateStep(form: ApplicationForm, step: FormStep, answers: Answers, today: string): Finding[] {
  const reqs = screeningRequirements({ requirements: form.requirements });
  const findings: Finding[] = [];
  for (const code of step.requirementCodes) {
    const own = reqs.filter((r) => r.key === code || r.key === appliesKey(code));
    for (const r of own) {
      if (r.kind !== 'information' || !isApplicable(r, answers)) continue;
      const value = answers[r.key];
      if (!isAnswered(value)) findings.push({ requirementKey: r.key, code: 'answer_missing' });
      else {
        const f = checkAnswer(r as InformationRequirement, value, today);
        if (f) findings.push(f);
      }
    }
  }
  return findings;
}

/**
 * The guided application generated from a case type's requirements: which questions and documents, on which
 * steps, and the same requirements in the form the screening rules read. Pure: no database, no HTTP.
 *
 * A conditional requirement whose condition is prose ("If you have children under 18") becomes a yes/no question
 * the applicant answers first ("Does this apply to you?"); the requirement itself applies when the answer is yes.
 */
import {
  ACCEPTED_FILE_TYPES,
  DEFAULT_MAX_FILE_BYTES,
  type TCaseTypeDefinition,
  type TRequirement,
} from '@sagsgang/contracts';
import type { ScreeningRequirement } from './screening/screening-types.js';

export const DEFAULT_MAX_BYTES = DEFAULT_MAX_FILE_BYTES;
/** Questions per step: short pages are easier to get through, at 200% zoom and on a phone. */
const QUESTIONS_PER_STEP = 4;

export type StepKind = 'questions' | 'documents';

export interface FormStep {
  /** 'q1', 'q2', … and 'documents'; used in the address. */
  id: string;
  kind: StepKind;
  requirementCodes: string[];
}

export interface ApplicationForm {
  steps: FormStep[];
  requirements: TRequirement[];
}

/** The key of the implicit "does this apply to you?" answer of a conditional requirement. */
export function appliesKey(code: string): string {
  return `applies:${code}`;
}

export function buildForm(definition: Pick<TCaseTypeDefinition, 'requirements'>): ApplicationForm {
  const info = definition.requirements.filter((r) => r.kind === 'information');
  const docs = definition.requirements.filter((r) => r.kind === 'document');
  const steps: FormStep[] = [];
  for (let i = 0; i < info.length; i += QUESTIONS_PER_STEP) {
    steps.push({
      id: `q${steps.length + 1}`,
      kind: 'questions',
      requirementCodes: info.slice(i, i + QUESTIONS_PER_STEP).map((r) => r.code),
    });
  }
  if (docs.length > 0) steps.push({ id: 'documents', kind: 'documents', requirementCodes: docs.map((r) => r.code) });
  return { steps, requirements: definition.requirements };
}

/** The answer keys a step may set: its requirements' answers and their "applies" answers. */
export function stepAnswerKeys(form: ApplicationForm, step: FormStep): string[] {
  const keys: string[] = [];
  for (const code of step.requirementCodes) {
    const r = form.requirements.find((x) => x.code === code)!;
    if (r.necessity === 'conditional') keys.push(appliesKey(code));
    if (r.kind === 'information') keys.push(code);
  }
  return keys;
}

export function fileSpec(r: TRequirement): { acceptedTypes: (typeof ACCEPTED_FILE_TYPES)[number][]; maxBytes: number } {
  return {
    acceptedTypes: r.files?.acceptedTypes ?? [...ACCEPTED_FILE_TYPES],
    maxBytes: r.files?.maxBytes ?? DEFAULT_MAX_BYTES,
  };
}

/** The requirements as the screening rules read them, the implicit "applies" questions included. */
export function screeningRequirements(definition: Pick<TCaseTypeDefinition, 'requirements'>): ScreeningRequirement[] {
  const out: ScreeningRequirement[] = [];
  for (const r of definition.requirements) {
    const conditional = r.necessity === 'conditional';
    if (conditional)
      out.push({ key: appliesKey(r.code), kind: 'information', necessity: 'mandatory', answerType: 'yesno' });
    const base = {
      key: r.code,
      necessity: r.necessity,
      ...(conditional ? { condition: { questionKey: appliesKey(r.code), in: ['yes'] } } : {}),
    };
    if (r.kind === 'document') {
      out.push({ ...base, kind: 'document', ...fileSpec(r) });
    } else {
      out.push({
        ...base,
        kind: 'information',
        answerType: r.answer?.type ?? 'longtext',
        options: r.answer?.options?.map((o) => o.value),
        dateBounds: r.answer?.dateBounds,
        maxLength: r.answer?.maxLength ?? 10_000,
      });
    }
  }
  return out;
}

/** The requirement a screening key belongs to ('applies:children' belongs to 'children'). */
export function requirementCodeOf(key: string): string {
  return key.startsWith('applies:') ? key.slice('applies:'.length) : key;
}

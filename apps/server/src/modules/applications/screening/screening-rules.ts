import type {
  Answers,
  AttachedDocument,
  DocumentRequirement,
  Finding,
  InformationRequirement,
  ScreeningRequirement,
  ScreeningResult,
} from './screening-types.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const YESNO = new Set(['yes', 'no']);
// Without explicit bounds a date is implausible if it lies more than 130 years back or 20 years ahead.
const DEFAULT_BOUNDS = { minYears: -130, maxYears: 20 };

/** True when `value` carries an answer (blank and whitespace-only do not count). */
export function isAnswered(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Whether a requirement applies, given the answers so far: mandatory always, conditional when its condition holds. */
export function isApplicable(requirement: ScreeningRequirement, answers: Answers): boolean {
  if (requirement.necessity === 'mandatory' || !requirement.condition) return true;
  const given = answers[requirement.condition.questionKey];
  return isAnswered(given) && requirement.condition.in.includes(given.trim());
}

/** Parses YYYY-MM-DD as a real calendar date (rejects 2026-02-30). */
export function parseIsoDate(value: string): { y: number; m: number; d: number } | null {
  const match = ISO_DATE.exec(value.trim());
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return { y, m, d };
}

function shiftYears(today: string, years: number): string {
  const t = parseIsoDate(today);
  if (!t) throw new Error(`today must be YYYY-MM-DD, got ${today}`);
  const y = String(t.y + years).padStart(4, '0');
  // 29 February shifted to a common year becomes 28 February: the bound is a day early, never a day late.
  const d = t.m === 2 && t.d === 29 ? 28 : t.d;
  return `${y}-${String(t.m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Checks one answer on its own (type, options, plausibility); `today` is the screening day as YYYY-MM-DD. */
export function checkAnswer(requirement: InformationRequirement, value: string, today: string): Finding | null {
  const key = requirement.key;
  const v = value.trim();
  if (requirement.maxLength !== undefined && v.length > requirement.maxLength) {
    return { requirementKey: key, code: 'too_long', params: { maxLength: requirement.maxLength } };
  }
  switch (requirement.answerType) {
    case 'number':
      return /^-?\d+(?:[.,]\d+)?$/.test(v) ? null : { requirementKey: key, code: 'answer_invalid' };
    case 'email':
      return EMAIL.test(v) ? null : { requirementKey: key, code: 'answer_invalid' };
    case 'yesno':
      return YESNO.has(v) ? null : { requirementKey: key, code: 'answer_invalid' };
    case 'choice':
      return requirement.options?.includes(v) ? null : { requirementKey: key, code: 'answer_invalid' };
    case 'date':
      return checkDate(requirement, v, today);
    default:
      return null;
  }
}

function checkDate(requirement: InformationRequirement, v: string, today: string): Finding | null {
  if (!parseIsoDate(v)) return { requirementKey: requirement.key, code: 'answer_invalid' };
  const min = shiftYears(today, requirement.dateBounds?.minYears ?? DEFAULT_BOUNDS.minYears);
  const max = shiftYears(today, requirement.dateBounds?.maxYears ?? DEFAULT_BOUNDS.maxYears);
  // ISO dates of equal length compare correctly as strings.
  if (v < min || v > max) return { requirementKey: requirement.key, code: 'date_implausible', params: { min, max } };
  return null;
}

/** Checks the documents attached to one document requirement: present, of an accepted type, within the size. */
export function checkDocuments(requirement: DocumentRequirement, documents: readonly AttachedDocument[]): Finding[] {
  const mine = documents.filter((d) => d.requirementKey === requirement.key);
  if (mine.length === 0) return [{ requirementKey: requirement.key, code: 'document_missing' }];
  const findings: Finding[] = [];
  for (const doc of mine) findings.push(...checkFile(requirement, doc));
  return findings;
}

/** Checks one file against a document requirement; used at upload time and again on receipt. */
export function checkFile(
  requirement: DocumentRequirement,
  doc: Pick<AttachedDocument, 'detectedType' | 'sizeBytes' | 'fileName'>,
): Finding[] {
  const findings: Finding[] = [];
  const accepted = requirement.acceptedTypes as readonly string[];
  if (!doc.detectedType || !accepted.includes(doc.detectedType)) {
    findings.push({
      requirementKey: requirement.key,
      code: 'document_type',
      fileName: doc.fileName,
      params: { accepted: requirement.acceptedTypes.join(', ') },
    });
  }
  if (doc.sizeBytes > requirement.maxBytes || doc.sizeBytes === 0) {
    findings.push({
      requirementKey: requirement.key,
      code: 'document_size',
      fileName: doc.fileName,
      params: { maxBytes: requirement.maxBytes, sizeBytes: doc.sizeBytes },
    });
  }
  return findings;
}

function checkRequirement(
  requirement: ScreeningRequirement,
  answers: Answers,
  documents: readonly AttachedDocument[],
  today: string,
): Finding[] {
  if (requirement.kind === 'document') return checkDocuments(requirement, documents);
  const value = answers[requirement.key];
  if (!isAnswered(value)) return [{ requirementKey: requirement.key, code: 'answer_missing' }];
  const finding = checkAnswer(requirement, value, today);
  return finding ? [finding] : [];
}

/**
 * The automatic screening on receipt: every applicable requirement answered or documented, answers well-formed and
 * plausible, documents of an accepted type and size. Requirements that do not apply are not checked at all, so an
 * answer left behind by a question the applicant later made irrelevant cannot fail the screening.
 */
export function screenApplication(input: {
  requirements: readonly ScreeningRequirement[];
  answers: Answers;
  documents: readonly AttachedDocument[];
  today: string;
}): ScreeningResult {
  const applicable = input.requirements.filter((r) => isApplicable(r, input.answers));
  const findings = applicable.flatMap((r) => checkRequirement(r, input.answers, input.documents, input.today));
  const failed = new Set(findings.map((f) => f.requirementKey));
  return {
    fullyInformed: findings.length === 0,
    applicableKeys: applicable.map((r) => r.key),
    findings,
    missingKeys: applicable.filter((r) => failed.has(r.key)).map((r) => r.key),
  };
}

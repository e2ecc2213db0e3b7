/**
 * The case-type editor's form state and its exact translation to and from a definition. Inputs hold text (so a
 * half-typed number is never lost); a definition loaded and turned back without edits is the same definition, so
 * publishing it answers "unchanged". Nothing here is checked that the server checks: it names the field itself.
 */
import type {
  TCaseTypeDefinition,
  TDecisionOutcome,
  TDuration,
  TLocalizedText,
  TPhase,
  TRequirement,
} from '@sagsgang/contracts';
import {
  amountOf,
  emptyText,
  isBlank,
  localized,
  nextKey,
  normaliseNumber,
  textForm,
  type TextForm,
} from './case-type-form-basics.js';
import {
  answerForm,
  emptyAnswer,
  emptyFiles,
  filesForm,
  toAnswer,
  toFiles,
  type AnswerForm,
  type FilesForm,
} from './case-type-requirement-specs.js';

export { amountOf, type TextForm };

type DurationUnit = TDuration['unit'];
type ClockStart = TCaseTypeDefinition['serviceGoal']['clockStart'];

/** An empty amount means "none" where the definition allows none. */
export interface DurationForm {
  amount: string;
  unit: DurationUnit;
}

export interface PhaseForm {
  /** Stable identity for lists and focus; never sent. */
  key: string;
  code: string;
  /** The stored order, kept while the list stays in a strictly increasing order; null for a new phase. */
  order: number | null;
  name: TextForm;
  applicantText: TextForm;
  notifyApplicant: boolean;
  expectedDuration: DurationForm;
}

export interface RequirementForm {
  key: string;
  code: string;
  kind: TRequirement['kind'];
  necessity: TRequirement['necessity'];
  condition: TextForm;
  label: TextForm;
  why: TextForm;
  example: TextForm;
  /** How an information requirement is answered; kept while the kind is document, sent only for information. */
  answer: AnswerForm;
  /** Which files a document requirement takes; kept while the kind is information, sent only for documents. */
  files: FilesForm;
}

export interface CaseTypeForm {
  code: string;
  name: TextForm;
  topicCode: string;
  legalBasis: string;
  unitCode: string;
  legalMaximum: DurationForm;
  serviceGoal: {
    duration: DurationForm;
    /** The target share in percent, as typed (97 for 0.97). */
    targetPercent: string;
    clockStart: ClockStart;
    pauseWhileAwaitingApplicant: boolean;
    extensionAllowed: boolean;
    /** Kept while extensions are switched off, so switching back restores it; sent only when allowed. */
    extensionMaximum: DurationForm;
    /** Warning thresholds in percent, as typed ("75; 90"); empty means the defaults. */
    warnPercents: string;
  };
  phases: PhaseForm[];
  requirements: RequirementForm[];
  /** In the order they were loaded or ticked: the definition keeps its own order. */
  outcomes: TDecisionOutcome[];
  appeal: { body: TextForm; deadline: DurationForm };
  /** The forecast's window of experience in months, as typed; empty means the default (12). */
  forecastWindowMonths: string;
}

// The choices, listed here rather than imported so the page does not load the schema library; `satisfies` makes
// the compiler insist that every unit and outcome the contracts know is listed.
export const DURATION_UNITS = Object.keys({ calendar_days: 1, working_days: 1, weeks: 1, months: 1 } satisfies Record<
  DurationUnit,
  1
>) as DurationUnit[];
export const DECISION_OUTCOMES = Object.keys({
  granted: 1,
  partly_granted: 1,
  refused: 1,
  withdrawn: 1,
  dismissed: 1,
} satisfies Record<TDecisionOutcome, 1>) as TDecisionOutcome[];

const durationForm = (d: TDuration | null | undefined, unit: DurationUnit = 'calendar_days'): DurationForm =>
  d ? { amount: String(d.amount), unit: d.unit } : { amount: '', unit };

/** Moves the decimal point of a plain decimal string; exact, unlike multiplying a binary fraction by 100. */
export function shiftDecimal(text: string, places: number): string {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m) return text;
  const [, sign, int = '', frac = ''] = m;
  let digits = int + frac;
  let point = int.length + places;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const rest = digits.slice(point).replace(/0+$/, '');
  return sign + whole + (rest ? `.${rest}` : '');
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** 0.97 -> "97". */
export function shareToPercent(share: number): string {
  const s = String(share);
  return /e/i.test(s) ? String(share * 100) : shiftDecimal(s, 2);
}

/** "75; 90" -> [0.75, 0.9]; a part that is not a number becomes NaN, for the server to name. */
export function warnShares(text: string): number[] {
  return text
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => percentToShare(x) ?? Number.NaN);
}

/** "97" or "97,5" -> 0.97 / 0.975; null when the text is not a number. */
export function percentToShare(text: string): number | null {
  const s = normaliseNumber(text);
  return DECIMAL.test(s) ? Number(shiftDecimal(s, -2)) : null;
}

export function emptyPhase(): PhaseForm {
  return {
    key: nextKey('p'),
    code: '',
    order: null,
    name: emptyText(),
    applicantText: emptyText(),
    notifyApplicant: true,
    expectedDuration: durationForm(null),
  };
}

export function emptyRequirement(): RequirementForm {
  return {
    key: nextKey('r'),
    code: '',
    kind: 'information',
    necessity: 'mandatory',
    condition: emptyText(),
    label: emptyText(),
    why: emptyText(),
    example: emptyText(),
    answer: emptyAnswer(),
    files: emptyFiles(),
  };
}

/** A new case type: nothing filled in but the choices that need a default, and one phase to start from. */
export function emptyForm(): CaseTypeForm {
  return {
    code: '',
    name: emptyText(),
    topicCode: '',
    legalBasis: '',
    unitCode: '',
    legalMaximum: durationForm(null),
    serviceGoal: {
      duration: durationForm(null),
      targetPercent: '',
      clockStart: 'on_receipt',
      pauseWhileAwaitingApplicant: true,
      extensionAllowed: false,
      extensionMaximum: durationForm(null),
      warnPercents: '',
    },
    phases: [emptyPhase()],
    requirements: [],
    outcomes: [],
    appeal: { body: emptyText(), deadline: durationForm(null, 'weeks') },
    forecastWindowMonths: '',
  };
}

export function definitionToForm(d: TCaseTypeDefinition): CaseTypeForm {
  const goal = d.serviceGoal;
  return {
    code: d.code,
    name: textForm(d.name),
    topicCode: d.topicCode,
    legalBasis: d.legalBasis,
    unitCode: d.unitCode,
    legalMaximum: durationForm(d.legalMaximum),
    serviceGoal: {
      duration: durationForm(goal.duration),
      targetPercent: shareToPercent(goal.targetShare),
      clockStart: goal.clockStart,
      pauseWhileAwaitingApplicant: goal.pauseWhileAwaitingApplicant,
      extensionAllowed: goal.extension.allowed,
      extensionMaximum: durationForm(goal.extension.maximum, goal.duration.unit),
      warnPercents: goal.warnAt ? goal.warnAt.map(shareToPercent).join('; ') : '',
    },
    phases: d.phases.map((p) => ({
      key: nextKey('p'),
      code: p.code,
      order: p.order,
      name: textForm(p.name),
      applicantText: textForm(p.applicantText),
      notifyApplicant: p.notifyApplicant,
      expectedDuration: durationForm(p.expectedDuration),
    })),
    requirements: d.requirements.map((r) => ({
      key: nextKey('r'),
      code: r.code,
      kind: r.kind,
      necessity: r.necessity,
      condition: textForm(r.condition),
      label: textForm(r.label),
      why: textForm(r.why),
      example: textForm(r.example),
      answer: answerForm(r.answer),
      files: filesForm(r.files),
    })),
    outcomes: [...d.outcomes],
    appeal: { body: textForm(d.appeal?.body), deadline: durationForm(d.appeal?.deadline, 'weeks') },
    forecastWindowMonths: d.forecastWindowMonths === undefined ? '' : String(d.forecastWindowMonths),
  };
}

const optionalLocalized = (t: TextForm): TLocalizedText | undefined => (isBlank(t) ? undefined : localized(t));
const duration = (d: DurationForm): TDuration => ({ amount: amountOf(d.amount), unit: d.unit });
const optionalDuration = (d: DurationForm): TDuration | null => (d.amount.trim() ? duration(d) : null);

/** Keeps the stored orders while they still rise through the list; otherwise numbers the phases 1, 2, 3… */
export function phaseOrders(phases: Pick<PhaseForm, 'order'>[]): number[] {
  const kept = phases.map((p) => p.order);
  const rising = kept.every((o, i) => o !== null && Number.isInteger(o) && o > 0 && (i === 0 || o > kept[i - 1]!));
  return rising ? (kept as number[]) : phases.map((_, i) => i + 1);
}

function toPhase(p: PhaseForm, order: number): TPhase {
  const expected = optionalDuration(p.expectedDuration);
  return {
    code: p.code,
    order,
    name: localized(p.name),
    applicantText: localized(p.applicantText),
    notifyApplicant: p.notifyApplicant,
    ...(expected ? { expectedDuration: expected } : {}),
  };
}

function toRequirement(r: RequirementForm): TRequirement {
  const condition = optionalLocalized(r.condition);
  const example = optionalLocalized(r.example);
  const answer = r.kind === 'information' ? toAnswer(r.answer) : undefined;
  const files = r.kind === 'document' ? toFiles(r.files) : undefined;
  return {
    code: r.code,
    kind: r.kind,
    necessity: r.necessity,
    ...(condition ? { condition } : {}),
    label: localized(r.label),
    why: localized(r.why),
    ...(example ? { example } : {}),
    ...(answer ? { answer } : {}),
    ...(files ? { files } : {}),
  };
}

/** The definition the form describes, as the publish endpoint takes it (the server judges whether it is valid). */
export function formToDefinition(f: CaseTypeForm): TCaseTypeDefinition {
  const goal = f.serviceGoal;
  const orders = phaseOrders(f.phases);
  const appealBlank = isBlank(f.appeal.body) && !f.appeal.deadline.amount.trim();
  return {
    code: f.code,
    name: localized(f.name),
    topicCode: f.topicCode,
    legalBasis: f.legalBasis,
    unitCode: f.unitCode,
    legalMaximum: optionalDuration(f.legalMaximum),
    serviceGoal: {
      duration: duration(goal.duration),
      targetShare: percentToShare(goal.targetPercent) ?? Number.NaN,
      clockStart: goal.clockStart,
      pauseWhileAwaitingApplicant: goal.pauseWhileAwaitingApplicant,
      extension: {
        allowed: goal.extensionAllowed,
        maximum: goal.extensionAllowed ? optionalDuration(goal.extensionMaximum) : null,
      },
      ...(goal.warnPercents.trim() ? { warnAt: warnShares(goal.warnPercents) } : {}),
    },
    phases: f.phases.map((p, i) => toPhase(p, orders[i]!)),
    requirements: f.requirements.map(toRequirement),
    outcomes: [...f.outcomes],
    appeal: appealBlank ? null : { body: localized(f.appeal.body), deadline: duration(f.appeal.deadline) },
    ...(f.forecastWindowMonths.trim() ? { forecastWindowMonths: amountOf(f.forecastWindowMonths) } : {}),
  };
}

/** The list with the item at `index` moved `delta` places; the same list when the move would leave it. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item!);
  return out;
}

export function removeItem<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** Ticks or unticks a choice (an outcome, a file type); a newly ticked one goes last, the others keep their places. */
export function toggleListed<T>(list: readonly T[], item: T, on: boolean): T[] {
  if (on) return list.includes(item) ? [...list] : [...list, item];
  return list.filter((x) => x !== item);
}

export const toggleOutcome = (
  outcomes: readonly TDecisionOutcome[],
  outcome: TDecisionOutcome,
  on: boolean,
): TDecisionOutcome[] => toggleListed(outcomes, outcome, on);

/**
 * Field paths of the case-type editor, written as the server writes them ("phases[1].expectedDuration.amount"), so
 * a refusal from the server lands beside the input it names, and the few hints the form gives itself use the same
 * names. The page renders inputs in the order `fieldPaths` lists them.
 */
import {
  amountOf,
  percentToShare,
  warnShares,
  type CaseTypeForm,
  type DurationForm,
  type RequirementForm,
} from './case-type-form.js';
import { answerUses, keepsExactBytes, mbToBytes } from './case-type-requirement-specs.js';

const LANGS = ['da', 'en', 'sv'] as const;
const text = (path: string) => LANGS.map((l) => `${path}.${l}`);
const dur = (path: string) => [`${path}.amount`, `${path}.unit`];

/** Every input's path, in the order the page shows them. */
export function fieldPaths(f: CaseTypeForm): string[] {
  const out = ['code', ...text('name'), 'topicCode', 'legalBasis', 'unitCode', ...dur('legalMaximum')];
  out.push(
    ...dur('serviceGoal.duration'),
    'serviceGoal.targetShare',
    'serviceGoal.clockStart',
    'serviceGoal.pauseWhileAwaitingApplicant',
    'serviceGoal.extension.allowed',
  );
  if (f.serviceGoal.extensionAllowed) out.push(...dur('serviceGoal.extension.maximum'));
  out.push('serviceGoal.warnAt', 'forecastWindowMonths');
  f.phases.forEach((_, i) => {
    const p = `phases[${i}]`;
    out.push(
      `${p}.code`,
      ...text(`${p}.name`),
      ...text(`${p}.applicantText`),
      `${p}.notifyApplicant`,
      ...dur(`${p}.expectedDuration`),
    );
  });
  out.push('phases');
  f.requirements.forEach((r, i) => {
    const p = `requirements[${i}]`;
    out.push(`${p}.code`, `${p}.kind`, `${p}.necessity`);
    if (showsCondition(r)) out.push(...text(`${p}.condition`));
    out.push(...text(`${p}.label`), ...text(`${p}.why`), ...text(`${p}.example`), ...specPaths(r, p));
  });
  out.push('requirements', 'outcomes', ...text('appeal.body'), ...dur('appeal.deadline'));
  return out;
}

/** The inputs of the answer spec (information) or the file rules (documents): only the part that applies. */
function specPaths(r: RequirementForm, p: string): string[] {
  if (r.kind === 'document') return [`${p}.files.acceptedTypes`, `${p}.files.maxBytes`];
  const out = [`${p}.answer.type`];
  const uses = answerUses(r.answer.type);
  if (uses.options) {
    r.answer.options.forEach((_, j) =>
      out.push(`${p}.answer.options[${j}].value`, ...text(`${p}.answer.options[${j}].label`)),
    );
    out.push(`${p}.answer.options`);
  }
  if (uses.dateBounds) out.push(`${p}.answer.dateBounds.minYears`, `${p}.answer.dateBounds.maxYears`);
  if (uses.maxLength) out.push(`${p}.answer.maxLength`);
  return out;
}

/** A condition is asked for when the requirement is conditional, and shown while one is written down. */
export function showsCondition(r: CaseTypeForm['requirements'][number]): boolean {
  return r.necessity === 'conditional' || !!(r.condition.da.trim() || r.condition.en.trim() || r.condition.sv.trim());
}

/** The DOM id of the input for a path. */
export function fieldId(path: string): string {
  return 'ct-' + path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-');
}

const parent = (path: string) => path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');

/**
 * The input a server path belongs to: the path itself, else its first input below it ("appeal" -> "appeal.body.da"),
 * else the same for its parent ("phases[1].order" -> "phases[1].code"); undefined when nothing on the form matches.
 */
export function nearestField(path: string, known: readonly string[]): string | undefined {
  for (let p = path; p;) {
    if (known.includes(p)) return p;
    const below = known.find((k) => k.startsWith(`${p}.`) || k.startsWith(`${p}[`));
    if (below) return below;
    const up = parent(p);
    if (up === p) break;
    p = up;
  }
  return undefined;
}

export interface FieldError {
  path: string;
  message: string;
}

/** Groups errors by the input they belong to; the ones that match no input are returned apart. */
export function errorsByField(
  errors: readonly FieldError[],
  known: readonly string[],
): { byField: Map<string, FieldError[]>; unplaced: FieldError[] } {
  const byField = new Map<string, FieldError[]>();
  const unplaced: FieldError[] = [];
  for (const e of errors) {
    const field = nearestField(e.path, known);
    if (!field) unplaced.push(e);
    else byField.set(field, [...(byField.get(field) ?? []), e]);
  }
  return { byField, unplaced };
}

/** "phases[1].expectedDuration.amount" -> phases #2 › expectedDuration › amount, for a label a person can read. */
export function pathParts(path: string): { name: string; index?: number }[] {
  if (path === '(root)') return [];
  return path
    .split('.')
    .filter(Boolean)
    .map((segment) => {
      const m = /^([^[\]]+)(?:\[(\d+)\])?$/.exec(segment);
      return m?.[2] !== undefined ? { name: m[1]!, index: Number(m[2]) } : { name: m?.[1] ?? segment };
    });
}

type Hint = { path: string; hint: 'notNumber' | 'required' };

/** What the form can tell before sending: numbers that are not numbers (the server would only see "null"). */
export function formHints(f: CaseTypeForm): Hint[] {
  const out: Hint[] = [];
  const amount = (path: string, d: DurationForm, required: boolean) => {
    if (!d.amount.trim()) {
      if (required) out.push({ path: `${path}.amount`, hint: 'required' });
    } else if (Number.isNaN(amountOf(d.amount))) out.push({ path: `${path}.amount`, hint: 'notNumber' });
  };
  amount('legalMaximum', f.legalMaximum, false);
  amount('serviceGoal.duration', f.serviceGoal.duration, true);
  const percent = f.serviceGoal.targetPercent;
  if (!percent.trim()) out.push({ path: 'serviceGoal.targetShare', hint: 'required' });
  else if (percentToShare(percent) === null) out.push({ path: 'serviceGoal.targetShare', hint: 'notNumber' });
  if (f.serviceGoal.extensionAllowed) amount('serviceGoal.extension.maximum', f.serviceGoal.extensionMaximum, false);
  if (warnShares(f.serviceGoal.warnPercents).some(Number.isNaN))
    out.push({ path: 'serviceGoal.warnAt', hint: 'notNumber' });
  if (f.forecastWindowMonths.trim() && Number.isNaN(amountOf(f.forecastWindowMonths)))
    out.push({ path: 'forecastWindowMonths', hint: 'notNumber' });
  f.phases.forEach((p, i) => amount(`phases[${i}].expectedDuration`, p.expectedDuration, false));
  f.requirements.forEach((r, i) => out.push(...specHints(r, `requirements[${i}]`)));
  const appealBody = f.appeal.body;
  const appealUsed = !!(
    appealBody.da.trim() ||
    appealBody.en.trim() ||
    appealBody.sv.trim() ||
    f.appeal.deadline.amount.trim()
  );
  amount('appeal.deadline', f.appeal.deadline, appealUsed);
  return out;
}

function specHints(r: RequirementForm, p: string): Hint[] {
  const out: Hint[] = [];
  const number = (path: string, typed: string) => {
    if (typed.trim() && Number.isNaN(amountOf(typed))) out.push({ path, hint: 'notNumber' });
  };
  if (r.kind === 'document') {
    const f = r.files;
    if (!f.maxMb.trim()) {
      if (f.acceptedTypes.length > 0) out.push({ path: `${p}.files.maxBytes`, hint: 'required' });
    } else if (!keepsExactBytes(f) && Number.isNaN(mbToBytes(f.maxMb)))
      out.push({ path: `${p}.files.maxBytes`, hint: 'notNumber' });
    return out;
  }
  const uses = answerUses(r.answer.type);
  if (uses.dateBounds) {
    number(`${p}.answer.dateBounds.minYears`, r.answer.minYears);
    number(`${p}.answer.dateBounds.maxYears`, r.answer.maxYears);
  }
  if (uses.maxLength) number(`${p}.answer.maxLength`, r.answer.maxLength);
  return out;
}

/** The keys of the phase and requirement rows that these paths point into, to unfold them. */
export function rowKeysOf(paths: readonly string[], f: CaseTypeForm): string[] {
  const keys = new Set<string>();
  for (const path of paths) {
    const m = /^(phases|requirements)\[(\d+)\]/.exec(path);
    const row = m ? f[m[1] as 'phases' | 'requirements'][Number(m[2])] : undefined;
    if (row) keys.add(row.key);
  }
  return [...keys];
}

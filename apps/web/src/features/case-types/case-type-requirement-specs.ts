/**
 * What a requirement asks for beyond its texts: how an information requirement is answered, and which files a
 * document requirement takes. The form keeps both while the kind or the answer type changes, so switching back
 * restores what was typed; only the part and the fields that apply are sent.
 */
import type { TAnswerSpec, TFileSpec } from '@sagsgang/contracts';
import { ACCEPTED_FILE_TYPES } from '@sagsgang/contracts/documents';
import {
  amountOf,
  localized,
  nextKey,
  numberText,
  textForm,
  emptyText,
  type TextForm,
} from './case-type-form-basics.js';

export type AnswerType = TAnswerSpec['type'];
export type AcceptedFileType = TFileSpec['acceptedTypes'][number];

// Listed here rather than imported so the page does not load the schema library; `satisfies` keeps it complete.
export const ANSWER_TYPES = Object.keys({
  text: 1,
  longtext: 1,
  date: 1,
  number: 1,
  yesno: 1,
  choice: 1,
  email: 1,
} satisfies Record<AnswerType, 1>) as AnswerType[];
export const FILE_TYPES: readonly AcceptedFileType[] = ACCEPTED_FILE_TYPES;
export const BYTES_PER_MB = 1024 * 1024;

export interface OptionForm {
  key: string;
  value: string;
  label: TextForm;
}

export interface AnswerForm {
  /** '' is free text: no answer spec is sent. */
  type: AnswerType | '';
  options: OptionForm[];
  minYears: string;
  maxYears: string;
  maxLength: string;
}

export interface FilesForm {
  /** In the order loaded or ticked. None ticked and no size typed: no file rules, the defaults apply. */
  acceptedTypes: AcceptedFileType[];
  /** The size limit in MB (1024 × 1024 bytes), as typed. */
  maxMb: string;
  /** A loaded limit that is not a whole number of MB: sent as it was, to the byte, while its figure is not edited. */
  exact: { bytes: number; mb: string } | null;
}

/** Which of the answer's settings apply to a type. */
export function answerUses(type: AnswerForm['type']): { options: boolean; dateBounds: boolean; maxLength: boolean } {
  return { options: type === 'choice', dateBounds: type === 'date', maxLength: type === 'text' || type === 'longtext' };
}

export const emptyAnswer = (): AnswerForm => ({ type: '', options: [], minYears: '', maxYears: '', maxLength: '' });
export const emptyOption = (): OptionForm => ({ key: nextKey('o'), value: '', label: emptyText() });
export const emptyFiles = (): FilesForm => ({ acceptedTypes: [], maxMb: '', exact: null });

export function answerForm(a: TAnswerSpec | undefined): AnswerForm {
  if (!a) return emptyAnswer();
  return {
    type: a.type,
    options: (a.options ?? []).map((o) => ({ key: nextKey('o'), value: o.value, label: textForm(o.label) })),
    minYears: numberText(a.dateBounds?.minYears),
    maxYears: numberText(a.dateBounds?.maxYears),
    maxLength: numberText(a.maxLength),
  };
}

/** The answer spec the form describes; undefined for free text. Numbers that are not numbers are sent as NaN. */
export function toAnswer(a: AnswerForm): TAnswerSpec | undefined {
  if (!a.type) return undefined;
  const uses = answerUses(a.type);
  const min = a.minYears.trim();
  const max = a.maxYears.trim();
  return {
    type: a.type,
    ...(uses.options && a.options.length > 0
      ? { options: a.options.map((o) => ({ value: o.value, label: localized(o.label) })) }
      : {}),
    ...(uses.dateBounds && (min || max)
      ? { dateBounds: { ...(min ? { minYears: amountOf(min) } : {}), ...(max ? { maxYears: amountOf(max) } : {}) } }
      : {}),
    ...(uses.maxLength && a.maxLength.trim() ? { maxLength: amountOf(a.maxLength) } : {}),
  };
}

/** 10485760 -> "10"; a size that is not whole MB is shown rounded (the form keeps the exact bytes beside it). */
export function bytesToMb(bytes: number): string {
  const mb = bytes / BYTES_PER_MB;
  if (Number.isInteger(mb)) return String(mb);
  return String(Number(mb >= 0.01 ? mb.toFixed(2) : mb.toPrecision(2)));
}

/** "2,5" -> 2621440; to the nearest byte; NaN when the text is not a number. */
export function mbToBytes(text: string): number {
  const mb = amountOf(text);
  // A power of two: the product is exact, so whole and half MB come out to the byte.
  return Number.isNaN(mb) ? Number.NaN : Math.round(mb * BYTES_PER_MB);
}

export function filesForm(f: TFileSpec | undefined): FilesForm {
  if (!f) return emptyFiles();
  const mb = bytesToMb(f.maxBytes);
  return {
    acceptedTypes: [...f.acceptedTypes],
    maxMb: mb,
    exact: Number.isInteger(f.maxBytes / BYTES_PER_MB) ? null : { bytes: f.maxBytes, mb },
  };
}

/** True while a loaded size that is not whole MB is still shown as loaded. */
export const keepsExactBytes = (f: FilesForm): boolean => !!f.exact && f.maxMb.trim() === f.exact.mb;

/** The file rules the form describes; undefined when nothing is ticked or typed (the defaults apply). */
export function toFiles(f: FilesForm): TFileSpec | undefined {
  if (f.acceptedTypes.length === 0 && !f.maxMb.trim()) return undefined;
  return { acceptedTypes: [...f.acceptedTypes], maxBytes: keepsExactBytes(f) ? f.exact!.bytes : mbToBytes(f.maxMb) };
}

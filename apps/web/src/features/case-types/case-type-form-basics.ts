/**
 * The small pieces every part of the case-type form is made of: three-language texts, numbers typed as text, and
 * the keys that give rows a stable identity.
 */
import type { TLocalizedText } from '@sagsgang/contracts';

export interface TextForm {
  da: string;
  en: string;
  sv: string;
}

let keySeq = 0;
/** A key unique on the page, for list rows and the ids of their buttons; never sent. */
export const nextKey = (prefix: string) => `${prefix}${++keySeq}`;

export const emptyText = (): TextForm => ({ da: '', en: '', sv: '' });
export const textForm = (t: TLocalizedText | undefined): TextForm =>
  t ? { da: t.da, en: t.en, sv: t.sv ?? '' } : emptyText();
export const isBlank = (t: TextForm) => !t.da.trim() && !t.en.trim() && !t.sv.trim();
export const localized = (t: TextForm): TLocalizedText => ({
  da: t.da,
  en: t.en,
  ...(t.sv.trim() ? { sv: t.sv } : {}),
});

const DECIMAL = /^-?\d+(\.\d+)?$/;
export const normaliseNumber = (text: string) => text.trim().replace(',', '.');
export const isDecimal = (text: string) => DECIMAL.test(normaliseNumber(text));

/** A typed amount as a number: NaN when it is not one (the hints say so before anything is sent). */
export function amountOf(text: string): number {
  const s = normaliseNumber(text);
  return DECIMAL.test(s) ? Number(s) : Number.NaN;
}

/** A number as the form shows it; empty for none. */
export const numberText = (n: number | undefined): string => (n === undefined ? '' : String(n));

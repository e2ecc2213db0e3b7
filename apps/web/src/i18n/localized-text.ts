import type { TLocalizedText } from '@sagsgang/contracts';

/** A catalogue text in the reader's language: Swedish falls back to English, a missing text is empty. */
export const localized = (text: TLocalizedText | undefined, locale: string) =>
  !text ? '' : locale === 'en' ? text.en : locale === 'sv' ? (text.sv ?? text.en) : text.da;

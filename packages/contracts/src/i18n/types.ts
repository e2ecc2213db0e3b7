export type Locale = 'da' | 'en' | 'sv';
export const LOCALES: readonly Locale[] = ['da', 'en', 'sv'];
export const DEFAULT_LOCALE: Locale = 'da';

/** One namespace's texts: Danish and English always, Swedish where a capability offers it. */
export interface Catalogue {
  da: Record<string, string>;
  en: Record<string, string>;
  sv?: Record<string, string>;
}

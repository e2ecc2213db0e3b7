import i18next, { type i18n as I18n } from 'i18next';
import { useSyncExternalStore } from 'react';
import { DEFAULT_LOCALE, type Locale } from '@sagsgang/contracts/i18n';

/** The language cookie the citizen portal also reads and writes, so both remember one choice per browser. */
const LOCALE_COOKIE = 'sagsgang_lang';
const OFFERED: Locale[] = ['da', 'en'];

type Texts = Record<string, Record<string, string>>;

// Each language is its own chunk, fetched when first needed: the first screen carries only the reader's language.
const LOCALE_TEXTS: Record<Locale, () => Promise<{ default: Texts }>> = {
  da: () => import('./locales/da.js'),
  en: () => import('./locales/en.js'),
  sv: () => import('./locales/sv.js'),
};

export const i18n: I18n = i18next.createInstance();
void i18n.init({
  resources: {},
  lng: DEFAULT_LOCALE,
  fallbackLng: { sv: ['en', 'da'], default: ['da'] },
  defaultNS: 'backOffice',
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  showSupportNotice: false,
});

export function offeredLocales(): Locale[] {
  return OFFERED;
}

export function isOffered(value: unknown): value is Locale {
  return typeof value === 'string' && (OFFERED as string[]).includes(value);
}

export function cookieLocale(): Locale | undefined {
  const match = document.cookie.match(/(?:^|;\s*)sagsgang_lang=([^;]+)/);
  return isOffered(match?.[1]) ? match[1] : undefined;
}

const loading = new Map<Locale, Promise<void>>();

/** Fetches a language's texts once; the page switches to it only after they have arrived. */
export function loadLocale(locale: Locale): Promise<void> {
  let pending = loading.get(locale);
  if (!pending) {
    pending = LOCALE_TEXTS[locale]().then(({ default: texts }) => {
      for (const [ns, entries] of Object.entries(texts)) i18n.addResourceBundle(locale, ns, entries, true, true);
    });
    // A failed fetch (say, the network dropped) may be tried again on the next switch.
    pending.catch(() => loading.delete(locale));
    loading.set(locale, pending);
  }
  return pending;
}

/** Switches the page language and remembers it for this browser (the account's setting is saved separately). */
export async function applyLocale(locale: Locale): Promise<void> {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${365 * 24 * 3600}; samesite=lax`;
  await loadLocale(locale);
  document.documentElement.lang = locale;
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

function subscribe(onChange: () => void): () => void {
  i18n.on('languageChanged', onChange);
  return () => i18n.off('languageChanged', onChange);
}

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A translator bound to one language, whatever the page's language is. */
export const translatorFor =
  (locale: Locale): Translate =>
  (key, values) =>
    String(i18n.t(key, { lng: locale, ...(values ?? {}) }));

/** The translator for the current language; components re-render when it changes. */
export function useT(): { t: Translate; locale: Locale } {
  const locale = useSyncExternalStore(subscribe, () => i18n.language as Locale);
  return { t: translatorFor(locale), locale };
}

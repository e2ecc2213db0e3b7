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

/** The language this browser chose before (in the back office or the portal), read from a cookie header. */
export function rememberedLocale(cookies: string): Locale | undefined {
  const match = cookies.match(/(?:^|;\s*)sagsgang_lang=([^;]+)/);
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

/** The cookie that remembers a chosen language for a year, for the back office and the portal alike. */
export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; path=/; max-age=${365 * 24 * 3600}; samesite=lax`;
}

/**
 * The language of a first visit: the first of the browser's languages we offer, in its order of preference;
 * Norwegian readers get Danish; a browser that asks for nothing we have gets Danish, not English.
 */
export function localeFromBrowser(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const lang = tag.trim().toLowerCase().slice(0, 2);
    if (lang === 'nb' || lang === 'nn' || lang === 'no') return 'da';
    if (isOffered(lang)) return lang;
  }
  return DEFAULT_LOCALE;
}

/** The language to open in: the remembered choice, else what the browser asks for, else Danish. */
export function startupLocale(cookies: string, languages: readonly string[]): Locale {
  return rememberedLocale(cookies) ?? localeFromBrowser(languages);
}

export function cookieLocale(): Locale | undefined {
  return rememberedLocale(document.cookie);
}

/**
 * Shows the page in `locale` once its texts have arrived; with `remember`, the person chose it, so this browser
 * keeps it (the account's setting is saved separately).
 */
export async function applyLocale(locale: Locale, options: { remember?: boolean } = {}): Promise<void> {
  if (options.remember) document.cookie = localeCookie(locale);
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

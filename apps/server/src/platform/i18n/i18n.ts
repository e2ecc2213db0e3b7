import i18next from 'i18next';
import { DEFAULT_LOCALE, LOCALES, i18nResources, type Locale } from '@sagsgang/contracts';

// One instance for the whole process: the catalogue is static, so it is built once, synchronously.
const instance = i18next.createInstance();
void instance.init({
  resources: i18nResources(),
  lng: DEFAULT_LOCALE,
  fallbackLng: { sv: ['en', 'da'], default: ['da'] },
  supportedLngs: [...LOCALES],
  ns: Object.keys(i18nResources().da),
  defaultNS: 'common',
  initAsync: false,
  interpolation: { escapeValue: false }, // pages escape through the html template, not here
  returnNull: false,
  showSupportNotice: false,
});

/** Interpolation values, e.g. { name: 'Aarhus' } for 'Welcome to {{name}}', and `count` for plurals. */
export type TranslateValues = Record<string, string | number>;
type Fixed = (key: string, options: TranslateValues) => string;
const fixed = new Map<Locale, Fixed>();

// The catalogue never changes while the process runs, so a text without values is looked up in i18next once per
// locale and key: a page asks for a hundred of them, and i18next's lookup (fallbacks, nesting) was a tenth of its CPU.
const plain = new Map<Locale, Map<string, string>>();
// Keys come from code, but a key built from data must not grow the cache without end.
const MAX_CACHED_PER_LOCALE = 20_000;

// A text with values is looked up once per locale, key (and count, which picks the plural form) as its template,
// and its {{placeholders}} filled in here: i18next's interpolation, with its regular expressions built per call,
// was most of what translating still cost a page. Anything but plain placeholders goes to i18next as before.
const templates = new Map<Locale, Map<string, string>>();
const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;
/** Names i18next reads as options rather than values (besides count): such calls stay with i18next. */
const OPTION_NAMES = new Set(['context', 'ns', 'lng', 'lngs', 'defaultValue', 'ordinal', 'replace', 'postProcess']);

function withValues(locale: Locale, fn: Fixed, key: string, values: TranslateValues): string {
  for (const name in values) if (OPTION_NAMES.has(name)) return String(fn(key, values));
  const count = values.count;
  const cacheKey = count === undefined ? key : `${key}\u0000${count}`;
  let texts = templates.get(locale);
  if (!texts) templates.set(locale, (texts = new Map()));
  let template = texts.get(cacheKey);
  if (template === undefined) {
    const options: Record<string, string | number | boolean> = { skipInterpolation: true };
    if (count !== undefined) options.count = count;
    template = String(fn(key, options as TranslateValues));
    if (texts.size < MAX_CACHED_PER_LOCALE) texts.set(cacheKey, template);
  }
  if (!template.includes('{{')) return template;
  let missing = false;
  const text = template.replace(PLACEHOLDER, (_all, name: string) => {
    const value = values[name];
    if (value === undefined) {
      missing = true;
      return '';
    }
    return String(value);
  });
  // A placeholder without a value: i18next decides what that shows, as it always did.
  return missing ? String(fn(key, values)) : text;
}

/** Translates `ns:key` for one locale; interpolation values go in `values`. */
export function t(locale: Locale, key: string, values?: TranslateValues): string {
  let fn = fixed.get(locale);
  if (!fn) {
    fn = instance.getFixedT(locale) as unknown as Fixed;
    fixed.set(locale, fn);
  }
  if (values && Object.keys(values).length > 0) return withValues(locale, fn, key, values);
  let texts = plain.get(locale);
  if (!texts) plain.set(locale, (texts = new Map()));
  let text = texts.get(key);
  if (text === undefined) {
    text = String(fn(key, {}));
    if (texts.size < MAX_CACHED_PER_LOCALE) texts.set(key, text);
  }
  return text;
}

/** The same text straight from i18next, without the caches (tests compare the two). */
export function translateUncached(locale: Locale, key: string, values?: TranslateValues): string {
  return String((instance.getFixedT(locale) as unknown as Fixed)(key, values ?? {}));
}

/** A translator bound to one locale, as pages pass it around. */
export type Translate = (key: string, values?: TranslateValues) => string;

export function translator(locale: Locale): Translate {
  return (key, values) => t(locale, key, values);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The best supported locale from an Accept-Language header, or undefined. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { lang: tag!.trim().toLowerCase().slice(0, 2), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) {
    if (lang === 'nb' || lang === 'nn' || lang === 'no') return 'da'; // Norwegian readers read Danish better than English
    if (isLocale(lang)) return lang;
  }
  return undefined;
}

import type { Locale } from '@sagsgang/contracts';

const INTL_LOCALE: Record<Locale, string> = { da: 'da-DK', en: 'en-GB', sv: 'sv-SE' };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, style: 'long' | 'dayMonth'): Intl.DateTimeFormat {
  const key = `${locale}:${style}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'long' ? { dateStyle: 'long', timeZone: 'UTC' } : { day: 'numeric', month: 'long', timeZone: 'UTC' };
    f = new Intl.DateTimeFormat(INTL_LOCALE[locale], options);
    formatters.set(key, f);
  }
  return f;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDateString(value: string): boolean {
  return ISO_DATE.test(value);
}

/** A local calendar date (YYYY-MM-DD) as the reader writes it: '28. marts 2026', '28 March 2026'. */
export function formatDate(locale: Locale, isoDate: string): string {
  if (!ISO_DATE.test(isoDate)) return isoDate;
  // The date is a calendar date, not an instant: formatting it at UTC midnight in UTC never shifts the day.
  return formatter(locale, 'long').format(new Date(`${isoDate}T00:00:00Z`));
}

/** Day and month only ('28. marts'), for ranges within the current year. */
export function formatDayMonth(locale: Locale, isoDate: string): string {
  if (!ISO_DATE.test(isoDate)) return isoDate;
  return formatter(locale, 'dayMonth').format(new Date(`${isoDate}T00:00:00Z`));
}

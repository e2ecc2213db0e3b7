import type { Translate } from '../../i18n/i18n.js';
import { ROLE_STARTS } from '../../start/capabilities.js';
import type { UnitChoice } from './unit-choices.js';

const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : 'da-DK');

/** A role's name as the start page calls it. */
export const roleName = (role: string, t: Translate) => t(ROLE_STARTS.find((s) => s.role === role)?.titleKey ?? role);

export const unitLabel = (unit: Pick<UnitChoice, 'nameDa' | 'nameEn'> | undefined, locale: string, fallback: string) =>
  unit ? (locale === 'da' ? unit.nameDa : unit.nameEn) : fallback;

/** A calendar day with its weekday, e.g. "tirsdag 2. marts 2027" / "Tuesday 2 March 2027". */
export function formatDay(day: string, locale: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(intlLocale(locale), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** An instant to the second, in the browser's time zone: the audit log needs the order of nearby events. */
export function formatInstant(iso: string, locale: string): string {
  return new Date(iso).toLocaleString(intlLocale(locale), { dateStyle: 'short', timeStyle: 'medium' });
}

/** Indentation for a unit in a select, since options cannot be styled. */
export const indent = (depth: number) => '\u00a0\u00a0'.repeat(depth);

import type { TClockView } from '@sagsgang/contracts';
import type { Translate } from '../../i18n/i18n.js';

export function formatDate(value: string | null | undefined, locale: string): string {
  if (!value) return '–';
  const d = value.length === 10 ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return d.toLocaleDateString(locale === 'en' ? 'en-GB' : 'da-DK', { day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatDateTime(value: string, locale: string): string {
  return new Date(value).toLocaleString(locale === 'en' ? 'en-GB' : 'da-DK', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** A file size as people read it: 900 B, 12 kB, 1,4 MB. */
export function formatBytes(bytes: number, locale: string): string {
  const n = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'da-DK', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${n.format(Math.round(bytes / 1024))} kB`;
  return `${n.format(bytes / 1024 / 1024)} MB`;
}

/** The short name of an accepted file type. */
export const MEDIA_TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
};

/** The clock state as a tag: text first, colour only as a help (never the only signal). */
export function ClockTag({ clock, t }: { clock: TClockView; t: Translate }) {
  return <span className={`bo-clock-tag bo-clock-${clock.state}`}>{t(`cases:clock_${clock.state}`)}</span>;
}

export function daysLeftText(clock: TClockView, t: Translate): string {
  if (clock.daysLeft === null) return '';
  if (clock.daysLeft < 0) return t('cases:daysOver', { n: -clock.daysLeft });
  return t('cases:daysLeft', { n: clock.daysLeft });
}

import { describe, expect, test } from 'vitest';
import { LOCALES, i18nResources } from '@sagsgang/contracts';
import { isLocale, localeFromAcceptLanguage, t, translateUncached, translator } from './i18n.js';

describe('server-side translation', () => {
  test('translates a namespaced key per locale', () => {
    expect(t('da', 'common:signOut')).toBe('Log ud');
    expect(t('en', 'common:signOut')).toBe('Sign out');
  });

  test('Swedish falls back to English where the catalogue has no Swedish text', () => {
    expect(t('sv', 'common:signOut')).toBe('Logga ut');
    // The back office's texts are not translated to Swedish: they come in English.
    expect(t('sv', 'navigator:title')).toBe(t('en', 'navigator:title'));
  });

  test('a bound translator keeps its locale', () => {
    const tr = translator('en');
    expect(tr('common:skipToContent')).toBe('Skip to content');
  });

  test('a text seen once without values still interpolates when values come, per locale', () => {
    const bare = t('da', 'workflows:diagramLabel');
    expect(bare).toContain('{{name}}');
    expect(t('da', 'workflows:diagramLabel', { name: 'Byggesag' })).toBe('Diagram over arbejdsgangen Byggesag');
    expect(t('da', 'workflows:diagramLabel')).toBe(bare);
    expect(t('en', 'common:signOut')).toBe('Sign out');
    expect(t('da', 'common:signOut')).toBe('Log ud');
  });

  test('every text of the catalogue with values reads exactly as i18next writes it, plural forms included', () => {
    const resources = i18nResources() as Record<string, Record<string, Record<string, unknown>>>;
    let compared = 0;
    for (const [ns, texts] of Object.entries(resources.da!)) {
      for (const [rawKey, text] of Object.entries(texts)) {
        if (typeof text !== 'string') continue;
        const key = `${ns}:${rawKey.replace(/_(zero|one|two|few|many|other)$/, '')}`;
        const names = [...text.matchAll(/\{\{\s*([^{}\s]+)\s*\}\}/g)].map((m) => m[1]!);
        if (names.length === 0) continue;
        for (const locale of LOCALES)
          for (const count of names.includes('count') ? [0, 1, 2, 7] : [undefined]) {
            const values: Record<string, string | number> = Object.fromEntries(names.map((n) => [n, `<${n}>`]));
            if (count !== undefined) values.count = count;
            // Twice: the first fills the cache, the second reads it.
            expect(t(locale, key, values)).toBe(translateUncached(locale, key, values));
            expect(t(locale, key, values)).toBe(translateUncached(locale, key, values));
            compared++;
          }
      }
    }
    expect(compared).toBeGreaterThan(100);
    // A placeholder left without a value shows what i18next shows.
    expect(t('da', 'workflows:diagramLabel', { other: 'x' })).toBe(
      translateUncached('da', 'workflows:diagramLabel', { other: 'x' }),
    );
  });

  test('an unknown key comes back as the key, never as an empty string', () => {
    expect(t('da', 'common:noSuchKey')).toBe('noSuchKey');
  });
});

describe('locale detection', () => {
  test('recognises the supported locales only', () => {
    expect(isLocale('da')).toBe(true);
    expect(isLocale('de')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });

  test('picks the highest-ranked supported language', () => {
    expect(localeFromAcceptLanguage('de-DE,de;q=0.9,en;q=0.8,da;q=0.7')).toBe('en');
    expect(localeFromAcceptLanguage('da-DK')).toBe('da');
    expect(localeFromAcceptLanguage('sv-SE,sv;q=0.9')).toBe('sv');
    expect(localeFromAcceptLanguage('nb-NO')).toBe('da');
    expect(localeFromAcceptLanguage('fr;q=1,en;q=0')).toBeUndefined();
    expect(localeFromAcceptLanguage(undefined)).toBeUndefined();
  });
});

import { describe, expect, test } from 'vitest';
import { localeCookie, localeFromBrowser, rememberedLocale, startupLocale } from './i18n.js';

describe('the back office language on opening', () => {
  test('a browser that asks for no language we have gets Danish', () => {
    expect(localeFromBrowser(['de-DE', 'fr'])).toBe('da');
    expect(localeFromBrowser([])).toBe('da');
    // Swedish is not offered in the back office yet: Danish, not English.
    expect(localeFromBrowser(['sv-SE'])).toBe('da');
  });

  test("the browser's languages are taken in its order of preference", () => {
    expect(localeFromBrowser(['de-DE', 'en-GB', 'da'])).toBe('en');
    expect(localeFromBrowser(['da-DK', 'en'])).toBe('da');
    expect(localeFromBrowser(['nb-NO', 'en'])).toBe('da');
  });

  test("the person's choice is remembered in the cookie the portal shares, and wins over the browser", () => {
    const cookie = localeCookie('en');
    expect(cookie).toMatch(/^sagsgang_lang=en; path=\/; max-age=31536000; samesite=lax$/);
    const jar = `other=1; ${cookie.split(';')[0]}; more=2`;
    expect(rememberedLocale(jar)).toBe('en');
    expect(startupLocale(jar, ['da-DK'])).toBe('en');
    expect(startupLocale('sagsgang_lang=da', ['en-US'])).toBe('da');
  });

  test('a remembered value we do not offer is ignored', () => {
    expect(rememberedLocale('sagsgang_lang=xx')).toBeUndefined();
    expect(startupLocale('sagsgang_lang=xx', ['fr'])).toBe('da');
    expect(startupLocale('', ['en-US'])).toBe('en');
  });
});

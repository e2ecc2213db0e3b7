import { describe, expect, test } from 'vitest';
import { loginPageWithError, safeReturnTo } from './return-to.js';

describe('safeReturnTo', () => {
  test('keeps paths on this site with their query and fragment', () => {
    expect(safeReturnTo('/cases/42?tab=notes#top')).toBe('/cases/42?tab=notes#top');
    expect(safeReturnTo('/')).toBe('/');
  });

  test.each([
    '//evil.example/x',
    '/\\evil.example',
    '/.//evil.example',
    '/..//evil.example/x',
    '/%2e//evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'cases',
    '/a\nb',
    '',
    42,
    undefined,
  ])('refuses %s', (raw) => {
    expect(safeReturnTo(raw, '/home')).toBe('/home');
  });

  test('the error page keeps a safe target and drops an unsafe one', () => {
    expect(loginPageWithError('invalid', '/cases/1')).toBe('/login?error=invalid&returnTo=%2Fcases%2F1');
    expect(loginPageWithError('invalid', '//evil.example')).toBe('/login?error=invalid');
  });
});

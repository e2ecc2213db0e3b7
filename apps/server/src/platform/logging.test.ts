import { describe, expect, test } from 'vitest';
import { maskCpr } from './logging.js';

describe('CPR masking in log text', () => {
  test.each([
    ['010190-1234', 'cpr 010190-1234 found'],
    ['space', 'cpr 010190 1234 found'],
    ['no separator', 'cpr 0101901234 found'],
    ['non-breaking space', 'cpr 010190\u00a01234 found'],
    ['en dash', 'cpr 010190\u20131234 found'],
    ['URL-encoded space', '/api/search?q=010190%201234'],
    ['URL-encoded hyphen', '/api/search?q=010190%2d1234'],
    ['form-encoded space', 'q=010190+1234&x=1'],
  ])('masks the %s form', (_, text) => {
    const masked = maskCpr(text);
    expect(masked).toContain('******-****');
    expect(masked).not.toMatch(/1234/);
  });

  test('leaves other numbers alone', () => {
    expect(maskCpr('case SAG-2026-000123, 12345 events, 2026-12-07')).toBe(
      'case SAG-2026-000123, 12345 events, 2026-12-07',
    );
  });
});

import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { instantMs } from './clock-events.js';

describe('instant parsing', () => {
  test('agrees with Date.parse on ISO instants with an offset', () => {
    const cases = [
      '2026-03-29T01:30:00Z',
      '2026-03-29T01:30:00.5Z',
      '2026-03-29T01:30:00.123Z',
      '2026-03-29T01:30:00.123456Z',
      '2026-10-25T02:30:00+02:00',
      '2026-10-25T02:30:00-05:30',
      '2024-02-29T23:59:59.999+01:00',
      '2026-01-01T00:00:00z',
    ];
    for (const s of cases) expect(instantMs(s)).toBe(Date.parse(s));
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }), (d) => {
        expect(instantMs(d.toISOString())).toBe(d.getTime());
      }),
    );
  });

  test('rejects instants without an offset, impossible dates and garbage', () => {
    for (const s of [
      '2026-03-29T01:30:00',
      '2026-02-30T01:30:00Z',
      '2026-03-29',
      'yesterday',
      '2026-03-29T25:00:00Z',
      '',
    ]) {
      expect(instantMs(s)).toBeNaN();
    }
    expect(instantMs(Number.NaN)).toBeNaN();
    expect(instantMs({})).toBeNaN();
    expect(instantMs(new Date('2026-03-29T01:30:00Z'))).toBe(Date.parse('2026-03-29T01:30:00Z'));
  });
});

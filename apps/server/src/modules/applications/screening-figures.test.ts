import { describe, expect, test } from 'vitest';
import { screeningFigures } from './screening-figures.js';

const row = (month: string, automatic: boolean | null, verdict: boolean | null) => ({
  caseTypeId: 't1',
  caseTypeCode: 'family',
  month,
  automatic,
  verdict,
});

describe('fully informed on receipt', () => {
  test("the caseworker's verdict overrides the automatic result; unscreened cases do not count", () => {
    const [march, april] = screeningFigures([
      row('2026-03', true, null),
      row('2026-03', true, true),
      row('2026-03', false, true),
      row('2026-03', false, null),
      row('2026-03', null, null),
      row('2026-04', null, false),
    ]);
    expect(march).toMatchObject({
      month: '2026-03',
      received: 5,
      screenedAutomatically: 4,
      automaticFullyInformed: 2,
      verdicts: 2,
      confirmed: 1,
      overridden: 1,
      screened: 4,
      fullyInformedOnReceipt: 3,
      share: 0.75,
    });
    expect(april).toMatchObject({
      month: '2026-04',
      received: 1,
      screened: 1,
      fullyInformedOnReceipt: 0,
      share: 0,
      confirmed: 0,
      overridden: 0,
    });
  });

  test('a month with nothing screened has no share', () => {
    expect(screeningFigures([row('2026-05', null, null)])[0].share).toBeNull();
  });
});

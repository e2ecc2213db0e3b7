import { describe, expect, test } from 'vitest';
import { createBusinessCalendar } from './business-calendar.js';
import { complianceFigures, type DecidedCase } from './compliance-figures.js';
import { addCalendarDays } from './local-date.js';
import { computeClock } from './service-goal-clock.js';

describe('compliance figures', () => {
  test('share met against the target, percentiles as PostgreSQL percentile_cont', () => {
    // PostgreSQL 15: percentile_cont(ARRAY[0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY v) over these durations
    // returns {5, 7.5, 9}.
    const durations = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9];
    const cases: DecidedCase[] = durations.map((d, i) => ({
      startDate: '2026-03-02',
      decisionDate: addCalendarDays('2026-03-02', d),
      deadlineDate: '2026-03-10',
      fullyInformedOnReceipt: i % 3 === 0 ? true : i % 3 === 1 ? false : null,
    }));
    const f = complianceFigures(cases, 0.97);
    expect([f.count, f.metCount, f.medianDays, f.p75Days, f.p90Days]).toEqual([15, 12, 5, 7.5, 9]);
    expect(f.shareMet).toBeCloseTo(0.8);
    expect(f.meetsTarget).toBe(false);
    expect([f.screenedCount, f.shareFullyInformedOnReceipt]).toEqual([10, 0.5]);
  });

  test('empty and malformed input gives nulls, not errors', () => {
    const f = complianceFigures(
      [
        { startDate: '2026-03-02', decisionDate: 'soon', deadlineDate: '2026-03-10' },
        { startDate: '2026-03-12', decisionDate: '2026-03-02', deadlineDate: '2026-03-10' },
      ],
      0.9,
    );
    expect([f.count, f.skipped, f.shareMet, f.meetsTarget, f.medianDays, f.shareFullyInformedOnReceipt]).toEqual([
      0,
      2,
      null,
      null,
      null,
      null,
    ]);
  });

  test('reads straight from clock results', () => {
    const calendar = createBusinessCalendar();
    const goal = {
      duration: { amount: 10, unit: 'working_days' as const },
      targetShare: 0.5,
      clockStart: 'on_receipt' as const,
      pauseWhileAwaitingApplicant: true,
    };
    const decidedAfter = [5, 16, 20].map((days) =>
      computeClock({
        events: [
          { type: 'received', at: '2026-03-31T08:00:00Z' },
          { type: 'screened', at: '2026-03-31T09:00:00Z', fullyInformed: true },
          { type: 'decided', at: `${addCalendarDays('2026-03-31', days)}T10:00:00Z` },
        ],
        goal,
        calendar,
        now: '2026-06-01T00:00:00Z',
      }),
    );
    const f = complianceFigures(
      decidedAfter.map((r) => ({
        startDate: r.startDate!,
        decisionDate: r.decisionDate!,
        deadlineDate: r.deadlineDate!,
        fullyInformedOnReceipt: r.fullyInformedOnReceipt,
      })),
      goal.targetShare,
    );
    expect([f.metCount, f.meetsTarget, f.medianDays, f.shareFullyInformedOnReceipt]).toEqual([2, true, 16, 1]); // deadline 17 Apr
  });
});

import { describe, expect, test } from 'vitest';
import { caseSteps } from './case-steps.js';

const at = (hour: number) => new Date(Date.UTC(2026, 2, 2, hour)).toISOString();

describe("a single case's steps", () => {
  test('events without a lifecycle are each a step, in their order', () => {
    const events = [
      { activity: 'received', occurredAt: at(9) },
      { activity: 'screened', occurredAt: new Date(at(11)) },
      { activity: 'decided', occurredAt: at(15) },
    ];
    expect(caseSteps(events)).toEqual([
      { activity: 'received', at: at(9) },
      { activity: 'screened', at: at(11) },
      { activity: 'decided', at: at(15) },
    ]);
  });

  test('a start event is folded into its completion, and a step still in progress is not a step yet', () => {
    const events = [
      { activity: 'received', occurredAt: at(9), lifecycle: 'complete' },
      { activity: 'screened', occurredAt: at(10), lifecycle: 'start' },
      { activity: 'screened', occurredAt: at(11), lifecycle: 'complete' },
      { activity: 'decided', occurredAt: at(12), lifecycle: 'start' },
    ];
    expect(caseSteps(events)).toEqual([
      { activity: 'received', at: at(9) },
      { activity: 'screened', at: at(11) },
    ]);
  });
});

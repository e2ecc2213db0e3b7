import { describe, expect, test } from 'vitest';
import type { EventRow } from './cases.repository.js';
import { answerCovers, currentlyMissing, openRequest } from './applicant-requests.js';

let seq = 0;
const ev = (activity: string, attributes: Record<string, unknown> = {}): EventRow => ({
  id: ++seq,
  seq,
  activity,
  occurredAt: new Date(),
  actorId: null,
  actorName: null,
  unitId: 'u',
  attributes,
});

describe('what the applicant is asked for', () => {
  const screened = ev('screened_automatically', {
    fullyInformed: false,
    missing: [
      { requirementCode: 'passport', text: 'Pas' },
      { requirementCode: 'bank', text: 'Bankgaranti' },
    ],
  });

  test('after the automatic screening: its missing list, minus documents received since', () => {
    expect(currentlyMissing([ev('received'), screened], 'received', new Set(['passport']))).toEqual([
      { requirementCode: 'bank', text: 'Bankgaranti' },
    ]);
  });

  test("the caseworker's verdict overrides the automatic one", () => {
    const verdict = ev('screened', { fullyInformed: true, missing: [] });
    expect(currentlyMissing([ev('received'), screened, verdict], 'in_progress', new Set())).toEqual([]);
  });

  test('an open request lists its items; after the answer nothing is asked', () => {
    const request = ev('information_requested', {
      items: [{ requirementCode: 'bank', text: 'Bankgaranti' }],
      message: 'Send den',
      dueDate: '2026-04-01',
      pausesClock: true,
    });
    const events = [ev('received'), screened, request];
    expect(openRequest(events, 'awaiting_applicant')).toMatchObject({
      items: [{ requirementCode: 'bank' }],
      dueDate: '2026-04-01',
      pausesClock: true,
    });
    expect(currentlyMissing(events, 'awaiting_applicant', new Set())).toEqual([
      { requirementCode: 'bank', text: 'Bankgaranti' },
    ]);
    expect(currentlyMissing([...events, ev('information_received')], 'in_progress', new Set())).toEqual([]);
    expect(openRequest(events, 'in_progress')).toBeNull();
  });

  test('a decided case asks for nothing', () => {
    expect(currentlyMissing([ev('received'), screened], 'decided', new Set())).toEqual([]);
  });

  test('an answer covers the request when the documents asked for have arrived or the rest was answered in words', () => {
    const docs = new Set(['bank']);
    const items = [{ requirementCode: 'bank', text: 'Bankgaranti' }, { text: 'Forklar boligforholdene' }];
    expect(answerCovers(items, new Set(['bank']), docs, true)).toBe(true);
    expect(answerCovers(items, new Set(), docs, true)).toBe(false);
    expect(answerCovers(items, new Set(['bank']), docs, false)).toBe(false);
  });
});

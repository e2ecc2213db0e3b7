import { describe, expect, test } from 'vitest';
import { apiQuery, filtersFromSearch, NO_FILTERS, searchFromFilters } from './audit-query.js';

describe('audit filters', () => {
  test('survive the round trip through the address bar, empty ones left out', () => {
    const filters = { ...NO_FILTERS, action: 'create', entityType: 'user', from: '2026-11-01' };
    expect(searchFromFilters(filters)).toBe('?from=2026-11-01&action=create&entityType=user');
    expect(filtersFromSearch(searchFromFilters(filters))).toEqual(filters);
    expect(searchFromFilters(NO_FILTERS)).toBe('');
    expect(filtersFromSearch('?colour=red&entityId=%20c-1%20')).toEqual({ ...NO_FILTERS, entityId: 'c-1' });
  });

  test('the period covers whole local days, the last day included', () => {
    const q = apiQuery({ ...NO_FILTERS, from: '2026-03-28', to: '2026-03-29', actorUserId: 'a' });
    // Local midnights, whatever the zone the test runs in: the span is the two days (a DST change may add or take an hour).
    const hours = (Date.parse(q.to!) - Date.parse(q.from!)) / 3_600_000;
    expect([47, 48, 49]).toContain(hours);
    expect(new Date(q.from!).getDate()).toBe(28);
    expect(new Date(q.from!).getHours()).toBe(0);
    expect(new Date(q.to!).getDate()).toBe(30);
    expect(q.actorUserId).toBe('a');
    expect(apiQuery({ ...NO_FILTERS, from: 'yesterday' })).toEqual({});
  });
});

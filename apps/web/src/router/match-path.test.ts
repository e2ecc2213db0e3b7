import { describe, expect, test } from 'vitest';
import { matchPath } from './router.js';

describe('matchPath', () => {
  test('matches literal paths with or without a trailing slash', () => {
    expect(matchPath('/app/', '/app/')).toEqual({});
    expect(matchPath('/app/admin/units', '/app/admin/units/')).toEqual({});
  });

  test('captures and decodes named segments', () => {
    expect(matchPath('/app/cases/:id', '/app/cases/K%202026-1')).toEqual({ id: 'K 2026-1' });
  });

  test('refuses paths of another length or with another literal', () => {
    expect(matchPath('/app/cases/:id', '/app/cases')).toBeUndefined();
    expect(matchPath('/app/cases/:id', '/app/cases/1/edit')).toBeUndefined();
    expect(matchPath('/app/workflows/:id', '/app/cases/1')).toBeUndefined();
  });
});

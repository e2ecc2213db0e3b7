import { describe, expect, test } from 'vitest';
import { ApiError } from '../../api/client.js';
import { fieldIssues, issueText } from './field-errors.js';

const refused = (details: unknown) => new ApiError('The request is not valid', 400, 'validation', details);

describe('field errors from the server', () => {
  test('maps each issue to its field by path, the first one per field winning', () => {
    const issues = fieldIssues(refused([
      { path: '/password', message: 'must be at least 12 characters', keyword: 'too_small', params: { minimum: 12, origin: 'string' } },
      { path: '/grants/0/unitId', message: 'Invalid UUID', keyword: 'invalid_format', params: { format: 'uuid' } },
      { path: '/password', message: 'second', keyword: 'custom' },
      { path: '/', message: 'Unrecognized key: "colour"', keyword: 'unrecognized_keys' },
      'not an issue',
    ]));
    expect([...issues.keys()]).toEqual(['password', 'grants/0/unitId']);
    expect(issues.get('password')?.message).toBe('must be at least 12 characters');
  });

  test('errors that name no field give no field issues', () => {
    expect(fieldIssues(new ApiError('You do not administer that unit.', 403, 'forbidden', { unitId: 'u' })).size).toBe(0);
    expect(fieldIssues(new Error('offline')).size).toBe(0);
  });

  test('known kinds of problem are worded in the catalogue; others keep the server message', () => {
    expect(issueText({ path: '/password', message: 'x', keyword: 'too_small', params: { minimum: 12, origin: 'string' } })).toEqual({ key: 'admin:errTooShort', values: { n: 12 } });
    expect(issueText({ path: '/displayName', message: 'is required', keyword: 'too_small', params: { minimum: 1, origin: 'string' } })).toEqual({ key: 'admin:errRequired' });
    expect(issueText({ path: '/grants', message: 'give the user at least one role', keyword: 'too_small', params: { minimum: 1, origin: 'array' } })).toEqual({ key: 'admin:errTooFew', values: { n: 1 } });
    expect(issueText({ path: '/email', message: 'Invalid email address', keyword: 'invalid_format', params: { format: 'email' } })).toEqual({ key: 'admin:errEmail' });
    expect(issueText({ path: '/username', message: 'may contain …', keyword: 'invalid_format', params: { format: 'regex' } })).toEqual({ key: 'admin:errUsernameChars' });
    expect(issueText({ path: '/username', message: 'is taken' })).toEqual({ key: 'admin:errUsernameTaken' });
    expect(issueText({ path: '/day', message: 'must lie within 5 years of today' })).toEqual({ key: 'admin:errDayRange' });
    expect(issueText({ path: '/day', message: 'already a closure day' })).toEqual({ key: 'admin:errDayIsClosure' });
    expect(issueText({ path: '/code', message: 'must be lower-case letters', keyword: 'invalid_format', params: { format: 'regex' } })).toEqual({ raw: 'must be lower-case letters' });
  });
});

import { describe, expect, test } from 'vitest';
import { ApiError } from '../api/client.js';
import { fieldIssues, issueText } from './field-issues.js';

const refused = (details: unknown) => new ApiError('The request is not valid', 400, 'validation', details);

describe('field errors from the server', () => {
  test('maps each issue to its field by path, the first one per field winning', () => {
    const issues = fieldIssues(
      refused([
        {
          path: '/password',
          message: 'must be at least 12 characters',
          keyword: 'too_small',
          params: { minimum: 12, origin: 'string' },
        },
        { path: '/grants/0/unitId', message: 'Invalid UUID', keyword: 'invalid_format', params: { format: 'uuid' } },
        { path: '/password', message: 'second', keyword: 'custom' },
        { path: '/', message: 'Unrecognized key: "colour"', keyword: 'unrecognized_keys' },
        'not an issue',
      ]),
    );
    expect([...issues.keys()]).toEqual(['password', 'grants/0/unitId']);
    expect(issues.get('password')?.message).toBe('must be at least 12 characters');
  });

  test('errors that name no field give no field issues', () => {
    expect(fieldIssues(new ApiError('You do not administer that unit.', 403, 'forbidden', { unitId: 'u' })).size).toBe(
      0,
    );
    expect(fieldIssues(new Error('offline')).size).toBe(0);
  });

  test('known kinds of problem are worded in the catalogue; others keep the server message', () => {
    expect(
      issueText({ path: '/password', message: 'x', keyword: 'too_small', params: { minimum: 12, origin: 'string' } }),
    ).toEqual({ key: 'errors:tooShort', values: { n: 12 } });
    expect(
      issueText({
        path: '/displayName',
        message: 'is required',
        keyword: 'too_small',
        params: { minimum: 1, origin: 'string' },
      }),
    ).toEqual({ key: 'errors:required' });
    expect(
      issueText({
        path: '/grants',
        message: 'give the user at least one role',
        keyword: 'too_small',
        params: { minimum: 1, origin: 'array' },
      }),
    ).toEqual({ key: 'errors:tooFew', values: { n: 1 } });
    expect(
      issueText({
        path: '/email',
        message: 'Invalid email address',
        keyword: 'invalid_format',
        params: { format: 'email' },
      }),
    ).toEqual({ key: 'errors:email' });
    expect(
      issueText({
        path: '/username',
        message: 'may contain …',
        keyword: 'invalid_format',
        params: { format: 'regex' },
      }),
    ).toEqual({ key: 'admin:errUsernameChars' });
    expect(issueText({ path: '/username', message: 'is taken' })).toEqual({ key: 'admin:errUsernameTaken' });
    expect(issueText({ path: '/day', message: 'must lie within 5 years of today' })).toEqual({
      key: 'admin:errDayRange',
    });
    expect(issueText({ path: '/day', message: 'already a closure day' })).toEqual({ key: 'admin:errDayIsClosure' });
    expect(
      issueText({
        path: '/code',
        message: 'must be lower-case letters',
        keyword: 'invalid_format',
        params: { format: 'regex' },
      }),
    ).toEqual({ raw: 'must be lower-case letters' });
  });

  test('sizes are worded by what is measured: text, a list or a number', () => {
    expect(
      issueText({ path: '/title', message: 'x', keyword: 'too_big', params: { maximum: 300, origin: 'string' } }),
    ).toEqual({ key: 'errors:tooLong', values: { n: 300 } });
    expect(
      issueText({ path: '/items', message: 'x', keyword: 'too_big', params: { maximum: 100, origin: 'array' } }),
    ).toEqual({ key: 'errors:tooMany', values: { n: 100 } });
    expect(
      issueText({ path: '/amount', message: 'x', keyword: 'too_small', params: { minimum: 1, origin: 'number' } }),
    ).toEqual({ key: 'errors:tooSmall', values: { n: 1 } });
    expect(
      issueText({ path: '/amount', message: 'x', keyword: 'too_big', params: { maximum: 24, origin: 'int' } }),
    ).toEqual({ key: 'errors:tooBig', values: { n: 24 } });
    expect(
      issueText({
        path: '/outcome',
        message: 'Invalid option',
        keyword: 'invalid_value',
        params: { values: ['granted'] },
      }),
    ).toEqual({ key: 'errors:choice' });
  });

  test('a refinement that marks its rule as required is worded as required; other refinements keep their words', () => {
    const required = {
      path: '/appealGuidance',
      message: 'appeal guidance is required when the request is not fully granted',
      keyword: 'custom',
      params: { params: { rule: 'required' } },
    };
    expect(issueText(required)).toEqual({ key: 'errors:required' });
    expect(issueText({ path: '/', message: 'change at least one field', keyword: 'custom', params: {} })).toEqual({
      raw: 'change at least one field',
    });
    expect(issueText({ path: '/dueDate', message: 'is not a real date', keyword: 'custom', params: {} })).toEqual({
      key: 'errors:date',
    });
  });
});

import { beforeAll, describe, expect, test } from 'vitest';
import { ApiError, type ApiErrorCode } from '../api/client.js';
import { loadLocale, translatorFor } from '../i18n/i18n.js';
import { accessRefusal, errorSentence, errorText } from './error-text.js';

const da = translatorFor('da');
const en = translatorFor('en');
beforeAll(() => Promise.all([loadLocale('da'), loadLocale('en')]));
const refusal = (code: ApiErrorCode, details?: unknown, message = `server says ${code}`, requestId = 'req-7') =>
  new ApiError(message, 409, code, details, requestId);

describe("API errors in the reader's language", () => {
  test('a sign-in lock-out says when to try again, in Danish and in English', () => {
    const locked = new ApiError('Too many sign-in attempts.', 429, 'rate_limited', { retryAfterSeconds: 1750 });
    expect(errorText(locked, da).text).toBe('Du har prøvet for mange gange på kort tid. Prøv igen om 30 min.');
    expect(errorText(locked, en).text).toBe('You have tried too many times in a short while. Try again in 30 min.');
  });

  const sentences: [ApiErrorCode, string, string][] = [
    ['validation', 'Oplysningerne kunne ikke godtages', 'The information could not be accepted'],
    ['unauthenticated', 'Du er ikke logget ind længere', 'You are no longer signed in'],
    ['forbidden', 'Du har ikke adgang til at gøre dette', 'You do not have access to do this'],
    ['not_found', 'Det, du leder efter, findes ikke', 'What you are looking for does not exist'],
    ['conflict', 'strider mod noget, der allerede er gemt', 'clashes with something already saved'],
    [
      'invalid_state',
      'Det kan ikke lade sig gøre i den nuværende tilstand',
      'This cannot be done in the current state',
    ],
    ['payload_too_large', 'Det, du sendte, er for stort', 'What you sent is too large'],
    [
      'unsupported_media_type',
      'Den type fil eller indhold kan ikke modtages her',
      'That type of file or content cannot be received here',
    ],
    ['rate_limited', 'Du har prøvet for mange gange på kort tid', 'You have tried too many times'],
    ['internal', 'Der skete en fejl hos os', 'Something went wrong on our side'],
    ['network', 'Serveren kunne ikke nås', 'The server could not be reached'],
  ];
  for (const [code, danish, english] of sentences) {
    test(`${code}: a sentence in Danish and in English, the server's words kept for support`, () => {
      const inDanish = errorText(refusal(code), da);
      expect(inDanish.text).toContain(danish);
      expect(inDanish.issues).toEqual([]);
      expect(errorText(refusal(code), en).text).toContain(english);
      // Where the sentence is only general, the server's words are the reason and are shown beside it.
      const general = ['validation', 'conflict', 'invalid_state'].includes(code);
      expect(inDanish.serverReason).toBe(general ? `server says ${code}` : undefined);
      if (code === 'network' || general) expect(inDanish.serverMessage).toBeUndefined();
      else expect(inDanish.serverMessage).toBe(`server says ${code}`);
      expect(inDanish.requestId).toBe('req-7');
    });
  }

  test('a case changed by someone else since it was read says so', () => {
    const stale = refusal('conflict', { reason: 'stale_version', currentVersion: 4 });
    expect(errorText(stale, da).text).toBe(
      'Sagen er ændret af en anden, mens du arbejdede. Hent siden igen og prøv igen.',
    );
    expect(errorText(stale, en).text).toBe(
      'Someone else changed the case while you were working. Reload the page and try again.',
    );
    expect(errorText(stale, da)).toMatchObject({ serverMessage: 'server says conflict' });
    expect(errorText(stale, da)).not.toHaveProperty('serverReason');
  });

  test("a refused step names the step and the case's state; a reason beyond the state is said instead", () => {
    const closed = refusal('invalid_state', { operation: 'decide', state: 'closed' });
    expect(errorText(closed, da).text).toBe('Du kan ikke træffe afgørelse, mens sagen har status »Lukket«.');
    expect(errorText(closed, en).text).toBe('You cannot make the decision while the case has the status “Closed”.');
    expect(errorText(closed, da)).toMatchObject({ serverMessage: 'server says invalid_state' });
    expect(errorText(closed, da)).not.toHaveProperty('serverReason');
    const awaiting = refusal('invalid_state', { operation: 'screen', state: 'awaiting_applicant' });
    expect(errorText(awaiting, da).text).toBe('Du kan ikke screene sagen, mens sagen har status »Afventer ansøger«.');
    const pending = refusal('invalid_state', {
      operation: 'request_information',
      state: 'awaiting_applicant',
      reason: 'request_pending',
    });
    expect(errorText(pending, da).text).toBe('Der venter allerede en anmodning om oplysninger på svar fra ansøgeren.');
    expect(errorText(pending, en).text).toBe('An information request is already waiting for the applicant’s answer.');
    const unknownStep = refusal('invalid_state', { operation: 'launch', state: 'received' });
    expect(errorText(unknownStep, da).text).toBe('Det kan ikke lade sig gøre i den nuværende tilstand.');
    expect(errorSentence(new ApiError('You cannot deactivate yourself.', 409, 'invalid_state'), en)).toBe(
      'This cannot be done in the current state. You cannot deactivate yourself.',
    );
  });

  test("a refused change to units or users is worded by its reason, in Danish and English, the server's words kept for support", () => {
    const self = new ApiError(
      'You cannot deactivate yourself.',
      409,
      'invalid_state',
      { reason: 'deactivate_self' },
      'req-3',
    );
    expect(errorText(self, da)).toMatchObject({
      text: 'Du kan ikke deaktivere dig selv.',
      serverMessage: 'You cannot deactivate yourself.',
    });
    expect(errorText(self, da)).not.toHaveProperty('serverReason');
    expect(errorSentence(self, en)).toBe('You cannot deactivate yourself.');
    const notEmpty = new ApiError('The unit still has units or people in it.', 409, 'conflict', {
      reason: 'unit_not_empty',
    });
    expect(errorSentence(notEmpty, da)).toBe('Enheden har stadig enheder eller personer i sig. Flyt dem først.');
    const outside = new ApiError('That user is outside the units you administer.', 403, 'forbidden', {
      reason: 'user_outside_reach',
      subjectUserId: 'u1',
    });
    expect(errorSentence(outside, da)).toBe('Brugeren hører ikke til de enheder, du administrerer.');
    const unknown = new ApiError('Something new.', 409, 'conflict', { reason: 'not_a_reason' });
    expect(errorText(unknown, da)).toMatchObject({ serverReason: 'Something new.' });
  });

  test('a case file refused for want of a working need says so and offers breaking the glass; others do not', () => {
    const needed = new ApiError('no working need', 403, 'forbidden', { reason: 'work_need_required', caseId: 'c1' });
    expect(accessRefusal(needed)).toBe('work_need_required');
    expect(errorSentence(needed, da)).toContain('nødadgang');
    expect(errorSentence(needed, en)).toContain('break the glass');
    const workflow = new ApiError('another unit', 403, 'forbidden', { reason: 'workflow_not_editable' });
    expect(errorSentence(workflow, en)).toContain("Only that unit's analysts");
    expect(accessRefusal(new ApiError('x', 403, 'forbidden', { unitId: 'u1' }))).toBeUndefined();
    expect(accessRefusal(new ApiError('x', 409, 'conflict', { reason: 'work_need_required' }))).toBeUndefined();
  });

  test('an internal error gives the request id, so support can find it in the log', () => {
    expect(errorText(refusal('internal', undefined, 'Something went wrong', 'req-42'), da).text).toContain(
      'fejlreferencen req-42',
    );
    expect(errorText(refusal('internal', undefined, 'Something went wrong', 'req-42'), en).text).toContain(
      'error reference req-42',
    );
    expect(errorText(new ApiError('500 error', 500, 'internal'), da).text).toBe(
      'Der skete en fejl hos os. Fejlen er logget. Prøv igen om lidt.',
    );
  });

  test("field problems are listed under the summary, with the page's labels where it gives them", () => {
    const refused = refusal('validation', [
      {
        path: '/appealGuidance',
        message: 'appeal guidance is required when the request is not fully granted',
        keyword: 'custom',
        params: { params: { rule: 'required' } },
      },
      { path: '/reasons', message: 'Too big', keyword: 'too_big', params: { maximum: 20000, origin: 'string' } },
      { path: '/code', message: 'must be lower-case letters', keyword: 'invalid_format', params: { format: 'regex' } },
      { path: '/legalRules/0', message: 'Too small', keyword: 'too_small', params: { minimum: 1, origin: 'string' } },
    ]);
    const e = errorText(refused, da, {
      labels: { appealGuidance: 'Klagevejledning', reasons: 'Begrundelse', legalRules: 'Anvendte retsregler' },
    });
    expect(e.text).toBe('Der er problemer med det udfyldte:');
    expect(e).toMatchObject({ serverMessage: 'server says validation' });
    expect(e).not.toHaveProperty('serverReason');
    expect(e.issues).toEqual([
      { field: 'appealGuidance', label: 'Klagevejledning', text: 'Skal udfyldes.' },
      { field: 'reasons', label: 'Begrundelse', text: 'Må højst være 20000 tegn.' },
      { field: 'code', label: undefined, text: 'must be lower-case letters' },
      { field: 'legalRules/0', label: 'Anvendte retsregler', text: 'Skal udfyldes.' },
    ]);
    expect(errorSentence(refused, en, { labels: { appealGuidance: 'Appeal guidance' } })).toBe(
      'There are problems with what was filled in: Appeal guidance: Required. reasons: Must be at most 20000 characters. code: must be lower-case letters legalRules/0: Required.',
    );
  });

  test("a code this client does not know falls back to the server's message; an error of the page's own is shown as it is", () => {
    const odd = new ApiError('The moon is in the wrong phase.', 418, 'teapot' as ApiErrorCode, undefined, 'req-9');
    expect(errorText(odd, da)).toEqual({ text: 'The moon is in the wrong phase.', issues: [], requestId: 'req-9' });
    expect(errorText(new Error('brev.pdf er ikke en PDF, PNG eller JPEG.'), da)).toEqual({
      text: 'brev.pdf er ikke en PDF, PNG eller JPEG.',
      issues: [],
    });
    expect(errorText('plain words', en).text).toBe('plain words');
  });
});

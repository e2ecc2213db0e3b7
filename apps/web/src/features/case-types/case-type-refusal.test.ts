import { beforeAll, describe, expect, test } from 'vitest';
import { ZCaseTypeDefinition, describeIssues, type TCaseTypeDefinition } from '@sagsgang/contracts';
import { CASE_TYPE_RULES } from '@sagsgang/contracts/errors';
import { demoCaseTypes } from '../../../../server/src/modules/demo/case-types/demo-case-types.js';
import { ApiError } from '../../api/client.js';
import { loadLocale, translatorFor } from '../../i18n/i18n.js';
import { refusalErrors } from './case-type-refusal.js';

const da = translatorFor('da');
const en = translatorFor('en');
beforeAll(() => Promise.all([loadLocale('da'), loadLocale('en')]));

/** The server's refusal of a definition: its field issues as the publish endpoint sends them. */
function refusalOf(d: unknown): ApiError {
  const parsed = ZCaseTypeDefinition.safeParse(d);
  if (parsed.success) throw new Error('the definition was valid');
  return new ApiError('The case type is not valid', 400, 'validation', describeIssues(parsed.error), 'req-1');
}

const base = (): TCaseTypeDefinition =>
  structuredClone(ZCaseTypeDefinition.parse(demoCaseTypes().find((d) => d.legalMaximum)!));
const messageAt = (errors: { path: string; message: string }[], path: string) =>
  errors.find((e) => e.path === path)?.message;

describe("the case-type editor words the server's refusal in the reader's language", () => {
  test('rules beyond one field: phases out of order, goal beyond the legal maximum, duplicate option code', () => {
    const d = base();
    d.phases[1] = { ...d.phases[1]!, order: d.phases[0]!.order };
    d.serviceGoal.duration = { amount: 3650, unit: 'months' };
    const choice = d.requirements.findIndex((r) => r.kind === 'information');
    const option = (value: string) => ({ value, label: { da: value, en: value } });
    d.requirements[choice] = {
      ...d.requirements[choice]!,
      answer: { type: 'choice', options: [option('own'), option('own')] },
    };
    const inDanish = refusalErrors(refusalOf(d), da);
    expect(messageAt(inDanish, 'phases[1].order')).toBe(
      `Faserne står ikke i rækkefølge: ${d.phases[0]!.order} kommer efter ${d.phases[0]!.order}.`,
    );
    expect(messageAt(inDanish, 'serviceGoal.duration')).toBe(
      'Servicemålet er længere end den lovbestemte maksimale frist.',
    );
    expect(messageAt(inDanish, `requirements[${choice}].answer.options[1].value`)).toBe(
      'To svarmuligheder har samme kode. Koderne skal være forskellige.',
    );
    const inEnglish = refusalErrors(refusalOf(d), en);
    expect(messageAt(inEnglish, 'serviceGoal.duration')).toBe('The service goal is longer than the legal maximum.');
  });

  test('single fields: a fraction, zero, an empty Danish text, a bad code and a bad KLE number', () => {
    const d = base();
    d.legalMaximum = { amount: 1.5, unit: 'weeks' };
    d.serviceGoal.targetShare = 0;
    d.name = { ...d.name, da: ' ' };
    d.phases[0] = { ...d.phases[0]!, code: 'Ikke Gyldig' };
    d.topicCode = 'x';
    const errors = refusalErrors(refusalOf(d), da);
    expect(messageAt(errors, 'legalMaximum.amount')).toBe('Skal være et helt tal.');
    expect(messageAt(errors, 'serviceGoal.targetShare')).toBe('Skal være over 0.');
    expect(messageAt(errors, 'name.da')).toBe('Skal udfyldes.');
    expect(messageAt(errors, 'phases[0].code')).toBe(
      'Skal være 2-48 små bogstaver, tal, - eller _ og begynde med et bogstav.',
    );
    expect(messageAt(errors, 'topicCode')).toBe('Skal være et KLE-nummer som 27.24.00.');
  });

  test('an unknown unit (found by the server, not the schema) is worded by its rule', () => {
    const error = new ApiError('unitCode: no unit has the code "x"', 400, 'validation', [
      { path: 'unitCode', message: 'unknown unit', keyword: 'custom', params: { rule: 'unknown_unit' } },
    ]);
    expect(refusalErrors(error, da)).toEqual([{ path: 'unitCode', message: 'Der findes ingen enhed med den kode.' }]);
  });

  test("every rule has its own sentence in Danish and English, not the key or the server's words", () => {
    for (const rule of CASE_TYPE_RULES) {
      const error = new ApiError('x', 400, 'validation', [
        { path: 'code', message: 'server words', keyword: 'custom', params: { rule, order: 1, previous: 2 } },
      ]);
      for (const t of [da, en]) {
        const [line] = refusalErrors(error, t);
        expect(line!.message).not.toMatch(/server words|rule_|\{\{/);
      }
    }
  });

  test("a refusal without field issues is one line for the whole definition, in the reader's language", () => {
    const errors = refusalErrors(new ApiError('Forbidden', 403, 'forbidden'), da);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('(root)');
    expect(errors[0]!.message).toContain('Du har ikke adgang');
  });
});

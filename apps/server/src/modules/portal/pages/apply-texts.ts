import type { Locale, TRequirement, TServiceGoal } from '@sagsgang/contracts';
import type { Translate } from '../../../platform/i18n/i18n.js';
import type { FieldError } from '../portal-components.js';
import { formatDate } from '../../notifications/index.js';
import { formatBytes, lt, TYPE_NAMES } from '../apply-components.js';

/** "3 months", or "1 month from when we have all the information" for goals that start when fully informed. */
export function serviceGoalText(t: Translate, goal: TServiceGoal): string {
  const base = t(`applications:goal_${goal.duration.unit}`, { count: goal.duration.amount });
  return goal.clockStart === 'when_fully_informed' ? t('applications:goalFromFullyInformed', { goal: base }) : base;
}

/** The finding of a rule as the applicant reads it, tied to the field it is about. */
export interface ApplyFinding {
  requirementKey: string;
  code: string;
  fileName?: string;
  params?: Record<string, string | number>;
}

export function findingToError(
  t: Translate,
  locale: Locale,
  requirements: TRequirement[],
  f: ApplyFinding,
): FieldError {
  const applies = f.requirementKey.startsWith('applies:');
  const code = applies ? f.requirementKey.slice('applies:'.length) : f.requirementKey;
  const r = requirements.find((x) => x.code === code);
  const label = r ? (applies ? lt(r.condition, locale) : lt(r.label, locale)) : code;
  const fieldId = applies
    ? `applies-${code}`
    : r?.kind === 'document' || f.code.startsWith('document_')
      ? `file-${code}`
      : `q-${code}`;
  return { fieldId, message: findingMessage(t, locale, f, label, r) };
}

function findingMessage(
  t: Translate,
  locale: Locale,
  f: ApplyFinding,
  label: string,
  r: TRequirement | undefined,
): string {
  const p = f.params ?? {};
  const file = f.fileName ?? '';
  switch (f.code) {
    case 'answer_missing':
      return t(
        f.requirementKey.startsWith('applies:')
          ? 'applications:errorAppliesMissing'
          : 'applications:errorAnswerMissing',
        { label },
      );
    case 'answer_invalid':
      return t(r?.answer?.type === 'date' ? 'applications:errorDateInvalid' : 'applications:errorAnswerInvalid', {
        label,
      });
    case 'date_implausible':
      return t('applications:errorDateImplausible', {
        label,
        min: formatDate(locale, String(p.min)),
        max: formatDate(locale, String(p.max)),
      });
    case 'too_long':
      return t('applications:errorTooLong', { label, maxLength: Number(p.maxLength) });
    case 'document_type':
      return t('applications:errorDocumentType', {
        file,
        accepted: String(p.accepted ?? '')
          .split(', ')
          .map((x) => TYPE_NAMES[x] ?? x)
          .join(' / '),
      });
    case 'document_size':
      return Number(p.sizeBytes) === 0
        ? t('applications:errorDocumentEmpty', { file })
        : t('applications:errorDocumentSize', { file, max: formatBytes(Number(p.maxBytes), locale) });
    default:
      return t('applications:errorDocumentMissing', { label });
  }
}

/** Turns an application and its form into what the apply pages show: step links, files, check sections. */
import type { TRequirement } from '@sagsgang/contracts';
import type { Translate } from '../../platform/i18n/i18n.js';
import {
  fileSpec,
  validateStep,
  type ApplicationDocument,
  type ApplicationForm,
  type FormStep,
  type OwnApplication,
} from '../applications/index.js';
import type { StepLink, UploadedFile } from './apply-components.js';

export const CHECK_STEP = 'kontroller';

export function stepTitle(t: Translate, form: ApplicationForm, step: FormStep): string {
  if (step.kind === 'documents') return t('applications:stepDocuments');
  const questionSteps = form.steps.filter((s) => s.kind === 'questions');
  return questionSteps.length > 1
    ? t('applications:stepQuestionsNumbered', { n: questionSteps.indexOf(step) + 1 })
    : t('applications:stepQuestions');
}

export function stepHref(applicationId: string, stepId: string): string {
  return stepId === CHECK_STEP
    ? `/ansoegning/${applicationId}/kontroller`
    : `/ansoegning/${applicationId}/trin/${stepId}`;
}

/** A step counts as done when nothing on it needs fixing; steps not reached are not links. */
export function stepLinks(t: Translate, own: OwnApplication, currentId: string, today: string): StepLink[] {
  const { form, application } = own;
  const links: StepLink[] = form.steps.map((s) => ({
    title: stepTitle(t, form, s),
    href: stepHref(application.id, s.id),
    state:
      s.id === currentId ? 'current' : validateStep(form, s, application.answers, today).length === 0 ? 'done' : 'todo',
  }));
  const allDone = links.every((l) => l.state !== 'todo');
  links.push({
    title: t('applications:stepCheck'),
    href: stepHref(application.id, CHECK_STEP),
    state: currentId === CHECK_STEP ? 'current' : allDone ? 'done' : 'todo',
  });
  return links;
}

export function filesByRequirement(documents: ApplicationDocument[]): Record<string, UploadedFile[]> {
  const out: Record<string, UploadedFile[]> = {};
  for (const d of documents)
    (out[d.requirementCode ?? ''] ??= []).push({ id: d.id, fileName: d.fileName, sizeBytes: d.sizeBytes });
  return out;
}

export function fileSpecs(requirements: TRequirement[]): Record<string, { acceptedTypes: string[]; maxBytes: number }> {
  return Object.fromEntries(requirements.filter((r) => r.kind === 'document').map((r) => [r.code, fileSpec(r)]));
}

export function stepRequirements(form: ApplicationForm, step: FormStep): TRequirement[] {
  return step.requirementCodes.map((c) => form.requirements.find((r) => r.code === c)!);
}

import type { TRequirement } from '@sagsgang/contracts';
import { html, type SafeHtml } from '../../../platform/html/html.js';
import { alert, errorSummary, type FieldError } from '../portal-components.js';
import {
  appliesField,
  fileField,
  questionField,
  stepIndicator,
  type StepLink,
  type UploadedFile,
} from '../apply-components.js';
import type { PageContext } from '../portal-page.js';

export interface ApplyStepInput {
  applicationId: string;
  caseTypeName: string;
  step: { id: string; kind: 'questions' | 'documents'; title: string };
  steps: StepLink[];
  requirements: TRequirement[];
  answers: Record<string, string>;
  errors: FieldError[];
  /** Documents step: files received per requirement, and each requirement's accepted types and size. */
  files?: Record<string, UploadedFile[]>;
  fileSpecs?: Record<string, { acceptedTypes: string[]; maxBytes: number }>;
  /** Plain-language notes from the last post ("passport.pdf has been received"). */
  notices?: string[];
  backHref: string;
}

function errorFor(errors: FieldError[], fieldId: string): string | undefined {
  return errors.find((e) => e.fieldId === fieldId)?.message;
}

function questionBlock(page: PageContext, input: ApplyStepInput, r: TRequirement): SafeHtml {
  const { t, locale } = page;
  const conditional = r.necessity === 'conditional';
  const applies = conditional
    ? appliesField({
        t,
        locale,
        r,
        value: input.answers[`applies:${r.code}`],
        error: errorFor(input.errors, `applies-${r.code}`),
      })
    : null;
  if (r.kind === 'document') {
    const spec = input.fileSpecs?.[r.code] ?? { acceptedTypes: [], maxBytes: 0 };
    const field = fileField({
      t,
      locale,
      r,
      accepted: spec.acceptedTypes,
      maxBytes: spec.maxBytes,
      files: input.files?.[r.code] ?? [],
      error: errorFor(input.errors, `file-${r.code}`),
      removable: true,
    });
    return conditional ? html`<div class="mb-6">${applies}${field}</div>` : html`<div class="mb-6">${field}</div>`;
  }
  const question = questionField({
    t,
    locale,
    r,
    value: input.answers[r.code],
    error: errorFor(input.errors, `q-${r.code}`),
    hintExtra: conditional ? t('applications:answerIfYes') : undefined,
  });
  return html`<div class="mb-6">${applies}${question}</div>`;
}

/** One step of the guided application. The documents step posts multipart (files), the CSRF token its first field. */
export function applyStepPage(page: PageContext, input: ApplyStepInput): SafeHtml {
  const { t } = page;
  const documents = input.step.kind === 'documents';
  const base = `/ansoegning/${input.applicationId}/trin/${input.step.id}`;
  const action = base;
  return html`<div class="row">
<div class="col-12 col-lg-4">${stepIndicator(t, input.steps)}</div>
<div class="col-12 col-lg-8">
<p class="mb-2"><a class="back-link" href="${input.backHref}">${t('applications:back')}</a></p>
${errorSummary(t('applications:errorSummaryHeading'), input.errors) ?? null}
${(input.notices ?? []).map((n) => alert(t, 'success', n))}
<h1><span class="sr-only">${input.caseTypeName}: </span>${input.step.title}</h1>
<p class="font-lead">${input.caseTypeName}</p>
${documents ? html`<p>${t('applications:documentsIntro')}</p>` : null}
<form method="post" action="${action}"${documents ? html` enctype="multipart/form-data"` : null} novalidate>
  <input type="hidden" name="_csrf" value="${page.csrfToken}">
  ${input.requirements.map((r) => questionBlock(page, input, r))}
  <div class="mt-6">
    <button type="submit" class="button button-primary" name="action" value="continue">${t('applications:saveAndContinue')}</button>
    <button type="submit" class="button button-secondary" name="action" value="later">${t('applications:saveForLater')}</button>
  </div>
</form>
${documents ? html`<form id="remove-document" method="post" action="/ansoegning/${input.applicationId}/dokumenter/fjern"><input type="hidden" name="_csrf" value="${page.csrfToken}"></form>` : null}
</div>
</div>`;
}

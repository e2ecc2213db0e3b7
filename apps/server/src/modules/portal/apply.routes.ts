/**
 * The guided application as plain server-rendered forms: start, one page per step (documents as multipart),
 * check your answers, send, receipt. Every step works without scripts; drafts are saved on every post.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { localDateOf } from '@sagsgang/clock';
import { ZApplicationStepForm, ZRemoveDraftDocumentForm, type TApplicationStepForm } from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requireApplicant } from '../../platform/auth/guards.js';
import { parseInput } from '../../platform/http/parse-input.js';
import { caseEventListeners } from '../cases/index.js';
import {
  DEFAULT_MAX_BYTES,
  listOwnDrafts,
  loadOwnApplication,
  openForApplications,
  ownApplicationDocuments,
  removeDraftDocument,
  saveAnswers,
  startApplication,
  submitApplication,
  type Finding,
} from '../applications/index.js';
import { sendPage } from './portal-send.js';
import { pageContext } from './portal-page.js';
import { lt } from './apply-components.js';
import {
  CHECK_STEP,
  filesByRequirement,
  fileSpecs,
  stepHref,
  stepLinks,
  stepRequirements,
  stepTitle,
} from './apply-view.js';
import { applyStartPage } from './pages/apply-start-page.js';
import { applyStepPage } from './pages/apply-step-page.js';
import { applyCheckPage } from './pages/apply-check-page.js';
import { findingToError } from './pages/apply-texts.js';
import { readDocumentsPost } from './apply-uploads.js';
import { missingLabels, renderReceipt } from './apply-receipt.js';

type Params = { id: string; step: string };

/** The answers of a parsed step form (`a.<key>`), each the first value given for its name. */
export function answersOf(form: TApplicationStepForm): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (k.startsWith('a.')) answers[k.slice(2)] = [v].flat()[0] ?? '';
  return answers;
}

/** The one value of a plain field of a step form ('' when absent). */
const fieldOf = (form: TApplicationStepForm, name: string): string => [form[name] ?? ''].flat()[0] ?? '';

function today(): string {
  return localDateOf(new Date());
}

export function applyRoutes(ctx: AppContext) {
  return async (app: FastifyInstance): Promise<void> => {
    const hide = { schema: { hide: true } };
    const db = ctx.database.db;

    app.get<{ Params: { code: string } }>('/ansoeg/:code', hide, async (request, reply) => {
      const page = pageContext(request, reply, ctx.config);
      const version = await openForApplications(db, request.params.code).catch(() => {
        throw new AppError('not_found', 'No such case type is open for applications.');
      });
      const draft = page.principal
        ? (await listOwnDrafts(db, page.principal)).find((d) => d.caseTypeId === version.caseTypeId)
        : undefined;
      const body = applyStartPage(page, {
        definition: version.definition,
        defaultMaxBytes: DEFAULT_MAX_BYTES,
        draft: draft && { id: draft.id, updatedAt: draft.updatedAt.toISOString() },
      });
      return sendPage(
        reply,
        page,
        page.t('applications:startTitle', { caseType: lt(version.definition.name, page.locale) }),
        body,
      );
    });

    app.post<{ Params: { code: string } }>('/ansoeg/:code', hide, async (request, reply) => {
      const principal = requireApplicant(request);
      const draft = await startApplication(db, principal, request.params.code);
      const own = await loadOwnApplication(db, principal, draft.id);
      return reply.redirect(stepHref(draft.id, own.form.steps[0]?.id ?? CHECK_STEP), 303);
    });

    app.get<{ Params: Params }>('/ansoegning/:id/trin/:step', hide, async (request, reply) =>
      renderStep(request, reply, {}),
    );

    // The documents step is a multipart form: its CSRF token is its first field.
    const multipartForm = { ...hide, config: { csrfInFormField: true } };
    app.post<{ Params: Params }>('/ansoegning/:id/trin/:step', multipartForm, async (request, reply) => {
      const principal = requireApplicant(request);
      const { id, step } = request.params;
      const own = await loadOwnApplication(db, principal, id);
      const current = own.form.steps.find((s) => s.id === step);
      if (!current) throw new AppError('not_found', 'No such step in this application.');
      const post =
        current.kind === 'documents'
          ? await readDocumentsPost(ctx, request, own)
          : {
              fields: (request.body ?? {}) as Record<string, unknown>,
              rejected: [] as Finding[],
              accepted: [] as string[],
            };
      const form = parseInput(ZApplicationStepForm, post.fields);
      const answers = answersOf(form);
      const saved = await saveAnswers(db, principal, { applicationId: id, stepId: step, answers, today: today() });
      if (fieldOf(form, 'action') === 'later') return reply.redirect('/mine-sager?saved=1', 303);
      const findings = [...post.rejected, ...saved.findings];
      if (findings.length > 0) return renderStep(request, reply, { findings, accepted: post.accepted, answers });
      const index = own.form.steps.indexOf(current);
      return reply.redirect(stepHref(id, own.form.steps[index + 1]?.id ?? CHECK_STEP), 303);
    });

    app.post<{ Params: { id: string } }>('/ansoegning/:id/dokumenter/fjern', hide, async (request, reply) => {
      const principal = requireApplicant(request);
      const { documentId } = parseInput(ZRemoveDraftDocumentForm, request.body);
      await removeDraftDocument(db, principal, request.params.id, documentId);
      return reply.redirect(stepHref(request.params.id, 'documents'), 303);
    });

    app.get<{ Params: { id: string } }>('/ansoegning/:id/kontroller', hide, async (request, reply) => {
      const principal = requireApplicant(request);
      const page = pageContext(request, reply, ctx.config);
      const own = await loadOwnApplication(db, principal, request.params.id);
      if (own.application.status === 'submitted')
        return reply.redirect(`/ansoegning/${own.application.id}/kvittering`, 303);
      const docs = await ownApplicationDocuments(db, own);
      const body = applyCheckPage(page, {
        applicationId: own.application.id,
        caseTypeName: lt(own.caseTypeName, page.locale),
        steps: stepLinks(page.t, own, CHECK_STEP, today()),
        sections: own.form.steps.map((s) => ({
          title: stepTitle(page.t, own.form, s),
          href: stepHref(own.application.id, s.id),
          requirements: stepRequirements(own.form, s),
        })),
        answers: own.application.answers,
        files: filesByRequirement(docs),
        missing: missingLabels(page.locale, own, docs, today()),
        idempotencyKey: own.application.idempotencyKey,
      });
      return sendPage(reply, page, page.t('applications:checkTitle'), body);
    });

    app.post<{ Params: { id: string } }>('/ansoegning/:id/send', hide, async (request, reply) => {
      const principal = requireApplicant(request);
      const form = parseInput(ZApplicationStepForm, request.body);
      await submitApplication(db, principal, {
        applicationId: request.params.id,
        idempotencyKey: fieldOf(form, 'idempotencyKey'),
        listeners: caseEventListeners(ctx),
      });
      return reply.redirect(`/ansoegning/${request.params.id}/kvittering`, 303);
    });

    app.get<{ Params: { id: string } }>('/ansoegning/:id/kvittering', hide, async (request, reply) =>
      renderReceipt(ctx, request, reply),
    );
  };

  async function renderStep(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    o: { findings?: Finding[]; accepted?: string[]; answers?: Record<string, string> },
  ) {
    const principal = requireApplicant(request);
    const page = pageContext(request, reply, ctx.config);
    const db = ctx.database.db;
    const own = await loadOwnApplication(db, principal, request.params.id);
    if (own.application.status === 'submitted')
      return reply.redirect(`/ansoegning/${own.application.id}/kvittering`, 303);
    const step = own.form.steps.find((s) => s.id === request.params.step);
    if (!step) throw new AppError('not_found', 'No such step in this application.');
    const requirements = stepRequirements(own.form, step);
    const index = own.form.steps.indexOf(step);
    const docs = await ownApplicationDocuments(db, own);
    const body = applyStepPage(page, {
      applicationId: own.application.id,
      caseTypeName: lt(own.caseTypeName, page.locale),
      step: { id: step.id, kind: step.kind, title: stepTitle(page.t, own.form, step) },
      steps: stepLinks(page.t, own, step.id, today()),
      requirements,
      answers: { ...own.application.answers, ...(o.answers ?? {}) },
      errors: (o.findings ?? []).map((f) => findingToError(page.t, page.locale, own.form.requirements, f)),
      files: filesByRequirement(docs),
      fileSpecs: fileSpecs(requirements),
      notices: [
        ...(o.accepted ?? []).map((file) => page.t('applications:uploadAccepted', { file })),
        ...((o.findings ?? []).some((f) => f.code.startsWith('document_'))
          ? [page.t('applications:uploadRejectedKept')]
          : []),
      ],
      backHref:
        index > 0
          ? stepHref(own.application.id, own.form.steps[index - 1].id)
          : `/ansoeg/${encodeURIComponent(own.caseTypeCode)}`,
    });
    return sendPage(reply, page, stepTitle(page.t, own.form, step), body);
  }
}

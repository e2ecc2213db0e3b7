/**
 * One of the applicant's cases: the page, sending information (text and files, multipart), a complaint, the
 * access-to-file download, and the case's documents the applicant sees (their own and those sent to them). Another
 * applicant's case number, or a document that is not theirs to see, is a 404 (audited).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ANSWER_DOCUMENT_PREFIX,
  ZCaseAnswerFields,
  ZComplaintForm,
  issuesWithRule,
  type ApplicantFormRule,
} from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requireApplicant } from '../../platform/auth/guards.js';
import { parseInput } from '../../platform/http/parse-input.js';
import {
  answerRequirement,
  DEFAULT_MAX_BYTES,
  exportCaseFile,
  fileSpec,
  sendInformation,
  type Finding,
  type SentFile,
} from '../applications/index.js';
import {
  caseEventListeners,
  getApplicantCaseFile,
  getApplicantCaseView,
  openApplicantDocument,
} from '../cases/index.js';
import { lettersOfCase } from '../notifications/index.js';
import { sendDownload } from '../../platform/files/send-download.js';
import { formParts, storeFilePart } from '../../platform/files/form-upload.js';
import { discardUpload } from '../../platform/files/file-discard.js';
import { fileStoreOf } from '../../platform/files/file-references.js';
import type { FieldError } from './portal-components.js';
import { pageContext } from './portal-page.js';
import { sendPage } from './portal-send.js';
import { findingToError } from './pages/apply-texts.js';
import { myCasePage } from './pages/my-case-page.js';
import { buildMyCaseInput } from './my-case-view.js';
import { limitCaseLookups } from './case-lookup-limit.js';
import { complaintsSection, fileComplaint, ownComplaintsOfCase } from '../complaints/index.js';

type Params = { reference: string };

interface CasePageOptions {
  notices?: string[];
  findings?: Finding[];
  errors?: FieldError[];
  answerText?: string;
  accepted?: string[];
  complaint?: { kind?: string; text?: string };
}

/** What an answer leads to: back to the case (sent), or the page again with what was refused. */
type AnswerOutcome = { redirect: string } | { render: CasePageOptions };

/** Where each rule a form can break is shown again, and in which words. */
const FORM_ERRORS: Record<ApplicantFormRule, FieldError> = {
  answer_or_document_required: { fieldId: 'answer', message: 'myCases:answerEmpty' },
  complaint_kind_required: { fieldId: 'complaint-kind', message: 'myCases:complainKindMissing' },
  complaint_text_required: { fieldId: 'complaint-text', message: 'myCases:complainEmpty' },
};

/** The form errors a refusal names by its rules; none when it is not a refusal the form shows. */
function formErrors(err: unknown, rules: readonly ApplicantFormRule[]): FieldError[] {
  if (!(err instanceof AppError) || err.code !== 'validation') return [];
  return issuesWithRule(err.details, rules).map((i) => FORM_ERRORS[i.params.rule]);
}

const NOTICES: Record<string, string> = {
  answer: 'myCases:answerSent',
  document: 'myCases:documentSent',
  complaint: 'myCases:complainSent',
};

export function myCaseRoutes(ctx: AppContext) {
  return async (app: FastifyInstance): Promise<void> => {
    const hide = { schema: { hide: true } };
    const db = ctx.database.db;
    limitCaseLookups(app, ctx);

    app.get<{ Params: Params; Querystring: { sent?: string } }>(
      '/mine-sager/:reference',
      hide,
      async (request, reply) => {
        const notice = NOTICES[request.query.sent ?? ''];
        return renderCase(request, reply, { notices: notice ? [notice] : [] });
      },
    );

    // A multipart form (it carries files): its CSRF token is its first field.
    const multipartForm = { ...hide, config: { csrfInFormField: true } };
    app.post<{ Params: Params }>('/mine-sager/:reference/svar', multipartForm, async (request, reply) => {
      const files: SentFile[] = [];
      let outcome: AnswerOutcome;
      try {
        outcome = await receiveAnswer(request, files);
      } finally {
        // Files refused, or sent with an answer that failed: those no row names are discarded (the accepted stay).
        for (const f of files) await discardUpload(db, fileStoreOf(ctx), f.stored);
      }
      if ('redirect' in outcome) return reply.redirect(outcome.redirect, 303);
      return renderCase(request, reply, outcome.render);
    });

    /** Text and files sent on the case; each file stored is pushed to `files` at once, for the caller to clean up. */
    async function receiveAnswer(
      request: FastifyRequest<{ Params: Params }>,
      files: SentFile[],
    ): Promise<AnswerOutcome> {
      const principal = requireApplicant(request);
      const file = await getApplicantCaseFile(db, principal, request.params.reference);
      if (!request.isMultipart())
        throw new AppError('unsupported_media_type', 'This form takes a multipart body (it carries files).');
      const fields: Record<string, string> = {};
      for await (const part of formParts(request)) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        if (!part.filename) {
          part.file.resume();
          continue;
        }
        const name = part.fieldname;
        const code = name.startsWith(ANSWER_DOCUMENT_PREFIX) ? name.slice(ANSWER_DOCUMENT_PREFIX.length) : name;
        // A tampered name is a 400 before anything is stored; a file past its limit a 413 as it streams.
        const requirement = answerRequirement(file.definition, code);
        files.push({
          requirementCode: code,
          fileName: part.filename,
          stored: await storeFilePart(ctx.files, part, {
            request,
            maxBytes: requirement ? fileSpec(requirement).maxBytes : DEFAULT_MAX_BYTES,
            maxRequestBytes: ctx.config.uploadMaxRequestBytes,
          }),
        });
      }
      const form = parseInput(ZCaseAnswerFields, fields);
      try {
        const result = await sendInformation(db, principal, {
          reference: request.params.reference,
          text: form.answer,
          files,
          listeners: caseEventListeners(ctx),
        });
        if (result.rejected.length > 0)
          return { render: { findings: result.rejected, answerText: form.answer, accepted: result.accepted } };
        return {
          redirect: `/mine-sager/${encodeURIComponent(request.params.reference)}?sent=${result.answered ? 'answer' : 'document'}`,
        };
      } catch (err) {
        const errors = formErrors(err, ['answer_or_document_required']);
        if (errors.length > 0) return { render: { errors, answerText: form.answer } };
        throw err;
      }
    }

    app.post<{ Params: Params }>('/mine-sager/:reference/klage', hide, async (request, reply) => {
      const principal = requireApplicant(request);
      const form = parseInput(ZComplaintForm, request.body);
      try {
        const { kind, text } = form;
        await fileComplaint(db, principal, { reference: request.params.reference, kind, text, requestId: request.id });
      } catch (err) {
        const errors = formErrors(err, ['complaint_kind_required', 'complaint_text_required']);
        if (errors.length > 0) return renderCase(request, reply, { errors, complaint: form });
        throw err;
      }
      return reply.redirect(`/mine-sager/${encodeURIComponent(request.params.reference)}?sent=complaint`, 303);
    });

    app.post<{ Params: Params }>('/mine-sager/:reference/aktindsigt', hide, async (request, reply) => {
      const principal = requireApplicant(request);
      const page = pageContext(request, reply, ctx.config);
      const out = await exportCaseFile(db, principal, {
        reference: request.params.reference,
        locale: page.locale,
        files: ctx.files,
        authorityName: ctx.config.authorityName,
        requestId: request.id,
      });
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${out.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(out.zip));
    });

    app.get<{ Params: Params & { id: string } }>(
      '/mine-sager/:reference/dokumenter/:id',
      hide,
      async (request, reply) => {
        const principal = requireApplicant(request);
        const doc = await openApplicantDocument(db, principal, {
          reference: request.params.reference,
          documentId: request.params.id,
          files: ctx.files,
          requestId: request.id,
        });
        return sendDownload(reply, doc);
      },
    );
  };

  async function renderCase(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, o: CasePageOptions) {
    const principal = requireApplicant(request);
    const page = pageContext(request, reply, ctx.config);
    const db = ctx.database.db;
    const view = await getApplicantCaseView(db, principal, request.params.reference);
    const letters = await lettersOfCase(db, view.case.id, view.case.reference, page.locale);
    const input = buildMyCaseInput(page, view, letters);
    input.notices = [
      ...(o.notices ?? []).map((k) => page.t(k)),
      ...(o.accepted ?? []).map((f) => page.t('applications:uploadAccepted', { file: f })),
    ];
    input.errors = [
      ...(o.findings ?? []).map((f) => findingToError(page.t, page.locale, view.definition.requirements, f)),
      ...(o.errors ?? []).map((e) => ({ ...e, message: page.t(e.message) })),
    ];
    input.answerText = o.answerText;
    input.complaint = o.complaint;
    input.complaints = complaintsSection(page.t, page.locale, await ownComplaintsOfCase(db, principal, view.case.id));
    return sendPage(reply, page, `${input.reference}`, myCasePage(page, input));
  }
}

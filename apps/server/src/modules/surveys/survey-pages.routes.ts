import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { AppError, HTTP_STATUS, isAppError } from '../../platform/errors.js';
import { denialRecorder } from '../../platform/audit/audit-denials.js';
import { auditDenied, isDeniedMarker } from '../../platform/audit/record-audit.js';
import { toAppError } from '../../platform/http/error-handler.js';
import { pageContext, sendPage, type PageContext } from '../portal/index.js';
import type { AnswerProblem } from './survey-answers.js';
import { answersFromForm } from './survey-answers.js';
import {
  answerSurvey,
  declineSurvey,
  openSurvey,
  openSurveysOf,
  type ClosedReason,
  type SurveyCredential,
} from './survey-answering.service.js';
import {
  mySurveysPage,
  surveyClosedPage,
  surveyDonePage,
  surveyFormPage,
  type FormCredential,
} from './survey-pages.js';
import { surveyAnswerLimit } from './survey-rate-limit.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.slice(0, 200) : undefined);

/** The credential a form carries: the link's token, or (signed in) the citizen's own invitation. */
function credentialOf(request: FastifyRequest): { cred: SurveyCredential; form: FormCredential } | undefined {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const token = str(body.token);
  if (token) return { cred: { token }, form: { token } };
  const invitationId = str(body.invitation);
  const userId = request.principal?.kind === 'applicant' ? request.principal.userId : undefined;
  if (invitationId && userId) return { cred: { invitationId, userId }, form: { invitationId } };
  return undefined;
}

const CLOSED_STATUS: Record<ClosedReason | 'rate_limited', number> = {
  invalid: 404,
  expired: 410,
  answered: 409,
  declined: 409,
  rate_limited: 429,
};

function closed(reply: FastifyReply, page: PageContext, reason: ClosedReason | 'rate_limited', status?: number) {
  reply.header('referrer-policy', 'no-referrer');
  const title = page.t(`surveys:closedTitle_${reason}`);
  return sendPage(reply, page, title, surveyClosedPage(page, reason), status ?? CLOSED_STATUS[reason]);
}

/** A refused post lands on a plain page that says why; nothing was stored. */
function closedReasonOf(err: unknown): ClosedReason | 'rate_limited' | undefined {
  if (!isAppError(err)) return undefined;
  if (err.code === 'rate_limited') return 'rate_limited';
  const reason = (err.details as { reason?: unknown } | undefined)?.reason;
  return reason === 'invalid' || reason === 'expired' || reason === 'answered' || reason === 'declined'
    ? reason
    : undefined;
}

/** The answer pages: reached from the e-mail's link (no sign-in) or from a signed-in citizen's list. */
export function surveyPageRoutes(ctx: AppContext) {
  return async (app: FastifyInstance): Promise<void> => {
    const db = ctx.database.db;
    const hide = { schema: { hide: true } };
    const limited = { ...hide, preHandler: surveyAnswerLimit(ctx) };

    const recordDenial = denialRecorder(db);
    app.setErrorHandler(async (err: unknown, request: FastifyRequest, reply: FastifyReply) => {
      const page = pageContext(request, reply, ctx.config);
      const appError = toAppError(err);
      // Someone else's invitation, or a page for citizens opened by staff: refused, and kept in the audit log.
      if (isDeniedMarker(appError.details) || (appError.code === 'forbidden' && request.principal))
        await recordDenial(request, appError).catch((e: unknown) =>
          request.log.error({ err: e }, 'could not audit a denial'),
        );
      const reason = closedReasonOf(err) ?? (isDeniedMarker(appError.details) ? 'invalid' : undefined);
      if (reason) return closed(reply, page, reason);
      if (appError.code === 'unauthenticated')
        return reply.redirect(`/login?returnTo=${encodeURIComponent(request.url)}`, 303);
      if (HTTP_STATUS[appError.code] >= 500) request.log.error({ err }, 'request failed');
      // A CSRF refusal (an old form) or anything else: the page says the link could not be used.
      return closed(reply, page, 'invalid', HTTP_STATUS[appError.code]);
    });

    app.get('/undersoegelse', hide, async (request, reply) => {
      const page = pageContext(request, reply, ctx.config);
      const token = str((request.query as Record<string, unknown>).token) ?? '';
      const opened = await openSurvey(db, { token });
      if (opened.state !== 'open') return closed(reply, page, opened.state);
      // The token is in this page's address: it must not travel on in a Referer header.
      reply.header('referrer-policy', 'no-referrer');
      const body = surveyFormPage(page, { definition: opened.definition, credential: { token } });
      return sendPage(reply, page, opened.definition.title[page.locale], body);
    });

    app.post('/undersoegelse', limited, async (request, reply) => {
      const page = pageContext(request, reply, ctx.config);
      const c = credentialOf(request);
      if (!c) return closed(reply, page, 'invalid');
      const opened = await openSurvey(db, c.cred);
      if (opened.state !== 'open') return closed(reply, page, opened.state);
      const form = (request.body ?? {}) as Record<string, unknown>;
      try {
        await answerSurvey(db, c.cred, answersFromForm(opened.definition, form));
      } catch (err) {
        if (!isAppError(err) || err.code !== 'validation') throw err;
        const values: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(form))
          if (k.startsWith('q.')) values[k] = Array.isArray(v) ? v.map(String) : String(v);
        const body = surveyFormPage(page, {
          definition: opened.definition,
          credential: c.form,
          values,
          problems: err.details as AnswerProblem[],
        });
        return sendPage(reply, page, opened.definition.title[page.locale], body, 400);
      }
      return reply.redirect('/undersoegelse/tak', 303);
    });

    app.post('/undersoegelse/afvis', limited, async (request, reply) => {
      const page = pageContext(request, reply, ctx.config);
      const c = credentialOf(request);
      if (!c) return closed(reply, page, 'invalid');
      await declineSurvey(db, c.cred);
      return reply.redirect('/undersoegelse/afvist', 303);
    });

    app.get('/undersoegelse/tak', hide, async (request, reply) => {
      const page = pageContext(request, reply, ctx.config);
      return sendPage(reply, page, page.t('surveys:thanksTitle'), surveyDonePage(page, false));
    });

    app.get('/undersoegelse/afvist', hide, async (request, reply) => {
      const page = pageContext(request, reply, ctx.config);
      return sendPage(reply, page, page.t('surveys:declinedTitle'), surveyDonePage(page, true));
    });

    app.get('/mine-undersoegelser', hide, async (request, reply) => {
      const page = pageContext(request, reply, ctx.config);
      if (!request.principal) return reply.redirect('/login?returnTo=/mine-undersoegelser', 303);
      if (request.principal.kind !== 'applicant') throw new AppError('forbidden', 'This is for citizens only.');
      const items = await openSurveysOf(db, request.principal.userId);
      return sendPage(reply, page, page.t('surveys:mySurveysTitle'), mySurveysPage(page, items));
    });

    app.get('/mine-undersoegelser/:id', hide, async (request, reply) => {
      const page = pageContext(request, reply, ctx.config);
      const id = (request.params as { id: string }).id;
      if (!request.principal)
        return reply.redirect(`/login?returnTo=${encodeURIComponent(`/mine-undersoegelser/${id}`)}`, 303);
      if (request.principal.kind !== 'applicant') throw new AppError('forbidden', 'This is for citizens only.');
      const opened = await openSurvey(db, { invitationId: id, userId: request.principal.userId });
      if (opened.state === 'invalid')
        throw new AppError(
          'not_found',
          'No such survey.',
          auditDenied({ entityType: 'survey_invitation', entityId: id.slice(0, 40) }),
        );
      if (opened.state !== 'open') return closed(reply, page, opened.state);
      const body = surveyFormPage(page, { definition: opened.definition, credential: { invitationId: id } });
      return sendPage(reply, page, opened.definition.title[page.locale], body);
    });
  };
}

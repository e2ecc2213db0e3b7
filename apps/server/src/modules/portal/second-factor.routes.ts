/**
 * The sign-in pages after the password: proving the second factor, and setting up an authenticator app (required
 * for some roles, offered to anyone signed in). Plain forms that work without scripts; the auth module decides.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZSecondFactorForm, type TSecondFactorForm } from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { isAppError } from '../../platform/errors.js';
import { toAppError } from '../../platform/http/error-handler.js';
import { isUrlEncodedForm } from '../../platform/http/form-post.js';
import {
  beginTotpEnrolment,
  completeEnrolledSignIn,
  completeSecondFactor,
  confirmTotpEnrolment,
  ENROL_FACTOR_PATH,
  factorStep,
  factorsOf,
  factorUser,
  safeReturnTo,
  SECOND_FACTOR_PATH,
  setSessionCookie,
} from '../auth/index.js';
import { pageContext } from './portal-page.js';
import { sendPage } from './portal-send.js';
import { addPasskeyPage, enrolFactorPage, recoveryCodesPage, secondFactorPage } from './pages/second-factor-page.js';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function back(reply: FastifyReply, path: string, returnTo: unknown, error: string, extra: Record<string, string> = {}) {
  const params = new URLSearchParams({ error, returnTo: safeReturnTo(returnTo), ...extra });
  return reply.redirect(`${path}?${params.toString()}`, 303);
}

/** A refused code, an expired form or the attempt limit: back to the same page with a flag it explains. */
function flagOf(err: unknown): { error: string; extra?: Record<string, string> } {
  const appError = toAppError(err);
  if (appError.code === 'unauthenticated') return { error: 'wrong_code' };
  if (appError.code === 'forbidden') return { error: 'expired' };
  if (appError.code === 'rate_limited') {
    const seconds = (appError.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    return { error: 'rate_limited', extra: seconds ? { retryMinutes: String(Math.ceil(seconds / 60)) } : undefined };
  }
  throw err;
}

function formErrorHandler(path: string) {
  return (err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    if (!isUrlEncodedForm(request) || !isAppError(err)) throw err;
    const { error, extra } = flagOf(err);
    return back(reply, path, (request.body as { returnTo?: unknown } | undefined)?.returnTo, error, extra);
  };
}

function parseForm(body: unknown): TSecondFactorForm | undefined {
  const parsed = ZSecondFactorForm.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}

export function secondFactorPageRoutes(ctx: AppContext) {
  return async (app: FastifyInstance): Promise<void> => {
    const hide = { schema: { hide: true } };

    app.get(SECOND_FACTOR_PATH, hide, async (request, reply) => {
      const q = request.query as Record<string, unknown>;
      if (!request.authSession?.mfaPending) return reply.redirect('/login', 303);
      const factors = await factorsOf(ctx, request.authSession.userId);
      const page = pageContext(request, reply, ctx.config);
      const minutes = Number(str(q.retryMinutes));
      const body = secondFactorPage(page, {
        ...factors,
        returnTo: safeReturnTo(q.returnTo),
        error: str(q.error),
        retryMinutes: Number.isInteger(minutes) && minutes > 0 && minutes <= 1440 ? minutes : undefined,
      });
      return sendPage(reply, page, page.t('portal:factorTitle'), body);
    });

    app.post(
      SECOND_FACTOR_PATH,
      { ...hide, errorHandler: formErrorHandler(SECOND_FACTOR_PATH) },
      async (request, reply) => {
        const session = request.authSession;
        if (!session?.mfaPending) return reply.redirect('/login', 303);
        const form = parseForm(request.body);
        if (!form?.code.trim()) return back(reply, SECOND_FACTOR_PATH, form?.returnTo, 'missing');
        setSessionCookie(reply, ctx, await completeSecondFactor(ctx, request, session.userId, form.code));
        return reply.redirect(safeReturnTo(form.returnTo), 303);
      },
    );

    app.get(ENROL_FACTOR_PATH, hide, async (request, reply) => {
      const q = request.query as Record<string, unknown>;
      const returnTo = safeReturnTo(q.returnTo);
      if (!request.authSession) return reply.redirect(`/login?returnTo=${encodeURIComponent(ENROL_FACTOR_PATH)}`, 303);
      const { userId, pending } = factorUser(request);
      // A half-signed-in person with a passkey (and no app yet) proves the passkey; setting up an app comes after.
      if (pending && (await factorStep(ctx, userId)) === 'verify')
        return reply.redirect(`${SECOND_FACTOR_PATH}?returnTo=${encodeURIComponent(returnTo)}`, 303);
      let enrolment;
      try {
        enrolment = await beginTotpEnrolment(ctx, userId);
      } catch (err) {
        // Already set up: a half-signed-in person proves it instead; anyone else may add a passkey.
        if (isAppError(err) && err.code === 'conflict') {
          if (pending) return reply.redirect(`${SECOND_FACTOR_PATH}?returnTo=${encodeURIComponent(returnTo)}`, 303);
          const page = pageContext(request, reply, ctx.config);
          return sendPage(reply, page, page.t('portal:passkeyAdd'), addPasskeyPage(page, { returnTo }));
        }
        throw err;
      }
      const page = pageContext(request, reply, ctx.config);
      const body = enrolFactorPage(page, { enrolment, returnTo, required: pending, error: str(q.error) });
      return sendPage(reply, page, page.t('portal:enrolTitle'), body);
    });

    app.post(
      ENROL_FACTOR_PATH,
      { ...hide, errorHandler: formErrorHandler(ENROL_FACTOR_PATH) },
      async (request, reply) => {
        if (!request.authSession) return reply.redirect('/login', 303);
        const { userId, pending } = factorUser(request);
        const form = parseForm(request.body);
        if (!form?.code.trim()) return back(reply, ENROL_FACTOR_PATH, form?.returnTo, 'missing');
        const { recoveryCodes } = await confirmTotpEnrolment(ctx, request, userId, form.code);
        if (pending) setSessionCookie(reply, ctx, await completeEnrolledSignIn(ctx, request, userId));
        const page = pageContext(request, reply, ctx.config);
        const body = recoveryCodesPage(page, { codes: recoveryCodes, returnTo: safeReturnTo(form.returnTo) });
        return sendPage(reply, page, page.t('portal:recoveryTitle'), body);
      },
    );
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZActiveUnitRequest,
  ZCsrfToken,
  ZLocaleRequest,
  ZLoginForm,
  ZLoginRequest,
  ZLogoutForm,
  ZMe,
  type RateLimitDetails,
  ZSignedIn,
} from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { parseInput } from '../../platform/http/parse-input.js';
import { isUrlEncodedForm as isFormPost } from '../../platform/http/form-post.js';
import { toAppError } from '../../platform/http/error-handler.js';
import { requirePrincipal } from '../../platform/auth/guards.js';
import { rotateCsrfSecret, sessionCookieName, sessionCookieOptions } from '../../platform/auth/auth-plugin.js';
import { giveBackSignInAttempt } from '../../platform/auth/sign-in-throttle.js';
import {
  auditFailedSignIn,
  checkPassword,
  limitSignIn,
  chooseActiveUnit,
  describeMe,
  endSession,
  startSession,
} from './auth.service.js';
import { authRepository } from './auth.repository.js';
import { loginPageWithError, safeReturnTo } from './return-to.js';
import { ENROL_FACTOR_PATH, factorStep, SECOND_FACTOR_PATH, startPendingSession } from './second-factor.service.js';

export function setSessionCookie(
  reply: FastifyReply,
  ctx: AppContext,
  session: { token: string; expiresAt: Date },
): void {
  // A browser-session cookie (no Max-Age): closing the browser ends it; the server enforces idle and absolute limits.
  reply.setCookie(sessionCookieName(ctx), session.token, sessionCookieOptions(ctx));
  rotateCsrfSecret(ctx, reply);
}

const INVALID_CREDENTIALS = 'The user name or password is not correct.';

/**
 * A person signing in through the HTML form (perhaps without JavaScript) must land on the sign-in page with a
 * message, not on a JSON error: an expired form (CSRF) and the rate limit become error flags the page explains.
 * Every other error, and every JSON request, goes on to the central handler.
 */
function formSignInErrorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (isFormPost(request)) {
    const appError = toAppError(err);
    const returnTo = (request.body as { returnTo?: unknown } | undefined)?.returnTo;
    if (appError.code === 'forbidden') return reply.redirect(loginPageWithError('expired', returnTo), 303);
    if (appError.code === 'rate_limited') {
      const seconds = (appError.details as Partial<RateLimitDetails> | undefined)?.retryAfterSeconds;
      const extra = seconds ? { retryMinutes: String(Math.ceil(seconds / 60)) } : undefined;
      return reply.redirect(loginPageWithError('rate_limited', returnTo, extra), 303);
    }
  }
  throw err;
}

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in with user name and password (JSON or an HTML form post)',
          description: 'A form post carries the CSRF token in `_csrf` and is answered with a redirect.',
          security: [],
        },
        errorHandler: formSignInErrorHandler,
        config: {
          openapi: {
            requestBody: { 'application/json': ZLoginRequest, 'application/x-www-form-urlencoded': ZLoginForm },
            responses: {
              200: { description: 'Signed in: the session cookie is set', content: { 'application/json': ZSignedIn } },
              303: { description: 'A form post: on to `returnTo`, or back to the sign-in page with the reason' },
            },
            errors: [401, 403, 429],
          },
        },
      },
      async (request, reply) => {
        const form = isFormPost(request);
        if (!form && !(request.headers['content-type'] ?? '').startsWith('application/json')) {
          throw new AppError('unsupported_media_type', 'Send the sign-in as JSON or as an HTML form post.');
        }
        const returnTo = (request.body as { returnTo?: unknown } | undefined)?.returnTo;
        let credentials;
        try {
          credentials = parseInput(form ? ZLoginForm : ZLoginRequest, request.body);
        } catch (err) {
          if (form) return reply.redirect(loginPageWithError('invalid', returnTo), 303);
          throw err;
        }
        // Counted before the password is checked: a locked-out name or address costs no password hash.
        const parties = { address: request.ip, username: credentials.username };
        await limitSignIn(ctx, request, parties);
        const userId = await checkPassword(ctx, credentials);
        if (!userId) {
          await auditFailedSignIn(ctx, request, credentials.username);
          if (form) return reply.redirect(loginPageWithError('invalid', returnTo), 303);
          throw new AppError('unauthenticated', INVALID_CREDENTIALS);
        }
        await giveBackSignInAttempt(ctx.database.db, parties);
        const step = await factorStep(ctx, userId);
        if (step !== 'none') {
          // Half signed in: the session may only prove (or enrol) the second factor.
          setSessionCookie(reply, ctx, await startPendingSession(ctx, request, userId));
          const page = step === 'verify' ? SECOND_FACTOR_PATH : ENROL_FACTOR_PATH;
          if (form) return reply.redirect(`${page}?returnTo=${encodeURIComponent(safeReturnTo(returnTo))}`, 303);
          return { userId, secondFactor: step };
        }
        setSessionCookie(reply, ctx, await startSession(ctx, request, { userId, authMethod: 'password' }));
        if (form) return reply.redirect(safeReturnTo(returnTo), 303);
        return { userId };
      },
    );

    app.post(
      '/api/auth/logout',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign out: ends the session',
          // Without a session there is nothing to end, and nothing to protect with a CSRF token.
          security: [{ session: [], csrf: [] }, {}],
        },
        config: {
          openapi: {
            requestBody: { 'application/x-www-form-urlencoded': ZLogoutForm.extend({ _csrf: z.string().optional() }) },
            requestBodyOptional: true,
            responses: {
              204: { description: 'Signed out: the session cookie is cleared' },
              303: { description: 'A form post: on to `returnTo`' },
            },
          },
        },
      },
      async (request, reply) => {
        await endSession(ctx, request);
        reply.clearCookie(sessionCookieName(ctx), sessionCookieOptions(ctx));
        rotateCsrfSecret(ctx, reply);
        if (isFormPost(request))
          return reply.redirect(safeReturnTo(parseInput(ZLogoutForm, request.body).returnTo), 303);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/auth/me',
      { schema: { tags: ['auth'], summary: 'The signed-in person', response: { 200: ZMe } } },
      async (request) => describeMe(ctx, requirePrincipal(request), request),
    );

    app.get(
      '/api/auth/csrf',
      {
        schema: {
          tags: ['auth'],
          summary: 'A CSRF token for x-csrf-token',
          security: [],
          response: { 200: ZCsrfToken },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return { token: request.csrfToken() };
      },
    );

    app.put(
      '/api/auth/me/active-unit',
      {
        schema: {
          tags: ['auth'],
          summary: 'Choose the unit to work in',
          body: ZActiveUnitRequest,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await chooseActiveUnit(ctx, request, requirePrincipal(request), request.body.unitId);
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/api/auth/me/locale',
      { schema: { tags: ['auth'], summary: 'Choose the language', body: ZLocaleRequest, response: { 204: z.null() } } },
      async (request, reply) => {
        await authRepository.updateLocale(ctx.database.db, requirePrincipal(request).userId, request.body.locale);
        return reply.status(204).send(null);
      },
    );
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZPasswordSetupForm, ZPasswordSetupRequest } from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { isAppError } from '../../platform/errors.js';
import { parseInput } from '../../platform/http/parse-input.js';
import { isUrlEncodedForm as isFormPost } from '../../platform/http/form-post.js';
import { toAppError } from '../../platform/http/error-handler.js';
import { PASSWORD_SETUP_PATH, redeemPasswordSetup } from './password-setup.service.js';

function backToForm(reply: FastifyReply, token: string | undefined, error: string) {
  const params = new URLSearchParams({ error });
  if (token) params.set('token', token);
  return reply.redirect(`${PASSWORD_SETUP_PATH}?${params.toString()}`, 303);
}

/** The rule a refused password broke, as the page's error flag. */
function problemFlag(err: unknown): string {
  if (!isAppError(err)) throw err;
  if (err.code === 'invalid_state') return 'link';
  const rule = Array.isArray(err.details)
    ? (err.details[0] as { params?: { rule?: unknown } })?.params?.rule
    : undefined;
  if (err.code === 'validation' && typeof rule === 'string') return rule;
  throw err;
}

/** A browser posting the form lands back on the page with a message: an expired form or the rate limit too. */
function formErrorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (isFormPost(request)) {
    const code = toAppError(err).code;
    const token = (request.body as { token?: unknown } | undefined)?.token;
    const flag = code === 'forbidden' ? 'expired' : code === 'rate_limited' ? 'rate_limited' : undefined;
    if (flag) return backToForm(reply, typeof token === 'string' ? token : undefined, flag);
  }
  throw err;
}

/** Choosing one's password through a one-time link (the first administrator, or a link an administrator sent). */
export function passwordSetupRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/password-setup',
      {
        schema: {
          tags: ['auth'],
          summary: 'Choose a password with a one-time link (JSON or an HTML form post); the link is used up',
          description:
            'The link is the credential: no session is needed. A form post carries `_csrf` and is answered with a redirect.',
          security: [],
          response: { 200: z.object({ userId: z.uuid() }) },
        },
        config: {
          openapi: {
            requestBody: {
              'application/json': ZPasswordSetupRequest,
              'application/x-www-form-urlencoded': ZPasswordSetupForm,
            },
            responses: {
              303: { description: 'A form post: on to the sign-in page, or back to the link with the reason' },
            },
            errors: [403, 409],
          },
        },
        // No attempt limit is needed: a link holds 256 random bits, and an unknown one costs a single indexed read.
        errorHandler: formErrorHandler,
      },
      async (request, reply) => {
        const meta = { requestId: request.id, ip: request.ip };
        if (!isFormPost(request))
          return redeemPasswordSetup(ctx.database.db, meta, parseInput(ZPasswordSetupRequest, request.body));
        const form = parseInput(ZPasswordSetupForm, request.body);
        if (form.password !== form.repeat) return backToForm(reply, form.token, 'mismatch');
        try {
          await redeemPasswordSetup(ctx.database.db, meta, { token: form.token, password: form.password });
        } catch (err) {
          return backToForm(reply, form.token, problemFlag(err));
        }
        return reply.redirect('/login?passwordSet=1', 303);
      },
    );
  };
}

import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZPasswordChangeRequest,
  ZRecoveryCodes,
  ZSecondFactorRequest,
  ZSignedIn,
  ZTotpEnrolment,
} from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requirePrincipal } from '../../platform/auth/guards.js';
import { setSessionCookie } from './auth.routes.js';
import { changeOwnPassword } from './password-change.service.js';
import {
  beginTotpEnrolment,
  completeEnrolledSignIn,
  completeSecondFactor,
  confirmTotpEnrolment,
} from './second-factor.service.js';

/** The user a second-factor route acts for: a half-signed-in session's, or a fully signed-in person's own. */
export function factorUser(request: FastifyRequest): { userId: string; pending: boolean } {
  const session = request.authSession;
  if (session?.mfaPending) return { userId: session.userId, pending: true };
  const principal = requirePrincipal(request);
  // Applicants sign in through the national eID, which carries its own factors.
  if (principal.kind !== 'staff') throw new AppError('forbidden', 'A second factor here is for staff.');
  return { userId: principal.userId, pending: false };
}

/** The second step of sign-in, enrolling an authenticator app, and changing one's own password, as JSON. */
export function secondFactorRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/second-factor',
      {
        schema: {
          tags: ['auth'],
          summary: 'Second step of sign-in: a code from the authenticator app or a recovery code',
          body: ZSecondFactorRequest,
          response: { 200: ZSignedIn },
        },
        config: { openapi: { errors: [401, 429] } },
      },
      async (request, reply) => {
        const session = request.authSession;
        if (!session?.mfaPending) throw new AppError('unauthenticated', 'Sign in with your password first.');
        const full = await completeSecondFactor(ctx, request, session.userId, request.body.code);
        setSessionCookie(reply, ctx, full);
        return { userId: session.userId };
      },
    );

    app.get(
      '/api/auth/second-factor/totp',
      {
        schema: {
          tags: ['auth'],
          summary: 'Start setting up an authenticator app (TOTP): its secret, URI and QR code',
          response: { 200: ZTotpEnrolment },
        },
        config: { openapi: { errors: [401, 409] } },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return beginTotpEnrolment(ctx, factorUser(request).userId);
      },
    );

    app.post(
      '/api/auth/second-factor/totp',
      {
        schema: {
          tags: ['auth'],
          summary: 'Confirm the authenticator app with a code from it; answers the ten recovery codes, once',
          body: ZSecondFactorRequest,
          response: { 200: ZRecoveryCodes },
        },
        config: { openapi: { errors: [401, 409] } },
      },
      async (request, reply) => {
        const { userId, pending } = factorUser(request);
        const result = await confirmTotpEnrolment(ctx, request, userId, request.body.code);
        // Enrolling a factor proves it: a half-signed-in session becomes a full one.
        if (pending) setSessionCookie(reply, ctx, await completeEnrolledSignIn(ctx, request, userId));
        reply.header('cache-control', 'no-store');
        return result;
      },
    );

    app.post(
      '/api/auth/me/password',
      {
        schema: {
          tags: ['auth'],
          summary: 'Change your own password; the current one is required',
          body: ZPasswordChangeRequest,
          response: { 204: z.null() },
        },
        config: { openapi: { errors: [401, 409, 429] } },
      },
      async (request, reply) => {
        await changeOwnPassword(ctx, request, requirePrincipal(request), request.body);
        return reply.status(204).send(null);
      },
    );
  };
}

import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZPasskeyAuthenticationRequest,
  ZPasskeyOptions,
  ZPasskeyRegistrationRequest,
  ZSignedIn,
} from '@sagsgang/contracts';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { setSessionCookie } from './auth.routes.js';
import { factorUser } from './second-factor.routes.js';
import {
  completePasskeySignIn,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  registerPasskey,
  type FactorSession,
} from './passkey.service.js';
import { completeEnrolledSignIn } from './second-factor.service.js';

/** The session a passkey ceremony belongs to: its challenge is kept under the session's token hash. */
function factorSession(request: FastifyRequest): FactorSession {
  const { userId, pending } = factorUser(request);
  return { userId, pending, sessionHash: request.authSession!.tokenHash };
}

function pendingSession(request: FastifyRequest): FactorSession {
  const session = request.authSession;
  if (!session?.mfaPending) throw new AppError('unauthenticated', 'Sign in with your password first.');
  return { userId: session.userId, pending: true, sessionHash: session.tokenHash };
}

/** Passkeys (WebAuthn): adding one, and the second step of sign-in with one, as JSON for the pages' script. */
export function passkeyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/passkeys/options',
      {
        schema: {
          tags: ['auth'],
          summary: 'Start adding a passkey: options for navigator.credentials.create (the challenge lasts 2 minutes)',
          response: { 200: ZPasskeyOptions },
        },
        config: { openapi: { errors: [401, 403, 409] } },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return passkeyRegistrationOptions(ctx, factorSession(request));
      },
    );

    app.post(
      '/api/auth/passkeys',
      {
        schema: {
          tags: ['auth'],
          summary: 'Add a passkey with the answer of navigator.credentials.create; completes a pending sign-in',
          body: ZPasskeyRegistrationRequest,
          response: { 201: z.object({ signedIn: z.boolean() }) },
        },
        config: { openapi: { errors: [400, 401, 403, 409] } },
      },
      async (request, reply) => {
        const session = factorSession(request);
        await registerPasskey(ctx, request, session, request.body);
        // Adding a passkey with user verification proves it: a half-signed-in session becomes a full one.
        if (session.pending)
          setSessionCookie(reply, ctx, await completeEnrolledSignIn(ctx, request, session.userId, 'passkey'));
        return reply.status(201).send({ signedIn: true });
      },
    );

    app.post(
      '/api/auth/second-factor/passkey/options',
      {
        schema: {
          tags: ['auth'],
          summary: 'Second step of sign-in with a passkey: options for navigator.credentials.get',
          response: { 200: ZPasskeyOptions },
        },
        config: { openapi: { errors: [401, 409] } },
      },
      async (request, reply) => {
        const session = pendingSession(request);
        reply.header('cache-control', 'no-store');
        return passkeyAuthenticationOptions(ctx, session.sessionHash, session.userId);
      },
    );

    app.post(
      '/api/auth/second-factor/passkey',
      {
        schema: {
          tags: ['auth'],
          summary: 'Second step of sign-in: the answer of navigator.credentials.get',
          body: ZPasskeyAuthenticationRequest,
          response: { 200: ZSignedIn },
        },
        config: { openapi: { errors: [401, 409, 429] } },
      },
      async (request, reply) => {
        const session = pendingSession(request);
        setSessionCookie(reply, ctx, await completePasskeySignIn(ctx, request, session, request.body));
        return { userId: session.userId };
      },
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { auditFrom, recordAudit } from '../../platform/audit/record-audit.js';
import { beginSignIn, completeSignIn, findProvider, redirectUri, type OidcFlowState } from './oidc.service.js';
import { startSession } from './auth.service.js';
import { setSessionCookie } from './auth.routes.js';
import { loginPageWithError, safeReturnTo } from './return-to.js';
import { AUDIT_PURPOSES, ZSignInProvider } from '@sagsgang/contracts';

const FLOW_COOKIE = 'sagsgang_oidc';
const FLOW_MINUTES = 10;

const ZProviderParams = z.strictObject({ id: z.string().min(1).max(64) });

export function oidcRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  // Lax, not Strict: the callback is a top-level navigation coming back from the provider's site.
  const flowCookie = {
    path: '/auth/oidc',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.secureCookies,
    signed: true,
  };

  return async (app) => {
    app.get(
      '/auth/oidc/:id/start',
      {
        schema: {
          tags: ['auth'],
          summary: 'Start OpenID Connect sign-in (authorization code with PKCE)',
          // A browser's top-level navigation answered with a redirect, not a call for an API client.
          hide: true,
          params: ZProviderParams,
          querystring: z.object({ returnTo: z.string().max(2000).optional() }),
        },
        config: { openapi: { responses: { 303: { description: "On to the identity provider's sign-in" } } } },
      },
      async (request, reply) => {
        const provider = findProvider(ctx, request.params.id);
        const { url, flow } = await beginSignIn(ctx, provider, safeReturnTo(request.query.returnTo));
        reply.setCookie(FLOW_COOKIE, JSON.stringify(flow), { ...flowCookie, maxAge: FLOW_MINUTES * 60 });
        return reply.redirect(url, 303);
      },
    );

    app.get(
      '/auth/oidc/:id/callback',
      {
        schema: {
          tags: ['auth'],
          summary: 'Where the identity provider sends the browser back',
          // A browser's top-level navigation answered with a redirect, not a call for an API client.
          hide: true,
          params: ZProviderParams,
        },
        config: {
          openapi: {
            responses: {
              303: { description: 'Signed in: on to `returnTo`; or back to the sign-in page with the reason' },
            },
          },
        },
      },
      async (request, reply) => {
        const provider = findProvider(ctx, request.params.id);
        const raw = request.cookies[FLOW_COOKIE];
        const unsigned = raw ? request.unsignCookie(raw) : undefined;
        reply.clearCookie(FLOW_COOKIE, flowCookie);
        const flow = unsigned?.valid && unsigned.value ? (JSON.parse(unsigned.value) as OidcFlowState) : undefined;
        if (!flow || flow.providerId !== provider.id) return reply.redirect(loginPageWithError('oidc'), 303);

        // The URL the provider redirected to, rebuilt on our public address so the redirect_uri check matches.
        const callbackUrl = new URL(request.url, redirectUri(ctx, provider));
        let outcome;
        try {
          outcome = await completeSignIn(ctx, provider, flow, callbackUrl);
        } catch (err) {
          if (err instanceof AppError) throw err;
          request.log.info({ provider: provider.id, reason: (err as Error).message }, 'OIDC sign-in did not complete');
          return reply.redirect(loginPageWithError('oidc', flow.returnTo), 303);
        }
        const auditRefusal = (reason: string) =>
          recordAudit(ctx.database.db, {
            ...auditFrom(request),
            actorUserId: null,
            action: 'sign_in_failed',
            entityType: 'user_session',
            purpose: AUDIT_PURPOSES.signIn,
            details: { method: `oidc:${provider.id}`, reason },
          });
        if (outcome.kind === 'no-second-factor') {
          await auditRefusal('no_second_factor');
          return reply.redirect(loginPageWithError('oidc_mfa', flow.returnTo), 303);
        }
        if (outcome.kind === 'refused') {
          await auditRefusal('not_linked_or_inactive');
          throw new AppError(
            'forbidden',
            `Your ${provider.label} account is not linked to an active user in Sagsgang. Ask an administrator to give you access.`,
          );
        }
        setSessionCookie(
          reply,
          ctx,
          await startSession(ctx, request, { userId: outcome.userId, authMethod: `oidc:${provider.id}` }),
        );
        return reply.redirect(safeReturnTo(flow.returnTo), 303);
      },
    );

    app.get(
      '/api/auth/providers',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign-in providers for the sign-in page',
          security: [],
          response: { 200: z.array(ZSignInProvider) },
        },
      },
      async () =>
        ctx.config.oidc.map((p) => ({
          id: p.id,
          label: p.label,
          audience: p.audience,
          startUrl: `/auth/oidc/${encodeURIComponent(p.id)}/start`,
        })),
    );
  };
}

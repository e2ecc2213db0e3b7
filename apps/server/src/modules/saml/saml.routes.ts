import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUDIT_PURPOSES } from '@sagsgang/contracts';
import type { AppContext } from '../../platform/context.js';
import type { SamlProviderConfig } from '../../platform/config.js';
import { html } from '../../platform/html/html.js';
import { auditFrom, recordAudit } from '../../platform/audit/record-audit.js';
import { hashSessionToken } from '../../platform/auth/session-store.js';
import { sessionCookieName, sessionCookieOptions, rotateCsrfSecret } from '../../platform/auth/auth-plugin.js';
import { endSession, safeReturnTo, setSessionCookie, startSession } from '../auth/index.js';
import { pageContext, renderLayout } from '../portal/index.js';
import { findSamlProvider, REQUEST_MINUTES, samlClients, spKeysOf, spUrls } from './saml-client.js';
import { spMetadata } from './saml-metadata.js';
import { SamlRefused } from './saml-response.js';
import { beginSamlSignIn, completeSamlSignIn } from './saml.service.js';
import { endSamlSession, samlLogoutRequestUrl } from './saml-logout.js';
import { samlRepository as repo } from './saml.repository.js';
import { samlProfileRoutes } from './saml-profile.routes.js';
import { businessAuthMethod } from './business-access.js';

const ZProviderParams = z.strictObject({ id: z.string().min(1).max(64) });
const ZAcsForm = z.object({
  SAMLResponse: z.string().min(1).max(400_000),
  RelayState: z.string().max(2000).optional(),
});
const ZSloQuery = z.object({
  SAMLRequest: z.string().max(100_000).optional(),
  SAMLResponse: z.string().max(100_000).optional(),
  RelayState: z.string().max(2000).optional(),
  SigAlg: z.string().max(200).optional(),
  Signature: z.string().max(2000).optional(),
});

const SIGNED_OUT = '/login?signedOut=1';

function refusalPage(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, reason: string, startUrl: string) {
  const page = pageContext(request, reply, ctx.config);
  const title = page.t('saml:refusedTitle');
  const body = html`<div class="row"><div class="col-12 col-lg-8">
<h1>${title}</h1>
<div class="alert alert-error" role="alert"><div class="alert-body"><p class="alert-text">${page.t(`saml:reason_${reason}`)}</p></div></div>
<p>${page.t('saml:refusedHelp')}</p>
<p><a class="function-link" href="${startUrl}">${page.t('saml:tryAgain')}</a></p>
</div></div>`;
  return reply
    .status(reason === 'malformed' ? 400 : 403)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(renderLayout(page, { title, body }));
}

const REQUEST_COOKIE = 'sagsgang_saml';

/**
 * The request id the browser carries from start to ACS. The provider posts the response from its own site, so over
 * https the cookie must be SameSite=None to come along; it is signed, http-only, on /auth/saml only, ten minutes.
 */
function requestCookie(ctx: AppContext) {
  return {
    path: '/auth/saml',
    httpOnly: true,
    signed: true,
    secure: ctx.config.secureCookies,
    sameSite: ctx.config.secureCookies ? ('none' as const) : ('lax' as const),
  };
}

async function completeAndStartSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  provider: SamlProviderConfig,
  samlResponse: string,
): Promise<void> {
  const raw = request.cookies[REQUEST_COOKIE];
  const carried = raw ? request.unsignCookie(raw) : undefined;
  reply.clearCookie(REQUEST_COOKIE, requestCookie(ctx));
  const browserRequestId = carried?.valid && carried.value ? carried.value : undefined;
  const signIn = await completeSamlSignIn(ctx, provider, samlResponse, browserRequestId);
  const method = `saml:${provider.id}`;
  const session = await startSession(ctx, request, {
    userId: signIn.userId,
    authMethod: signIn.actingUserId ? businessAuthMethod(method) : method,
  });
  await repo.insertSession(ctx.database.db, {
    token_hash: hashSessionToken(session.token),
    provider_id: provider.id,
    name_id: signIn.nameId,
    name_id_format: signIn.nameIdFormat,
    session_index: signIn.sessionIndex,
    assurance_level: signIn.assurance,
    acting_user_id: signIn.actingUserId,
    cvr: signIn.cvr,
  });
  if (signIn.actingUserId)
    await recordAudit(ctx.database.db, {
      ...auditFrom(request),
      actorUserId: signIn.actingUserId,
      action: 'sign_in',
      subjectUserId: signIn.userId,
      entityType: 'user_session',
      purpose: AUDIT_PURPOSES.signIn,
      details: { method, actingFor: signIn.cvr, assurance: signIn.assurance },
    });
  setSessionCookie(reply, ctx, session);
}

export function samlRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(samlProfileRoutes(ctx));
    app.get(
      '/auth/saml/:id/metadata',
      {
        schema: { tags: ['auth'], summary: 'Our SAML service provider metadata', hide: true, params: ZProviderParams },
      },
      async (request, reply) => {
        const provider = findSamlProvider(ctx, request.params.id);
        const urls = spUrls(ctx, provider);
        const xml = spMetadata({
          entityId: provider.entityId,
          acsUrl: urls.acs,
          sloUrl: urls.slo,
          certificates: spKeysOf(provider).map((k) => k.certificate),
        });
        return reply.type('application/samlmetadata+xml; charset=utf-8').send(xml);
      },
    );

    app.get(
      '/auth/saml/:id/start',
      {
        schema: {
          tags: ['auth'],
          summary: 'Start SAML sign-in: a signed AuthnRequest over the HTTP-Redirect binding',
          hide: true,
          params: ZProviderParams,
          querystring: z.object({ returnTo: z.string().max(2000).optional() }),
        },
      },
      async (request, reply) => {
        const provider = findSamlProvider(ctx, request.params.id);
        const { url, requestId } = await beginSamlSignIn(ctx, provider, safeReturnTo(request.query.returnTo));
        reply.setCookie(REQUEST_COOKIE, requestId, { ...requestCookie(ctx), maxAge: REQUEST_MINUTES * 60 });
        return reply.redirect(url, 303);
      },
    );

    app.post(
      '/auth/saml/:id/acs',
      {
        schema: {
          tags: ['auth'],
          summary: "The assertion consumer: the provider's response over the HTTP-POST binding",
          hide: true,
          params: ZProviderParams,
          body: ZAcsForm,
        },
        // Posted by the provider's page, cross-site: the response's signature and InResponseTo protect it.
        config: { csrf: false },
      },
      async (request, reply) => {
        const provider = findSamlProvider(ctx, request.params.id);
        const returnTo = safeReturnTo(request.body.RelayState);
        try {
          await completeAndStartSession(ctx, request, reply, provider, request.body.SAMLResponse);
        } catch (err) {
          if (!(err instanceof SamlRefused)) throw err;
          // The reason and node-saml's message only: never the response, which holds personal data.
          request.log.info({ provider: provider.id, reason: err.reason }, 'SAML sign-in refused');
          await recordAudit(ctx.database.db, {
            ...auditFrom(request),
            actorUserId: null,
            action: 'sign_in_failed',
            entityType: 'user_session',
            purpose: AUDIT_PURPOSES.signIn,
            details: { method: `saml:${provider.id}`, reason: err.reason },
          });
          const start = `/auth/saml/${encodeURIComponent(provider.id)}/start?returnTo=${encodeURIComponent(returnTo)}`;
          return refusalPage(ctx, request, reply, err.reason, start);
        }
        return reply.redirect(returnTo, 303);
      },
    );

    app.post(
      '/auth/saml/logout',
      {
        schema: { tags: ['auth'], summary: 'Sign out, and out at the SAML provider (single logout)', hide: true },
      },
      async (request, reply) => {
        const saml = request.authSession
          ? await repo.sessionOf(ctx.database.db, request.authSession.tokenHash)
          : undefined;
        await endSession(ctx, request);
        reply.clearCookie(sessionCookieName(ctx), sessionCookieOptions(ctx));
        rotateCsrfSecret(ctx, reply);
        const provider = saml && ctx.config.saml.find((p) => p.id === saml.provider_id);
        if (!saml || !provider) return reply.redirect(SIGNED_OUT, 303);
        const next = await samlLogoutRequestUrl(ctx, provider, saml, SIGNED_OUT);
        // A page, not a redirect: the form's page allows form posts only to this site (CSP form-action), and a
        // redirect of the post to the provider would be blocked. The refresh and the link are plain navigations.
        const page = pageContext(request, reply, ctx.config);
        const title = page.t('saml:signingOutTitle');
        const body = html`<meta http-equiv="refresh" content="0;url=${next}">
<div class="row"><div class="col-12 col-lg-8"><h1>${title}</h1>
<p>${page.t('saml:signingOutHelp', { provider: provider.label })}</p>
<p><a class="button button-primary" href="${next}">${page.t('saml:signingOutContinue', { provider: provider.label })}</a></p>
</div></div>`;
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(renderLayout(page, { title, body }));
      },
    );

    app.get(
      '/auth/saml/:id/slo',
      {
        schema: {
          tags: ['auth'],
          summary: 'Single logout over the HTTP-Redirect binding: the provider answers ours, or asks us to sign out',
          hide: true,
          params: ZProviderParams,
          querystring: ZSloQuery,
        },
      },
      async (request, reply) => {
        const provider = findSamlProvider(ctx, request.params.id);
        const rawQuery = request.url.slice(request.url.indexOf('?') + 1);
        const { clients } = await samlClients(ctx, provider);
        // node-saml accepts an unsigned Redirect message; we do not: anyone could sign a person out with one.
        if (!request.query.Signature || !request.query.SigAlg) {
          request.log.info({ provider: provider.id }, 'unsigned SAML logout message refused');
          return refusalPage(ctx, request, reply, 'signature', SIGNED_OUT);
        }
        let result;
        try {
          result = await clients[0]!.validateRedirectAsync(request.query, rawQuery);
        } catch (err) {
          request.log.info({ provider: provider.id, reason: (err as Error).message }, 'SAML logout message refused');
          return refusalPage(ctx, request, reply, 'signature', SIGNED_OUT);
        }
        if (result.loggedOut && !request.query.SAMLRequest) return reply.redirect(SIGNED_OUT, 303);
        // The provider asks us to end the person's sessions (they signed out elsewhere): end them, answer signed.
        const profile = result.profile;
        if (!profile) return reply.redirect(SIGNED_OUT, 303);
        await endSamlSession(ctx, request, provider, profile);
        const url = await clients[0]!.getLogoutResponseUrlAsync(profile, request.query.RelayState ?? '', {}, true);
        return reply.redirect(url, 303);
      },
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { html } from '../../platform/html/html.js';
import { pageContext, renderLayout } from '../portal/index.js';
import { samlRepository as repo } from './saml.repository.js';

export const PROFILE_PATH = '/mit-login';

/**
 * What the signed-in person's SAML sign-in says about them: name, CPR number (masked: birth date only), the NSIS
 * level, and the business they act for. The person is the one who acted, also when the session is a business's.
 */
export function samlProfileRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      PROFILE_PATH,
      { schema: { tags: ['auth'], summary: 'The signed-in person’s SAML sign-in, CPR number masked', hide: true } },
      async (request, reply) => {
        if (!request.principal) return reply.redirect(`/login?returnTo=${encodeURIComponent(PROFILE_PATH)}`, 303);
        const page = pageContext(request, reply, ctx.config);
        const { t } = page;
        const db = ctx.database.db;
        const saml = request.authSession ? await repo.sessionOf(db, request.authSession.tokenHash) : undefined;
        const title = t('saml:profileTitle');
        let content;
        if (!saml) content = html`<p>${t('saml:profileNotSaml')}</p>`;
        else {
          const personId = saml.acting_user_id ?? request.principal.userId;
          const [person, masked] = await Promise.all([
            repo.displayNameOf(db, personId),
            repo.maskedCprOf(db, personId),
          ]);
          const provider = ctx.config.saml.find((p) => p.id === saml.provider_id)?.label ?? saml.provider_id;
          content = html`${
            saml.cvr ? html`<p>${t('saml:actingFor', { name: request.principal.displayName, cvr: saml.cvr })}</p>` : ''
          }
<dl>
  <dt>${t('saml:profileName')}</dt><dd>${person}</dd>
  ${masked ? html`<dt>${t('saml:profileCpr')}</dt><dd>${masked}</dd>` : ''}
  <dt>${t('saml:profileAssurance')}</dt><dd>${t(`saml:level_${saml.assurance_level}`)}</dd>
  <dt>${t('saml:profileProvider')}</dt><dd>${provider}</dd>
</dl>`;
        }
        const body = html`<div class="row"><div class="col-12 col-lg-8"><h1>${title}</h1>${content}</div></div>`;
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(renderLayout(page, { title, body }));
      },
    );
  };
}

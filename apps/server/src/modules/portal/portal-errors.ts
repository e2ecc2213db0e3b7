import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../platform/html/html.js';
import { HTTP_STATUS } from '../../platform/errors.js';
import { toAppError } from '../../platform/http/error-handler.js';
import { denialRecorder } from '../../platform/audit/audit-denials.js';
import { isDeniedMarker } from '../../platform/audit/record-audit.js';
import type { AppContext } from '../../platform/context.js';
import { renderLayout } from './portal-layout.js';
import { pageContext } from './portal-page.js';

function wantsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/**
 * For the applicant pages: a browser gets the error as a portal page with the same status (a 404 for someone
 * else's case looks exactly like a missing one, and the attempt is audited); other clients get the JSON error
 * from the app's handler.
 */
export function registerPortalErrorPages(app: FastifyInstance, ctx: AppContext): void {
  const recordDenial = denialRecorder(ctx.database.db);
  app.setErrorHandler(async (err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    if (!wantsHtml(request)) throw err;
    const appError = toAppError(err);
    const status = HTTP_STATUS[appError.code];
    if (status >= 500) request.log.error({ err }, 'request failed');
    if (isDeniedMarker(appError.details) || (appError.code === 'forbidden' && request.principal)) {
      await recordDenial(request, appError).catch((e: unknown) =>
        request.log.error({ err: e }, 'could not audit a denial'),
      );
    }
    if (appError.code === 'unauthenticated')
      return reply.redirect(`/login?returnTo=${encodeURIComponent(request.url)}`, 303);
    const page = pageContext(request, reply, ctx.config);
    const heading = page.t(`myCases:error_${appError.code}`);
    const detail = appError.code === 'validation' ? appError.message : page.t('myCases:errorHelp');
    const body = html`<div class="row"><div class="col-12 col-lg-8"><h1>${heading}</h1><p>${detail}</p>
<p><a class="function-link" href="/mine-sager">${page.t('myCases:backToMyCases')}</a></p></div></div>`;
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderLayout(page, { title: heading, body }));
  });
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { registerPortalAssets } from './portal-assets.js';
import { renderLayout, type LayoutInput } from './portal-layout.js';
import { pageContext, safeLocalPath, type PageContext } from './portal-page.js';
import { applyEntries, myCaseEntries } from './portal-entries.js';
import { frontPage } from './pages/front-page.js';
import { loginPage } from './pages/login-page.js';
import { accessibilityPage } from './pages/accessibility-page.js';
import { myCasesPage } from './pages/my-cases-page.js';
import { passwordSetupPage } from './pages/password-setup-page.js';
import { findSetupTarget, PASSWORD_SETUP_PATH } from '../auth/index.js';
import { calibrationPage } from './pages/calibration-page.js';
import { getCaseTypeCalibration } from '../cases/index.js';
import { lt } from './apply-components.js';

function send(reply: FastifyReply, page: PageContext, input: LayoutInput): FastifyReply {
  // Every page shows who is signed in and carries a CSRF token: never cached, never shared.
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('vary', 'cookie, accept-language')
    .send(renderLayout(page, input));
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The citizen portal's server-rendered pages and the DKFDS assets they use. */
/** A whole number of minutes from the address, at most a day; anything else is left out. */
function minutesParam(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  return n >= 1 && n <= 24 * 60 ? n : undefined;
}

export function portalRoutes(ctx: AppContext) {
  return async (app: FastifyInstance): Promise<void> => {
    await registerPortalAssets(app);
    const hide = { schema: { hide: true } };
    const db = ctx.database.db;

    app.get('/', hide, async (request, reply) => {
      const page = pageContext(request, reply, ctx.config);
      const entries = await applyEntries(db, page.locale);
      return send(reply, page, { title: page.t('portal:navHome'), section: 'home', body: frontPage(page, entries) });
    });

    app.get('/login', hide, async (request, reply) => {
      const page = pageContext(request, reply, ctx.config);
      const q = request.query as Record<string, unknown>;
      const body = loginPage(page, {
        error: str(q.error),
        username: str(q.username)?.slice(0, 200),
        returnTo: safeLocalPath(q.returnTo, '/'),
        signedOut: q.signedOut !== undefined,
        passwordSet: q.passwordSet !== undefined,
        retryMinutes: minutesParam(q.retryMinutes),
      });
      if (str(q.error)) reply.status(200);
      return send(reply, page, { title: page.t('portal:loginTitle'), body });
    });

    app.get(PASSWORD_SETUP_PATH, hide, async (request, reply) => {
      const page = pageContext(request, reply, ctx.config);
      const q = request.query as Record<string, unknown>;
      const token = str(q.token)?.slice(0, 200) ?? '';
      const target = token ? await findSetupTarget(db, token) : undefined;
      const body = passwordSetupPage(page, {
        token,
        username: target ? (target.username ?? '') : undefined,
        error: str(q.error),
      });
      // The token is in this page's address: it must not travel on in a Referer header.
      reply.header('referrer-policy', 'no-referrer');
      return send(reply, page, { title: page.t('portal:passwordSetupTitle'), body });
    });

    app.get('/tilgaengelighed', hide, async (request, reply) => {
      const page = pageContext(request, reply, ctx.config);
      return send(reply, page, { title: page.t('portal:a11yTitle'), body: accessibilityPage(page) });
    });

    // Public, no sign-in: how often the expected-decision promise held for a case type (linked from the case page).
    app.get<{ Params: { code: string } }>('/forventet-tid/:code', hide, async (request, reply) => {
      const page = pageContext(request, reply, ctx.config);
      const calibration = await getCaseTypeCalibration(db, { code: request.params.code }, new Date());
      const caseType = lt(calibration.caseTypeName, page.locale);
      return send(reply, page, {
        title: page.t('calibration:title', { caseType }),
        body: calibrationPage(page, calibration),
      });
    });

    app.get('/mine-sager', hide, async (request, reply) => {
      const page = pageContext(request, reply, ctx.config);
      if (!page.principal) return reply.redirect(`/login?returnTo=${encodeURIComponent('/mine-sager')}`, 303);
      const cases =
        page.principal.kind === 'applicant' ? await myCaseEntries(db, page.principal, page.locale) : undefined;
      return send(reply, page, {
        title: page.t('portal:myCasesTitle'),
        section: 'my-cases',
        body: myCasesPage(page, cases),
      });
    });
  };
}

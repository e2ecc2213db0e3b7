import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import csrfProtection from '@fastify/csrf-protection';
import type { AppContext } from '../context.js';
import { isFormPost } from '../http/form-post.js';
import type { Principal } from './principal.js';
import { principalOf } from './principal-loader.js';
import { SESSION_COOKIE, findSessionWithUser, type SessionPolicy, type SessionRecord } from './session-store.js';

export const CSRF_COOKIE = 'sagsgang_csrf';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, or undefined. Set for every request before any route runs. */
    principal?: Principal;
    /** The cookie session behind `principal` (active unit, how they signed in). */
    authSession?: SessionRecord;
    /**
     * A CSRF token for the current visitor. Server-rendered pages put it in every form that changes something as
     * `<input type="hidden" name="_csrf" value="${request.csrfToken()}">`; scripts send it in the `x-csrf-token`
     * header (the React app gets it from `GET /api/auth/csrf`). The first call sets the secret cookie.
     */
    csrfToken(): string;
  }
  interface FastifyContextConfig {
    /** false: this route checks the request's authenticity itself (e.g. an OIDC callback protected by `state`). */
    csrf?: boolean;
  }
}

export function sessionPolicy(ctx: AppContext): SessionPolicy {
  return { idleMinutes: ctx.config.sessionTtlMinutes, maxMinutes: ctx.config.sessionMaxMinutes };
}

export function sessionCookieOptions(ctx: AppContext) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.secureCookies };
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Which requests need a CSRF token: every state-changing request that carries our session cookie, and every form
 * post even without one (a forged sign-in form would sign the victim in as the attacker). A JSON request without
 * the cookie cannot act as anyone, and browsers cannot send JSON cross-site without a CORS preflight we never grant.
 */
function needsCsrf(request: FastifyRequest): boolean {
  if (!UNSAFE_METHODS.has(request.method)) return false;
  if (request.routeOptions.config?.csrf === false) return false;
  return request.cookies[SESSION_COOKIE] !== undefined || isFormPost(request);
}

function csrfTokenFrom(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as { _csrf?: unknown } | undefined;
  if (body && typeof body === 'object' && typeof body._csrf === 'string') return body._csrf;
  // Multipart bodies are streamed and not parsed yet; a form without scripts can put the token in its action URL.
  const query = request.query as { _csrf?: unknown } | undefined;
  if (request.headers['content-type']?.startsWith('multipart/form-data') && typeof query?._csrf === 'string')
    return query._csrf;
  return undefined;
}

async function attachPrincipal(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  request.csrfToken = () => reply.generateCsrf();
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return;
  const found = await findSessionWithUser(ctx.database.db, token, sessionPolicy(ctx));
  if (!found) {
    // Expired or revoked: drop the cookie so the browser stops sending it.
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(ctx));
    return;
  }
  request.authSession = found.session;
  // Half signed in (password right, second factor owed): no principal, so every guarded route answers 401.
  if (found.session.mfaPending) return;
  request.principal = await principalOf(ctx.database.db, found.user, found.grants, found.units);
}

/**
 * Cookies, form bodies, CSRF protection and the session -> principal hook. Registered on the root
 * instance before any module, so every route sees `request.principal`.
 */
export async function registerAuthPlatform(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(cookie, { secret: ctx.config.sessionSecret });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(csrfProtection, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { ...sessionCookieOptions(ctx), signed: true },
    getToken: (request) => csrfTokenFrom(request) as string,
  });
  app.decorateRequest('principal', undefined);
  app.decorateRequest('authSession', undefined);
  app.decorateRequest('csrfToken', function (): string {
    throw new Error('csrfToken() is available once the request hooks have run');
  });
  app.addHook('onRequest', async (request, reply) => attachPrincipal(ctx, request, reply));
  app.addHook('preValidation', (request, reply, done) => {
    if (!needsCsrf(request)) return done();
    app.csrfProtection(request, reply, done);
  });
}

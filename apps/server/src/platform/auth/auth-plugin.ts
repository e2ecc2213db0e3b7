import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import csrfProtection from '@fastify/csrf-protection';
import type { AppConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { isFormPost } from '../http/form-post.js';
import type { Principal } from './principal.js';
import { principalOf } from './principal-loader.js';
import { SESSION_COOKIE, findSessionWithUser, type SessionPolicy, type SessionRecord } from './session-store.js';

export const CSRF_COOKIE = 'sagsgang_csrf';

/**
 * `__Host-` whenever people reach us over https: the browser then keeps the cookie only if it is Secure, has Path=/
 * and no Domain, so no sibling host (or a page over plain http) can set or shadow it. Empty over http, where the
 * browser would refuse a prefixed cookie that is not Secure.
 */
export function cookiePrefix(config: Pick<AppConfig, 'publicUrl'>): string {
  return config.publicUrl.startsWith('https:') ? '__Host-' : '';
}

/** The session cookie's name for this configuration (with `__Host-` over https). */
export function sessionCookieName(ctx: AppContext): string {
  return cookiePrefix(ctx.config) + SESSION_COOKIE;
}

/** The CSRF secret cookie's name for this configuration (with `__Host-` over https). */
export function csrfCookieName(ctx: AppContext): string {
  return cookiePrefix(ctx.config) + CSRF_COOKIE;
}

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
    /**
     * A multipart form without an `x-csrf-token` header: its token is the form's first field, read by the form
     * reader (platform/files/form-upload.ts) before any file part is accepted. Set by the CSRF hook.
     */
    csrfInForm?: boolean;
  }
  interface FastifyContextConfig {
    /** false: this route checks the request's authenticity itself (e.g. an OIDC callback protected by `state`). */
    csrf?: boolean;
    /**
     * true: a multipart form without the header may carry its CSRF token as its first field, checked by the form
     * reader (platform/files/form-upload.ts) before any file part. Only for routes that read their body through it;
     * on every other route a multipart body without the header is refused like any write without a token.
     */
    csrfInFormField?: boolean;
  }
}

export function sessionPolicy(ctx: AppContext): SessionPolicy {
  return { idleMinutes: ctx.config.sessionTtlMinutes, maxMinutes: ctx.config.sessionMaxMinutes };
}

export function sessionCookieOptions(ctx: AppContext) {
  // No `domain`, ever: a `__Host-` cookie with one is dropped by the browser.
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.secureCookies || cookiePrefix(ctx.config) !== '',
  };
}

/**
 * A new CSRF secret, at sign-in and at sign-out: a token handed out before (perhaps planted by someone who knew the
 * old secret's tokens) validates nothing after. The same 18 random bytes the CSRF plugin makes; later
 * `csrfToken()` calls in this request already use the new secret.
 */
export function rotateCsrfSecret(ctx: AppContext, reply: FastifyReply): void {
  const name = csrfCookieName(ctx);
  const secret = crypto.randomBytes(18).toString('base64url');
  reply.setCookie(name, secret, { ...sessionCookieOptions(ctx), signed: true });
  reply.request.cookies[name] = reply.signCookie(secret);
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Which requests need a CSRF token: every state-changing request that carries our session cookie, and every form
 * post even without one (a forged sign-in form would sign the victim in as the attacker). A JSON request without
 * the cookie cannot act as anyone, and browsers cannot send JSON cross-site without a CORS preflight we never grant.
 */
function needsCsrf(request: FastifyRequest, sessionCookie: string): boolean {
  if (!UNSAFE_METHODS.has(request.method)) return false;
  if (request.routeOptions.config?.csrf === false) return false;
  return request.cookies[sessionCookie] !== undefined || isFormPost(request);
}

function csrfTokenFrom(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as { _csrf?: unknown } | undefined;
  if (body && typeof body === 'object' && typeof body._csrf === 'string') return body._csrf;
  // Multipart bodies are streamed: the form reader hands over the first field (never a query string: URLs are logged).
  return formTokens.get(request);
}

const formTokens = new WeakMap<FastifyRequest, string>();

const isMultipart = (request: FastifyRequest) =>
  request.headers['content-type']?.toLowerCase().startsWith('multipart/form-data') === true;

/**
 * Checks the CSRF token a multipart form carried in its first field (`request.csrfInForm`), with the same secret
 * and rules as every other request; a wrong or missing one is the same 403 (reason csrf).
 */
export function checkFormCsrf(request: FastifyRequest, token: string | undefined): Promise<void> {
  if (token !== undefined) formTokens.set(request, token);
  return new Promise((resolve, reject) => {
    // The plugin answers a refusal with reply.send(error); here it becomes the error the form reader throws.
    const reply = { unsignCookie: (value: string) => request.server.unsignCookie(value), send: reject };
    request.server.csrfProtection(request, reply as unknown as FastifyReply, () => {
      request.csrfInForm = false;
      resolve();
    });
  });
}

async function attachPrincipal(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  request.csrfToken = () => reply.generateCsrf();
  const token = request.cookies[sessionCookieName(ctx)];
  if (!token) return;
  const found = await findSessionWithUser(ctx.database.db, token, sessionPolicy(ctx));
  if (!found) {
    // Expired or revoked: drop the cookie so the browser stops sending it.
    reply.clearCookie(sessionCookieName(ctx), sessionCookieOptions(ctx));
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
    cookieKey: csrfCookieName(ctx),
    cookieOpts: { ...sessionCookieOptions(ctx), signed: true },
    getToken: (request) => csrfTokenFrom(request) as string,
  });
  app.decorateRequest('principal', undefined);
  app.decorateRequest('authSession', undefined);
  app.decorateRequest('csrfInForm', false);
  app.decorateRequest('csrfToken', function (): string {
    throw new Error('csrfToken() is available once the request hooks have run');
  });
  const sessionCookie = sessionCookieName(ctx);
  app.addHook('onRequest', async (request, reply) => attachPrincipal(ctx, request, reply));
  app.addHook('preValidation', (request, reply, done) => {
    if (!needsCsrf(request, sessionCookie)) return done();
    const inForm = request.routeOptions.config?.csrfInFormField === true;
    if (inForm && isMultipart(request) && request.headers['x-csrf-token'] === undefined) {
      request.csrfInForm = true;
      return done();
    }
    app.csrfProtection(request, reply, done);
  });
}

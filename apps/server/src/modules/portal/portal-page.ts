import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '@sagsgang/contracts';
import type { AppConfig } from '../../platform/config.js';
import type { Principal } from '../../platform/auth/principal.js';
import { translator, type Translate } from '../../platform/i18n/i18n.js';
import { resolveLocale } from './portal-locale.js';

/** Everything a portal page needs to render, gathered once per request. */
export interface PageContext {
  locale: Locale;
  t: Translate;
  principal?: Principal;
  /** Put in every form that changes something. */
  csrfToken: string;
  /** The address of this page, for language links and `returnTo`. */
  url: URL;
  config: AppConfig;
  /** Where the sign-out form posts: a SAML session signs out at its identity provider too (single logout). */
  signOutAction: string;
}

export function pageContext(request: FastifyRequest, reply: FastifyReply, config: AppConfig): PageContext {
  const locale = resolveLocale(request, reply, config.secureCookies);
  return {
    locale,
    t: translator(locale),
    principal: request.principal,
    csrfToken: request.csrfToken(),
    url: new URL(request.url, 'http://portal.invalid'),
    config,
    signOutAction: request.authSession?.authMethod.startsWith('saml:') ? '/auth/saml/logout' : '/api/auth/logout',
  };
}

/** The current path and query without the language switch: where to come back to after signing in. */
export function returnPath(url: URL): string {
  const next = new URL(url);
  next.searchParams.delete('lang');
  return next.pathname + next.search;
}

/**
 * A path on this site to send the browser to, or `fallback`: nothing that could leave the site (`//host`,
 * `/\host`, absolute URLs, control characters).
 */
export function safeLocalPath(raw: unknown, fallback: string): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  if (!raw.startsWith('/') || raw.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(raw)) return fallback;
  const url = new URL(raw, 'http://portal.invalid');
  return url.origin === 'http://portal.invalid' ? url.pathname + url.search + url.hash : fallback;
}

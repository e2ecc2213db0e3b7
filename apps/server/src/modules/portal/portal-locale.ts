import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, type Locale } from '@sagsgang/contracts';
import { isLocale, localeFromAcceptLanguage } from '../../platform/i18n/i18n.js';

/** The per-browser language choice, shared by the portal and the back office (which reads it from script). */
export const LOCALE_COOKIE = 'sagsgang_lang';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * The page language: an explicit `?lang=` (remembered in a cookie), then the remembered choice, then the signed-in
 * person's own setting, then the browser's Accept-Language, then Danish.
 */
export function resolveLocale(request: FastifyRequest, reply: FastifyReply, secure: boolean): Locale {
  const query = (request.query as { lang?: unknown } | undefined)?.lang;
  if (isLocale(query)) {
    reply.setCookie(LOCALE_COOKIE, query, { path: '/', sameSite: 'lax', secure, maxAge: ONE_YEAR_SECONDS });
    return query;
  }
  const cookie = request.cookies?.[LOCALE_COOKIE];
  if (isLocale(cookie)) return cookie;
  if (request.principal && isLocale(request.principal.locale)) return request.principal.locale;
  return localeFromAcceptLanguage(request.headers['accept-language']) ?? DEFAULT_LOCALE;
}

/** The current address with `lang` set: the language links keep the page and its other parameters. */
export function withLang(url: URL, locale: Locale): string {
  const next = new URL(url);
  next.searchParams.set('lang', locale);
  return next.pathname + next.search;
}

import { LOCALES, type Locale } from '@sagsgang/contracts';
import { html, type HtmlValue, type SafeHtml } from '../../platform/html/html.js';
import { DKFDS_CSS, DKFDS_JS, PORTAL_CSS, PORTAL_ICON, PORTAL_JS } from './portal-assets.js';
import { icon } from './portal-components.js';
import { withLang } from './portal-locale.js';
import { returnPath, type PageContext } from './portal-page.js';

export interface LayoutInput {
  /** The page's own title; the site and authority names are added. */
  title: string;
  body: HtmlValue;
  /** Which main-menu entry is current. */
  section?: 'home' | 'my-cases';
}

// Every language of the catalogue is offered; a case type's own texts fall back to English where Swedish is missing.
const OFFERED: readonly Locale[] = LOCALES;
// Each language is named in itself (the catalogue's text is the same in every locale).
const LANGUAGE_NAME_KEYS: Record<Locale, string> = { da: 'common:danish', en: 'common:english', sv: 'common:swedish' };

function languageSwitcher(page: PageContext): SafeHtml {
  return html`<div class="language-switcher">
  <div class="container">
    <ul aria-label="${page.t('portal:chooseLanguage')}">
      ${OFFERED.map((l) =>
        l === page.locale
          ? html`<li><a href="${withLang(page.url, l)}" lang="${l}" hreflang="${l}" aria-current="true">${icon('check')}${page.t(LANGUAGE_NAME_KEYS[l])}</a></li>`
          : html`<li><a href="${withLang(page.url, l)}" lang="${l}" hreflang="${l}">${page.t(LANGUAGE_NAME_KEYS[l])}</a></li>`,
      )}
    </ul>
  </div>
</div>`;
}

function userArea(page: PageContext): SafeHtml {
  const { t, principal } = page;
  if (!principal) {
    const login = `/login?returnTo=${encodeURIComponent(returnPath(page.url))}`;
    return html`<p><a class="function-link" href="${page.url.pathname === '/login' ? '/login' : login}">${icon('lock')}${t('portal:signIn')}</a></p>`;
  }
  return html`<p class="portal-user-name">${t('portal:signedInAs', { name: principal.displayName })}</p>
<form class="inline-form" method="post" action="${page.signOutAction}">
  <input type="hidden" name="_csrf" value="${page.csrfToken}">
  <input type="hidden" name="returnTo" value="/login?signedOut=1">
  <button type="submit" class="function-link">${icon('lock')}${t('portal:signOut')}</button>
</form>`;
}

function navigation(page: PageContext, section: LayoutInput['section']): SafeHtml {
  const { t, principal } = page;
  const items: { href: string; text: string; id: LayoutInput['section'] }[] = [
    { href: '/', text: t('portal:navHome'), id: 'home' },
    { href: '/mine-sager', text: t('portal:navMyCases'), id: 'my-cases' },
  ];
  if (principal?.kind === 'staff') items.push({ href: '/app/', text: t('portal:navBackOffice'), id: undefined });
  return html`<div class="navigation-menu">
  <div class="navigation-menu-inner container">
    <nav class="nav" aria-label="${t('portal:mainMenu')}">
      <ul class="mainmenu">
        ${items.map((i) =>
          i.id && i.id === section
            ? html`<li class="active current"><a href="${i.href}" class="nav-link" aria-current="page"><span>${i.text}</span></a></li>`
            : html`<li><a href="${i.href}" class="nav-link"><span>${i.text}</span></a></li>`,
        )}
      </ul>
    </nav>
  </div>
</div>`;
}

function footer(page: PageContext): SafeHtml {
  const { t, config } = page;
  const authority = config.authorityName;
  const c = config.authorityContact;
  return html`<footer>
  <div class="footer">
    <div class="container">
      <div class="row">
        <div class="col-12 col-md-6 footer-col">
          <section aria-labelledby="footer-contact">
            <h2 class="h5" id="footer-contact">${t('portal:footerContactHeading', { authority })}</h2>
            <p>${t('portal:footerContactText')}</p>
            <ul class="unstyled-list">
              ${c.email ? html`<li>${t('portal:footerEmail')}: <a class="function-link" href="mailto:${c.email}">${c.email}</a></li>` : null}
              ${c.phone ? html`<li>${t('portal:footerPhone')}: <a class="function-link" href="tel:${c.phone.replace(/\s/g, '')}">${c.phone}</a></li>` : null}
              ${c.address ? html`<li>${t('portal:footerAddress')}: ${c.address}</li>` : null}
            </ul>
          </section>
        </div>
        <div class="col-12 col-md-6 footer-col">
          <section aria-labelledby="footer-about">
            <h2 class="h5" id="footer-about">${t('portal:footerAboutHeading')}</h2>
            <p>${t('portal:footerAboutText', { authority })}</p>
          </section>
        </div>
      </div>
      <ul class="mt-4 align-text-left unstyled-list inline-list">
        <li><a class="function-link" href="/tilgaengelighed">${t('common:accessibilityStatement')}</a></li>
        <li><a class="function-link" href="/api/docs">${t('common:apiDocs')}</a></li>
      </ul>
    </div>
  </div>
</footer>`;
}

/** The whole page: DKFDS frame with skip link, language switch, header, main menu, main and footer. */
export function renderLayout(page: PageContext, input: LayoutInput): string {
  const { t, config } = page;
  return html`<!doctype html>
<html lang="${page.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} – ${t('portal:siteName')} – ${config.authorityName}</title>
<link rel="icon" href="${PORTAL_ICON}" type="image/svg+xml">
<link rel="stylesheet" href="${DKFDS_CSS}">
<link rel="stylesheet" href="${PORTAL_CSS}">
<script src="${DKFDS_JS}" defer></script>
<script src="${PORTAL_JS}" defer></script>
</head>
<body>
<a class="skipnav" href="#main-content">${t('common:skipToContent')}</a>
${languageSwitcher(page)}
<header class="header">
  <div class="solution-info">
    <div class="solution-info-inner container">
      <div class="solution-heading">
        <a href="/" aria-label="${t('portal:homeLink', { authority: config.authorityName })}">${config.authorityName}</a>
      </div>
      <div class="additional-info">${userArea(page)}</div>
    </div>
  </div>
  ${navigation(page, input.section)}
</header>
<main id="main-content" class="container page-container" tabindex="-1">
${input.body}
</main>
${footer(page)}
</body>
</html>
`.toString();
}

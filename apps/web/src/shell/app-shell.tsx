import { useState, type ReactNode } from 'react';
import { authApi } from '../api/auth-api.js';
import { useT } from '../i18n/i18n.js';
import { Link, useLocation } from '../router/router.js';
import { useSession } from '../session/session.js';
import { LanguageSwitch } from './language-switch.js';
import { UnitSwitcher } from './unit-switcher.js';

function authorityName(units: { kind: string; nameDa: string; nameEn: string }[], locale: string): string | undefined {
  const root = units.find((u) => u.kind === 'authority');
  return root && (locale === 'da' ? root.nameDa : root.nameEn);
}

function SignOutButton() {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    try {
      await authApi.logout();
    } finally {
      window.location.assign('/login?signedOut=1');
    }
  };
  return (
    <button type="button" className="function-link" onClick={() => void signOut()} disabled={busy}>
      {t('common:signOut')}
    </button>
  );
}

function NavItem(props: { href: string; children: ReactNode; external?: boolean }) {
  const here = useLocation().pathname === props.href;
  const inner = <span>{props.children}</span>;
  return (
    <li className={here ? 'active current' : undefined}>
      {props.external ? (
        <a href={props.href} className="nav-link">
          {inner}
        </a>
      ) : (
        <Link href={props.href} className="nav-link" aria-current={here ? 'page' : undefined}>
          {inner}
        </Link>
      )}
    </li>
  );
}

/** The DKFDS frame of every back-office page: skip link, header with unit, language and sign-out, main, footer. */
export function AppShell(props: { children: ReactNode }) {
  const { me } = useSession();
  const { t, locale } = useT();
  const [message, setMessage] = useState('');
  const authority = authorityName(me.units, locale);
  return (
    <>
      <a className="skipnav" href="#main-content">
        {t('common:skipToContent')}
      </a>
      <header className="header">
        <div className="solution-info">
          <div className="solution-info-inner container">
            <div className="solution-heading">
              <Link href="/app/" aria-label={t('homeLink')}>
                {t('name')}
              </Link>
            </div>
            <div className="additional-info">
              {authority && (
                <p>
                  <strong className="authority-name">{authority}</strong>
                </p>
              )}
              <p>{t('signedInAs', { name: me.user.displayName })}</p>
            </div>
          </div>
        </div>
        <div className="bo-toolbar">
          <div className="container bo-toolbar-inner">
            {me.user.kind === 'staff' && <UnitSwitcher onMessage={setMessage} />}
            <LanguageSwitch onMessage={setMessage} />
            <SignOutButton />
          </div>
        </div>
        <div className="navigation-menu">
          <div className="navigation-menu-inner container">
            <nav className="nav" aria-label={t('mainMenu')}>
              <ul className="mainmenu">
                <NavItem href="/app/">{t('navStart')}</NavItem>
                <NavItem href="/app/citizen-service">{t('contacts:navService')}</NavItem>
                <NavItem href="/" external>
                  {t('navPortal')}
                </NavItem>
              </ul>
            </nav>
          </div>
        </div>
      </header>
      <div className="container">
        <p className="bo-status" role="status">
          {message}
        </p>
      </div>
      <main id="main-content" className="container page-container" tabIndex={-1}>
        {props.children}
      </main>
      <footer>
        <div className="footer">
          <div className="container">
            <ul className="align-text-left unstyled-list inline-list">
              <li>
                <a className="function-link" href="/tilgaengelighed">
                  {t('common:accessibilityStatement')}
                </a>
              </li>
              <li>
                <a className="function-link" href="/api/docs">
                  {t('common:apiDocs')}
                </a>
              </li>
            </ul>
          </div>
        </div>
      </footer>
    </>
  );
}

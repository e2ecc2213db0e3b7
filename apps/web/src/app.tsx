import { Suspense, useCallback } from 'react';
import type { Me } from './api/auth-api.js';
import { applyLocale, cookieLocale, isOffered } from './i18n/i18n.js';
import { matchPath, ParamsProvider, RoutedPathsProvider, useFocusOnNavigate, useLocation } from './router/router.js';
import { ROUTES } from './routes.js';
import { activeRoles, SessionProvider, useSession } from './session/session.js';
import { AppShell } from './shell/app-shell.js';
import { ErrorPage, LoadingPage, NoStaffAccessPage, NotFoundPage } from './pages/status-pages.js';

const ROUTED_PATHS = new Set(ROUTES.map((r) => r.path));

function CurrentPage() {
  const location = useLocation();
  const { me } = useSession();
  useFocusOnNavigate(location.pathname);
  for (const route of ROUTES) {
    const params = matchPath(route.path, location.pathname);
    if (!params) continue;
    const roles = activeRoles(me);
    if (route.roles && !route.roles.some((r) => roles.has(r))) return <NotFoundPage />;
    const Page = route.component;
    return (
      <ParamsProvider value={params}>
        <Page />
      </ParamsProvider>
    );
  }
  return <NotFoundPage />;
}

function SignedIn() {
  const { me } = useSession();
  if (me.user.kind !== 'staff') return <NoStaffAccessPage />;
  return (
    <AppShell>
      <Suspense fallback={<LoadingPage />}>
        <CurrentPage />
      </Suspense>
    </AppShell>
  );
}

export function App() {
  // The browser's remembered choice wins; otherwise the account's own language.
  const onLoaded = useCallback((me: Me) => {
    const locale = cookieLocale() ?? (isOffered(me.user.locale) ? me.user.locale : undefined);
    if (locale) void applyLocale(locale);
  }, []);
  return (
    <RoutedPathsProvider value={ROUTED_PATHS}>
      <SessionProvider
        loading={<LoadingPage />}
        renderError={(error, retry) => <ErrorPage error={error} retry={retry} />}
        onLoaded={onLoaded}
      >
        <SignedIn />
      </SessionProvider>
    </RoutedPathsProvider>
  );
}

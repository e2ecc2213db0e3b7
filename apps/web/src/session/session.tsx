import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { authApi, type Me, type MeUnit } from '../api/auth-api.js';
import { ApiError } from '../api/client.js';

type SessionState = { status: 'loading' } | { status: 'ready'; me: Me } | { status: 'error'; error: Error };

interface SessionValue {
  me: Me;
  /** Reloads the signed-in person (after switching unit or language). */
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** Sends the browser to the one sign-in page, coming back here afterwards. */
export function redirectToLogin(): void {
  const returnTo = window.location.pathname + window.location.search;
  window.location.assign(`/login?returnTo=${encodeURIComponent(returnTo)}`);
}

export function SessionProvider(props: {
  children: ReactNode;
  loading: ReactNode;
  renderError: (error: Error, retry: () => void) => ReactNode;
  onLoaded?: (me: Me) => void;
}) {
  const { onLoaded } = props;
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const load = useCallback(async () => {
    try {
      const me = await authApi.me();
      onLoaded?.(me);
      setState({ status: 'ready', me });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return redirectToLogin();
      setState({ status: 'error', error: err as Error });
    }
  }, [onLoaded]);
  useEffect(() => {
    void load();
  }, [load]);
  if (state.status === 'loading') return <>{props.loading}</>;
  if (state.status === 'error') return <>{props.renderError(state.error, () => void load())}</>;
  return <SessionContext.Provider value={{ me: state.me, refresh: load }}>{props.children}</SessionContext.Provider>;
}

/** The unit's name in the page language. */
export function unitName(unit: Pick<MeUnit, 'nameDa' | 'nameEn'>, locale: string): string {
  return locale === 'da' ? unit.nameDa : unit.nameEn;
}

/** The staff roles that apply now: those on the active unit, or on any unit when none is chosen. */
export function activeRoles(me: Me): Set<string> {
  const units = me.activeUnitId ? me.units.filter((u) => u.id === me.activeUnitId) : me.units;
  return new Set(units.flatMap((u) => u.roles));
}

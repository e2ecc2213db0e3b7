import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';

/**
 * A small History-API router: enough for the back office's flat page list, without a dependency. Paths are
 * absolute (`/app/...`); patterns take `:name` segments.
 */
const NAVIGATE_EVENT = 'sagsgang:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const currentPath = () => window.location.pathname + window.location.search;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export function useLocation(): URL {
  const path = useSyncExternalStore(subscribe, currentPath);
  return useMemo(() => new URL(path, window.location.origin), [path]);
}

export type Params = Record<string, string>;

/** Matches `/app/cases/:id` against a path; undefined when it does not match. */
export function matchPath(pattern: string, path: string): Params | undefined {
  const strip = (p: string) => p.replace(/\/+$/, '') || '/';
  const a = strip(pattern).split('/');
  const b = strip(path).split('/');
  if (a.length !== b.length) return undefined;
  const params: Params = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.startsWith(':')) params[a[i]!.slice(1)] = decodeURIComponent(b[i]!);
    else if (a[i] !== b[i]) return undefined;
  }
  return params;
}

/** The paths that have a page; start pages link only to these (see routes.tsx). */
const RoutedPathsContext = createContext<ReadonlySet<string>>(new Set());
export const RoutedPathsProvider = RoutedPathsContext.Provider;
export const useIsRouted = (): ((path: string) => boolean) => {
  const paths = useContext(RoutedPathsContext);
  return (path) => paths.has(path);
};

const ParamsContext = createContext<Params>({});
export const ParamsProvider = ParamsContext.Provider;
export const useParams = (): Params => useContext(ParamsContext);

function isPlainLeftClick(e: MouseEvent<HTMLAnchorElement>): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey && !e.defaultPrevented;
}

/** A real link (works with new tabs and without the router) that navigates in place on a plain click. */
export function Link({
  href,
  children,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children: ReactNode }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(e);
    if (!isPlainLeftClick(e) || rest.target) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a {...rest} href={href} onClick={onClick}>
      {children}
    </a>
  );
}

/**
 * After each in-app navigation: move focus to the main heading so screen-reader and keyboard users land on the new
 * page, as a full page load would do, and scroll to the top.
 */
export function useFocusOnNavigate(path: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false; // a full page load already starts at the top, with the skip link first
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!heading) return;
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [path]);
}

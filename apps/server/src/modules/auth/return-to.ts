const BASE = 'http://sagsgang.invalid';

/**
 * Where a sign-in form may send the browser afterwards: only a path on this site. Anything that could leave the
 * site (`//evil.example`, `/\evil.example`, `https://…`, control characters) falls back to `fallback`.
 */
export function safeReturnTo(raw: unknown, fallback = '/'): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  // Dot segments can fold into a protocol-relative path: "/.//evil.example" becomes "//evil.example".
  if (url.origin !== BASE || url.pathname.startsWith('//')) return fallback;
  return url.pathname + url.search + url.hash;
}

/** The sign-in page with an error flag, keeping where the person was going. */
export function loginPageWithError(error: string, returnTo?: unknown, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ error, ...extra });
  const target = safeReturnTo(returnTo, '');
  if (target) params.set('returnTo', target);
  return `/login?${params.toString()}`;
}

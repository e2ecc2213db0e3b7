import type { CsrfRefusalDetails, ErrorCode } from '@sagsgang/contracts';
import { i18n } from '../i18n/i18n.js';

/**
 * A small typed client for the Sagsgang API. It sends the CSRF token on every state-changing request and turns
 * the server's error body `{ error: { code, message, details }, requestId }` into an `ApiError` whose message a
 * person can read.
 */
export type ApiErrorCode = ErrorCode | 'network';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: ApiErrorCode,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
  requestId?: string;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: Promise<string> | undefined;

async function fetchCsrfToken(): Promise<string> {
  const res = await fetch('/api/auth/csrf', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!res.ok) throw await toApiError(res);
  return ((await res.json()) as { token: string }).token;
}

/** The CSRF token, fetched once and reused; `refresh` fetches a new one (after sign-in or expiry). */
export function getCsrfToken(refresh = false): Promise<string> {
  if (refresh || !csrfToken) {
    csrfToken = fetchCsrfToken();
    csrfToken.catch(() => (csrfToken = undefined));
  }
  return csrfToken;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: ErrorBody | undefined;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    body = undefined;
  }
  const code = (body?.error?.code as ApiErrorCode | undefined) ?? (res.status >= 500 ? 'internal' : 'validation');
  const message = body?.error?.message ?? `${res.status} ${res.statusText || 'error'}`;
  const withRef = body?.requestId && res.status >= 500 ? `${message} (ref. ${body.requestId})` : message;
  return new ApiError(withRef, res.status, code, body?.error?.details, body?.requestId);
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

async function send(method: string, path: string, options: RequestOptions, token?: string): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A form (files) goes as multipart; the browser writes its content type with the boundary.
  const form = options.body instanceof FormData ? options.body : undefined;
  if (options.body !== undefined && !form) headers['content-type'] = 'application/json';
  if (token) headers['x-csrf-token'] = token;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(i18n.t('backOffice:serverUnreachable'), 0, 'network');
  }
}

/** The server refused the request's CSRF token (missing, expired, or from elsewhere), not the person. */
function isCsrfRefusal(error: ApiError): boolean {
  const details = error.details as Partial<CsrfRefusalDetails> | null | undefined;
  return typeof details === 'object' && details !== null && details.reason === 'csrf';
}

/** Sends one request; a rejected CSRF token is refreshed and the request tried once more. */
export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const unsafe = UNSAFE.has(method);
  let res = await send(method, path, options, unsafe ? await getCsrfToken() : undefined);
  if (unsafe && res.status === 403) {
    const error = await toApiError(res.clone());
    if (isCsrfRefusal(error)) res = await send(method, path, options, await getCsrfToken(true));
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>('GET', path, { signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, { body }),
  /** Posts a form with files as multipart/form-data. */
  postForm: <T>(path: string, form: FormData) => apiRequest<T>('POST', path, { body: form }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>('PATCH', path, { body }),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};

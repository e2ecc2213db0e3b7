import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError, api, apiRequest, getCsrfToken } from './client.js';

type Handler = (url: string, init: RequestInit) => Response;

// The network is the boundary here: the client under test runs for real against scripted server answers.
function serve(handler: Handler): { calls: { url: string; init: RequestInit }[] } {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return handler(url, init);
  });
  return { calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => vi.unstubAllGlobals());

describe('API client', () => {
  test('maps the error body to an ApiError with the server message, code and request id', async () => {
    serve(() =>
      json(409, {
        error: { code: 'conflict', message: 'The case was changed by someone else.', details: { version: 3 } },
        requestId: 'r-1',
      }),
    );
    const err = (await apiRequest('GET', '/api/cases/1').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe('The case was changed by someone else.');
    expect(err.code).toBe('conflict');
    expect(err.status).toBe(409);
    expect(err.details).toEqual({ version: 3 });
    expect(err.requestId).toBe('r-1');
  });

  test('a server error carries its request id in the message, for support', async () => {
    serve(() =>
      json(500, { error: { code: 'internal', message: 'Something went wrong on our side.' }, requestId: 'abc' }),
    );
    await expect(apiRequest('GET', '/api/x')).rejects.toThrow('Something went wrong on our side. (ref. abc)');
  });

  test('a body that is not JSON still gives a readable error', async () => {
    serve(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(apiRequest('GET', '/api/x')).rejects.toMatchObject({ code: 'internal', message: '502 Bad Gateway' });
  });

  test('sends the CSRF token on changes but not on reads', async () => {
    const { calls } = serve((url) =>
      url === '/api/auth/csrf' ? json(200, { token: 'tok-1' }) : new Response(null, { status: 204 }),
    );
    await apiRequest('GET', '/api/auth/me');
    await apiRequest('PUT', '/api/auth/me/locale', { body: { locale: 'en' } });
    const put = calls.find((c) => c.init.method === 'PUT')!;
    expect((put.init.headers as Record<string, string>)['x-csrf-token']).toBe('tok-1');
    expect(put.init.body).toBe('{"locale":"en"}');
    const get = calls.find((c) => c.url === '/api/auth/me')!;
    expect((get.init.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
  });

  test('a form with a file goes as multipart: the form itself, no JSON content type, with the CSRF token', async () => {
    const { calls } = serve((url) =>
      url === '/api/auth/csrf' ? json(200, { token: 'tok-1' }) : json(200, { ok: true }),
    );
    await getCsrfToken(true);
    const form = new FormData();
    form.append('title', 'Brev');
    form.append('file', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), 'brev.pdf');
    expect(await api.postForm('/api/cases/1/documents', form)).toEqual({ ok: true });
    const post = calls.find((c) => c.init.method === 'POST')!;
    const headers = post.init.headers as Record<string, string>;
    expect(post.init.body).toBe(form);
    expect(headers['content-type']).toBeUndefined();
    expect(headers['x-csrf-token']).toBe('tok-1');
  });

  test('an expired CSRF token is refreshed once and the request retried', async () => {
    let tokens = 0;
    let puts = 0;
    serve((url) => {
      if (url === '/api/auth/csrf') return json(200, { token: `tok-${++tokens}` });
      puts += 1;
      return puts === 1
        ? json(403, {
            error: { code: 'forbidden', message: 'Abgelaufen.', details: { reason: 'csrf' } },
            requestId: 'r',
          })
        : json(200, { ok: true });
    });
    await expect(apiRequest('POST', '/api/things', { body: {} })).resolves.toEqual({ ok: true });
    expect(puts).toBe(2);
  });

  test('a refusal of the person is not retried, whatever its words: only the CSRF reason is', async () => {
    let puts = 0;
    serve((url) => {
      if (url === '/api/auth/csrf') return json(200, { token: 'tok' });
      puts += 1;
      return json(403, {
        error: {
          code: 'forbidden',
          message: 'The form has expired or did not come from this site.',
          details: { reason: 'user_outside_reach' },
        },
        requestId: 'r',
      });
    });
    await expect(apiRequest('POST', '/api/things', { body: {} })).rejects.toMatchObject({
      code: 'forbidden',
      status: 403,
    });
    expect(puts).toBe(1);
  });

  test('an unreachable server is a network error, not a crash', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    await expect(apiRequest('GET', '/api/x')).rejects.toMatchObject({ code: 'network', status: 0 });
  });
});

import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { OpenApiContract, type OpenApiDocument } from './openapi-contract.js';

function sentBody(opts: InjectOptions): unknown {
  const payload = opts.payload ?? opts.body;
  if (payload === undefined || payload === null) return undefined;
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.length > 0 ? payload : undefined;
  if (typeof (payload as { pipe?: unknown }).pipe === 'function') return '(stream)';
  return payload;
}

/**
 * Fetches the document the app serves and wraps `app.inject` so that every exchange of the test is checked against
 * it. The violations gather in the returned contract's stats; test-app.ts fails the file that made any.
 */
export async function watchContract(app: FastifyInstance): Promise<OpenApiContract> {
  const inject = app.inject.bind(app) as (opts: InjectOptions | string) => Promise<LightMyRequestResponse>;
  const doc = (await inject({ method: 'GET', url: '/api/docs/json' })).json() as OpenApiDocument;
  // Pages, portal forms, assets and the document's own viewer are not API operations.
  const contract = new OpenApiContract(doc, (path) => !path.startsWith('/api/') || path.startsWith('/api/docs'));
  const wrapped = async (opts: InjectOptions | string) => {
    const res = await inject(opts);
    const options: InjectOptions = typeof opts === 'string' ? { url: opts } : opts;
    const req = res.raw.req as unknown as { method: string; url: string; headers: Record<string, string> };
    contract.record({
      method: req.method,
      url: req.url,
      requestHeaders: req.headers,
      requestBody: sentBody(options),
      status: res.statusCode,
      responseHeaders: res.headers,
      responseBody: res.body,
    });
    return res;
  };
  (app as unknown as { inject: typeof wrapped }).inject = wrapped;
  return contract;
}

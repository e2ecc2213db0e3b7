import type { FastifyInstance } from 'fastify';

/** Browser features no page of ours uses: a script injected into a page cannot reach them either. */
export const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), ' +
  'interest-cohort=(), browsing-topics=(), display-capture=(), screen-wake-lock=()';

/**
 * Headers every answer carries: the permissions policy, and `Cache-Control: no-store` on every API answer that a
 * route did not give a caching rule itself, so a person's data never rests in a shared or browser cache (the
 * portal's pages and downloads set their own `no-store`; the public API description may be cached).
 */
export function registerPrivacyHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });
}

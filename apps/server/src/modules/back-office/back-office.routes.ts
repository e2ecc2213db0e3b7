import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { html } from '../../platform/html/html.js';

/** Where `npm run build -w @sagsgang/web` puts the back office. */
export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));

export interface BackOfficeOptions {
  distDir?: string;
}

const NOT_BUILT = html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Back office not built – Sagsgang</title></head>
<body>
<main>
<h1>The back office has not been built yet</h1>
<p>The server serves the staff back office from <code>apps/web/dist</code>, which does not exist. Build it once:</p>
<pre><code>npm run build -w @sagsgang/web</code></pre>
<p>then reload this page. The citizen portal at <a href="/">/</a> works without it.</p>
</main>
</body>
</html>
`.toString();

function sendIndex(reply: FastifyReply, indexFile: string): Promise<FastifyReply> {
  // Read per request: a rebuild changes the hashed asset names, and the file is under a kilobyte.
  return fs.promises
    .readFile(indexFile, 'utf8')
    .then((body) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(body));
}

/**
 * The React back office under /app/: hashed assets cached for a year, index.html for every other address below
 * /app/ so deep links work (the app routes in the browser). Without a build, a 503 page says how to make one.
 */
export function backOfficeRoutes(options: BackOfficeOptions = {}) {
  const dist = options.distDir ?? DEFAULT_WEB_DIST;
  const indexFile = path.join(dist, 'index.html');
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/app', { schema: { hide: true } }, (_request, reply) => reply.redirect('/app/', 301));
    if (!fs.existsSync(indexFile)) {
      app.get('/app/*', { schema: { hide: true } }, (_request, reply) =>
        reply.status(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT),
      );
      return;
    }
    await app.register(
      async (scope) => {
        await scope.register(fastifyStatic, {
          root: dist,
          prefix: '/',
          index: false,
          list: false,
          cacheControl: false,
          setHeaders: (reply, filePath) => {
            const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
            reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
          },
        });
        scope.get('/', { schema: { hide: true }, prefixTrailingSlash: 'slash' }, (_request, reply) =>
          sendIndex(reply, indexFile),
        );
        // A missing asset is a real 404; any other address is a page of the app.
        scope.setNotFoundHandler((request, reply) => {
          if (request.method !== 'GET' && request.method !== 'HEAD') return reply.status(404).send();
          if (request.url.startsWith('/app/assets/')) return reply.status(404).type('text/plain').send('Not found');
          return sendIndex(reply, indexFile);
        });
      },
      { prefix: '/app' },
    );
  };
}

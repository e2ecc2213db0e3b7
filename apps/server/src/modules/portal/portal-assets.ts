import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

export const DKFDS_PREFIX = '/static/dkfds/';
export const PORTAL_ASSETS_PREFIX = '/static/portal/';

/** The DKFDS files the pages link to; the back office links the same stylesheet so the browser caches it once. */
export const DKFDS_CSS = `${DKFDS_PREFIX}css/dkfds-borgerdk.min.css`;
export const DKFDS_JS = `${DKFDS_PREFIX}js/dkfds.min.js`;
export const PORTAL_CSS = `${PORTAL_ASSETS_PREFIX}portal.css`;
export const PORTAL_JS = `${PORTAL_ASSETS_PREFIX}portal.js`;
/** Passkey sign-in, loaded only by the pages that offer it. */
export const PASSKEY_JS = `${PORTAL_ASSETS_PREFIX}passkey.js`;
export const PORTAL_ICON = `${PORTAL_ASSETS_PREFIX}favicon.svg`;

/**
 * DKFDS blocks deep imports through its `exports` map, so its folder is found through its package.json. Only
 * `dist` is served: CSS, JS, fonts and the icon sprite.
 */
export function dkfdsDistDir(): string {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = require.resolve('dkfds/package.json');
  } catch {
    // Packages whose exports map omits package.json: walk from the main entry instead (dist/js/dkfds.min.js).
    pkg = path.join(path.dirname(require.resolve('dkfds')), '..', '..', 'package.json');
  }
  const dist = path.join(path.dirname(pkg), 'dist');
  if (!fs.existsSync(path.join(dist, 'css'))) throw new Error(`DKFDS is not installed where expected: ${dist}`);
  return dist;
}

const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));
const ONE_DAY = 24 * 60 * 60;

export async function registerPortalAssets(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: dkfdsDistDir(),
    prefix: DKFDS_PREFIX,
    decorateReply: false,
    index: false,
    list: false,
    allowedPath: (pathName) => !pathName.includes('/scss/') && !pathName.endsWith('.map'),
    // Versioned by the package, not by file name: a day of caching, then a cheap revalidation by ETag.
    maxAge: ONE_DAY * 1000,
  });
  await app.register(fastifyStatic, {
    root: ASSETS_DIR,
    prefix: PORTAL_ASSETS_PREFIX,
    decorateReply: false,
    index: false,
    list: false,
    maxAge: 5 * 60 * 1000,
  });
}

import type { FastifyReply } from 'fastify';
import type { SafeHtml } from '../../platform/html/html.js';
import { renderLayout } from './portal-layout.js';
import type { PageContext } from './portal-page.js';

/** Sends an applicant page in the portal frame: never cached (it shows who is signed in and a CSRF token). */
export function sendPage(
  reply: FastifyReply,
  page: PageContext,
  title: string,
  body: SafeHtml,
  status = 200,
): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('vary', 'cookie, accept-language')
    .send(renderLayout(page, { title, body, section: 'my-cases' }));
}

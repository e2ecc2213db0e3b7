import type { FastifyRequest } from 'fastify';

/** A browser's plain HTML form post (no scripts): answered with a redirect rather than JSON. */
export function isUrlEncodedForm(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** Any form a browser can send cross-site without a preflight: a plain post or a file upload. */
export function isFormPost(request: FastifyRequest): boolean {
  return isUrlEncodedForm(request) || (request.headers['content-type'] ?? '').startsWith('multipart/form-data');
}

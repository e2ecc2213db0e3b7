import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

const NUL = '\u0000';

/**
 * Where in `value` a NUL character hides (in a string or in a key), as a path like `body.applicant.name`;
 * undefined when there is none. PostgreSQL cannot store NUL in text or jsonb, and no form or API field needs one.
 */
export function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || depth > 64) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    if (key.includes(NUL)) return at;
    const found = findNul(item, at, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function nulError(path: string): AppError {
  return new AppError('validation', `${path}: contains a NUL character (\\u0000), which text may not contain.`, [{ path, message: 'nul_character' }]);
}

/** Refuses a request whose path, query or parsed body carries a NUL character, with a 400 that names the field. */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found = findNul(request.params, 'params') ?? findNul(request.query, 'query') ?? findNul(request.body, 'body');
    if (found) throw nulError(found);
  });
}

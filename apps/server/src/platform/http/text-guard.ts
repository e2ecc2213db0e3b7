import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What is wrong with a string no text field may hold, or undefined: PostgreSQL cannot store a NUL character, and
 * half of a surrogate pair (JSON can escape one, "\udc00") is not Unicode text at all.
 */
function flaw(value: string): string | undefined {
  if (value.includes('\u0000')) return 'contains a NUL character (\\u0000), which text may not contain';
  if (UNPAIRED_SURROGATE.test(value)) return 'contains half of a surrogate pair, which is not valid Unicode text';
  return undefined;
}

/**
 * The first string in `value` (or key) that text may not hold, with its path like `body.applicant.name`, or
 * undefined when every string is fine.
 */
export function findUnstorableText(
  value: unknown,
  path: string,
  depth = 0,
): { path: string; problem: string } | undefined {
  if (typeof value === 'string') {
    const problem = flaw(value);
    return problem ? { path, problem } : undefined;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || depth > 64) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    const problem = flaw(key);
    if (problem) return { path: at, problem };
    const found = findUnstorableText(item, at, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function unstorableTextError(found: { path: string; problem: string }): AppError {
  return new AppError('validation', `${found.path}: ${found.problem}.`, [
    { path: found.path, message: 'invalid_text' },
  ]);
}

/** Refuses a request whose path, query or parsed body holds text that cannot be stored, with a 400 naming the field. */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found =
      findUnstorableText(request.params, 'params') ??
      findUnstorableText(request.query, 'query') ??
      findUnstorableText(request.body, 'body');
    if (found) throw unstorableTextError(found);
  });
}

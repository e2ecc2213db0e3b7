import type { z } from 'zod';
import { AppError } from '../errors.js';

/**
 * Parses input a route could not validate by schema (one endpoint taking both JSON and form posts) and throws the
 * same `validation` error the schema validator would, naming each bad field.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({
    path: '/' + i.path.join('/'),
    message: i.message,
    keyword: i.code,
  }));
  throw new AppError(
    'validation',
    'The request is not valid: ' + details.map((d) => `${d.path} ${d.message}`).join('; '),
    details,
  );
}

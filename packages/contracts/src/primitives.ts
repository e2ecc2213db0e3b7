import { z } from 'zod';

/** The largest value of a PostgreSQL `integer` column (versions, counters): a bigger one is refused at the edge. */
export const MAX_INT32 = 2_147_483_647;

/** True for YYYY-MM-DD naming a day that exists (no 30 February, no year 0, which PostgreSQL has not got). */
export function isRealIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m || Number(m[1]) < 1) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A date as YYYY-MM-DD that is a real day. */
export const ZIsoDate = (message = 'must be a date YYYY-MM-DD') =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine(isRealIsoDate, 'is not a real date');

/** A version number of something stored (a case, a model): a positive PostgreSQL integer. */
export const ZVersionNumber = z.number().int().positive().max(MAX_INT32);

import { z } from 'zod';
import { ZIsoDate } from './primitives.js';

const isoDate = ZIsoDate('a date as YYYY-MM-DD');

/** A day the authority is closed beyond weekends and public holidays: it does not count as a working day. */
export const ZClosureDay = z.object({
  day: isoDate,
  reason: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type TClosureDay = z.infer<typeof ZClosureDay>;

export const ZAddClosureDay = z.object({
  day: isoDate,
  reason: z.string().trim().min(1, 'give a reason').max(200),
});
export type TAddClosureDay = z.infer<typeof ZAddClosureDay>;

/** The calendar the service-goal clocks count in, for a year: closures the authority added, and public holidays. */
export const ZCalendarYear = z.object({
  year: z.number().int(),
  closures: z.array(ZClosureDay),
  /** `name` in Danish, the authority's language; `nameEn` for readers in English. */
  holidays: z.array(z.object({ day: isoDate, name: z.string(), nameEn: z.string() })),
  workingDays: z.number().int(),
  /** Whether the reader may add and remove closure days (an administrator of the whole authority). */
  canChange: z.boolean(),
});
export type TCalendarYear = z.infer<typeof ZCalendarYear>;

/** After a change, the clocks of the cases it touches are recomputed in the background. */
export const ZClosureChangeResult = z.object({ day: isoDate, recomputeJobId: z.number().int() });
export type TClosureChangeResult = z.infer<typeof ZClosureChangeResult>;

import type { EventLog } from '../log/event-log.js';

/** A variant as people read it. */
export interface VariantRow {
  activities: string[];
  count: number;
  share: number;
}

/** Variants with counts and shares, most frequent first. */
export function variantTable(log: EventLog, limit = Infinity): VariantRow[] {
  const total = log.caseCount || 1;
  return log
    .variants()
    .slice(0, limit)
    .map((v) => ({
      activities: Array.from(v.activities, (a) => log.activityNames[a]),
      count: v.count,
      share: v.count / total,
    }));
}

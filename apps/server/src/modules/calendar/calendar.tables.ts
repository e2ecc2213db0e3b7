import type { ColumnType } from 'kysely';

export interface CalendarClosureTable {
  day: string;
  reason: string;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    calendar_closure: CalendarClosureTable;
  }
}

import type { ColumnType, Generated } from 'kysely';

export interface CaseTypeTable {
  id: Generated<string>;
  code: string;
  current_version: Generated<number>;
  active: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
}

export interface CaseTypeVersionTable {
  id: Generated<string>;
  case_type_id: string;
  version: number;
  definition: ColumnType<unknown, string, never>;
  unit_id: string;
  goal_amount: number;
  goal_unit: string;
  goal_days: number;
  target_share: number;
  clock_start: string;
  published_at: ColumnType<Date, Date | undefined, never>;
  published_by: string | null;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    case_type: CaseTypeTable;
    case_type_version: CaseTypeVersionTable;
  }
}

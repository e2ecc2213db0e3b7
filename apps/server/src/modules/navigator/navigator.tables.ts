import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface NavigatorLogTable {
  id: Generated<string>;
  name: string;
  format: 'xes' | 'csv';
  content: Buffer;
  case_count: number;
  event_count: number;
  activities: Json<string[]>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface NavigatorAnalysisTable {
  id: Generated<string>;
  name: Generated<string>;
  model_id: string;
  model_version: number;
  population: Json<unknown>;
  population_label: Generated<string>;
  status: Generated<'pending' | 'running' | 'done' | 'failed' | 'cancelled'>;
  progress: ColumnType<unknown, string | null, string | null> | null;
  error: string | null;
  job_id: number | null;
  created_by: string | null;
  created_at: Timestamp;
  started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  summary: ColumnType<unknown, string | null, string | null> | null;
  result: ColumnType<unknown, string | null, string | null> | null;
  people: ColumnType<unknown, string | null, string | null> | null;
}

export interface NavigatorCaseTable {
  analysis_id: string;
  ord: number;
  case_key: string;
  case_id: string | null;
  unit: string | null;
  variant: number;
  state: string;
  started_at: Date | null;
  ended_at: Date | null;
  over_deadline: string[];
  minutes: number[];
}

export interface NavigatorVariantTable {
  analysis_id: string;
  variant: number;
  fitness: number;
  steps: number[];
  passed: string[];
  skipped: string[];
  out_of_order: string[];
  extra: string[];
  flows: string[];
  outside: string[];
  deviations: unknown;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    navigator_log: NavigatorLogTable;
    navigator_analysis: NavigatorAnalysisTable;
    navigator_case: NavigatorCaseTable;
    navigator_variant: NavigatorVariantTable;
  }
}

import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface ProcessModelTable {
  id: Generated<string>;
  name: string;
  topic: Generated<string>;
  case_type_code: string | null;
  description: Generated<string>;
  /** The owning unit (migration 0191); null only for a model made before the authority had units. */
  unit_id: string | null;
  current_version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProcessModelVersionTable {
  model_id: string;
  version: number;
  bpmn_xml: string;
  source: string;
  comment: Generated<string>;
  warnings: Json<string[]>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ProcessModelTaskTable {
  model_id: string;
  version: number;
  element_id: string;
  name: string;
  element_type: string;
  guidance: Generated<string>;
  legal_refs: Json<string[]>;
  checklist: Json<string[]>;
  links: Json<{ label: string; url: string; kind: 'tool' | 'template' | 'other' }[]>;
  deadline_days: number | null;
}

export interface ProcessModelMappingTable {
  model_id: string;
  activity: string;
  element_id: string | null;
  updated_at: Timestamp;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    process_model: ProcessModelTable;
    process_model_version: ProcessModelVersionTable;
    process_model_task: ProcessModelTaskTable;
    process_model_mapping: ProcessModelMappingTable;
  }
}

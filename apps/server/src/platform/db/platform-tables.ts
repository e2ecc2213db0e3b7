import type { ColumnType, Generated } from 'kysely';
import type { TAuditAction } from '@sagsgang/contracts';

/**
 * Kysely types of the platform tables from migration 0001 (organisation, people, sessions, audit log, jobs).
 * Merged into `DB` so every capability can join to units and users without redeclaring them.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface UnitTable {
  id: Generated<string>;
  parent_id: string | null;
  kind: 'authority' | 'centre' | 'team';
  code: string;
  name_da: string;
  name_en: string;
  created_at: Generated<Date>;
}

export interface AppUserTable {
  id: Generated<string>;
  kind: 'staff' | 'applicant';
  username: string | null;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  locale: Generated<'da' | 'en' | 'sv'>;
  organisation_name: string | null;
  organisation_cvr: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface UserIdentityTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Generated<Date>;
}

export interface RoleGrantTable {
  id: Generated<string>;
  user_id: string;
  role: 'applicant' | 'frontline' | 'caseworker' | 'teamlead' | 'quality' | 'analyst' | 'admin';
  unit_id: string | null;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  auth_method: string;
  active_unit_id: string | null;
  /** The password was right but a second factor is still owed (migration 0160). */
  mfa_pending: Generated<boolean>;
}

/** The actions the CHECK constraint of migration 0001 allows; the contracts list them for the API. */
export type AuditAction = TAuditAction;

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_user_id: string | null;
  action: AuditAction;
  subject_user_id: string | null;
  entity_type: string;
  entity_id: string | null;
  purpose: string;
  request_id: string | null;
  ip: string | null;
  details: Json;
  /** Set by the chain trigger (migration 0170), whatever an insert says. */
  chain_no: Generated<number>;
  prev_hash: Generated<Buffer>;
  hash: Generated<Buffer>;
}

/** The last link of the audit chain: one row, moved only by the chain trigger. */
export interface AuditChainHeadTable {
  only_row: Generated<boolean>;
  chain_no: number;
  hash: Buffer;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: Json;
  status: Generated<JobStatus>;
  run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_at: Date | null;
  /** Until when the runner holding a running job has it (migration 0130): renewed while the handler runs. */
  lease_until: Date | null;
  last_error: string | null;
  progress: ColumnType<unknown, string | null | undefined, string | null>;
  result: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  finished_at: Date | null;
}

declare module './schema.js' {
  interface DB {
    unit: UnitTable;
    app_user: AppUserTable;
    user_identity: UserIdentityTable;
    role_grant: RoleGrantTable;
    user_session: UserSessionTable;
    audit_log: AuditLogTable;
    audit_chain_head: AuditChainHeadTable;
    job: JobTable;
  }
}

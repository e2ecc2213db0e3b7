import { sql } from 'kysely';
import type { TCaseTypeDefinition } from '@sagsgang/contracts';
import type { Executor } from '../../platform/db/transaction.js';
import './case-types.tables.js';

export interface CaseTypeVersionRow {
  versionId: string;
  caseTypeId: string;
  code: string;
  version: number;
  currentVersion: number;
  active: boolean;
  unitId: string;
  definition: TCaseTypeDefinition;
  publishedAt: Date;
  publishedBy: string | null;
}

export interface NewVersion {
  caseTypeId: string;
  version: number;
  definition: TCaseTypeDefinition;
  unitId: string;
  goalDays: number;
  publishedBy: string | null;
}

const versionColumns = [
  'v.id as versionId',
  'v.case_type_id as caseTypeId',
  't.code',
  'v.version',
  't.current_version as currentVersion',
  't.active',
  'v.unit_id as unitId',
  'v.definition',
  'v.published_at as publishedAt',
  'v.published_by as publishedBy',
] as const;

function versions(db: Executor) {
  return db
    .selectFrom('case_type_version as v')
    .innerJoin('case_type as t', 't.id', 'v.case_type_id')
    .select(versionColumns);
}

export const caseTypesRepository = {
  async unitIdByCode(db: Executor, code: string): Promise<string | undefined> {
    const r = await sql<{ id: string }>`SELECT id FROM unit WHERE code = ${code}`.execute(db);
    return r.rows[0]?.id;
  },

  async unitCodesByIds(db: Executor, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const r = await sql<{ id: string; code: string }>`SELECT id, code FROM unit WHERE id = ANY(${ids}::uuid[])`.execute(
      db,
    );
    return new Map(r.rows.map((u) => [u.id, u.code]));
  },

  /** Locks the case type row so two publishers cannot both take the next version number. */
  async findTypeForUpdate(db: Executor, code: string) {
    return db.selectFrom('case_type').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
  },

  async insertType(db: Executor, code: string): Promise<string> {
    const row = await db.insertInto('case_type').values({ code }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },

  async insertVersion(db: Executor, v: NewVersion): Promise<string> {
    const g = v.definition.serviceGoal;
    const row = await db
      .insertInto('case_type_version')
      .values({
        case_type_id: v.caseTypeId,
        version: v.version,
        definition: JSON.stringify(v.definition),
        unit_id: v.unitId,
        goal_amount: g.duration.amount,
        goal_unit: g.duration.unit,
        goal_days: v.goalDays,
        target_share: g.targetShare,
        clock_start: g.clockStart,
        published_by: v.publishedBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('case_type').set({ current_version: v.version }).where('id', '=', v.caseTypeId).execute();
    return row.id;
  },

  async currentVersions(db: Executor): Promise<CaseTypeVersionRow[]> {
    const rows = await versions(db).whereRef('v.version', '=', 't.current_version').orderBy('t.code').execute();
    return rows as CaseTypeVersionRow[];
  },

  async currentVersionByCode(db: Executor, code: string): Promise<CaseTypeVersionRow | undefined> {
    const row = await versions(db)
      .where('t.code', '=', code)
      .whereRef('v.version', '=', 't.current_version')
      .executeTakeFirst();
    return row as CaseTypeVersionRow | undefined;
  },

  async versionById(db: Executor, versionId: string): Promise<CaseTypeVersionRow | undefined> {
    const row = await versions(db).where('v.id', '=', versionId).executeTakeFirst();
    return row as CaseTypeVersionRow | undefined;
  },

  async versionsByIds(db: Executor, versionIds: readonly string[]): Promise<CaseTypeVersionRow[]> {
    if (versionIds.length === 0) return [];
    const rows = await versions(db)
      .where('v.id', 'in', [...new Set(versionIds)])
      .execute();
    return rows as CaseTypeVersionRow[];
  },

  async versionsOf(db: Executor, caseTypeId: string) {
    return db
      .selectFrom('case_type_version')
      .select(['id', 'version', 'published_at as publishedAt', 'published_by as publishedBy'])
      .where('case_type_id', '=', caseTypeId)
      .orderBy('version', 'desc')
      .execute();
  },
};

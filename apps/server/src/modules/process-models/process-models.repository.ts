import { sql, type Selectable } from 'kysely';
import type { TMappingEntry, TModelSource, TProcessModelQuery, TTaskGuidanceInput } from '@sagsgang/contracts';
import type { Executor } from '../../platform/db/transaction.js';
import type { ProcessModelTable, ProcessModelTaskTable, ProcessModelVersionTable } from './process-models.tables.js';
import './process-models.tables.js';

export type ModelRow = Selectable<ProcessModelTable>;
export type VersionRow = Selectable<ProcessModelVersionTable>;
export type TaskRow = Selectable<ProcessModelTaskTable>;

export interface NewModel {
  name: string;
  topic: string;
  caseTypeCode: string | null;
  description: string;
  unitId: string | null;
  createdBy: string | null;
}

export interface NewVersion {
  modelId: string;
  version: number;
  xml: string;
  source: TModelSource;
  comment: string;
  warnings: string[];
  createdBy: string | null;
}

export interface NewTask extends TTaskGuidanceInput {
  elementId: string;
  name: string;
  elementType: string;
}

const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface ModelListRow extends ModelRow {
  task_count: number;
}

export const processModelsRepository = {
  async insertModel(db: Executor, m: NewModel): Promise<string> {
    const row = await db
      .insertInto('process_model')
      .values({
        name: m.name,
        topic: m.topic,
        case_type_code: m.caseTypeCode,
        description: m.description,
        unit_id: m.unitId,
        created_by: m.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async updateModel(
    db: Executor,
    id: string,
    patch: Partial<Pick<ModelRow, 'name' | 'topic' | 'case_type_code' | 'description' | 'unit_id' | 'current_version'>>,
  ): Promise<void> {
    await db
      .updateTable('process_model')
      .set({ ...patch, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
  },

  async insertVersion(db: Executor, v: NewVersion): Promise<void> {
    await db
      .insertInto('process_model_version')
      .values({
        model_id: v.modelId,
        version: v.version,
        bpmn_xml: v.xml,
        source: v.source,
        comment: v.comment,
        warnings: JSON.stringify(v.warnings),
        created_by: v.createdBy,
      })
      .execute();
  },

  async insertTasks(db: Executor, modelId: string, version: number, tasks: NewTask[]): Promise<void> {
    if (tasks.length === 0) return;
    await db
      .insertInto('process_model_task')
      .values(
        tasks.map((t) => ({
          model_id: modelId,
          version,
          element_id: t.elementId,
          name: t.name,
          element_type: t.elementType,
          guidance: t.guidance,
          legal_refs: JSON.stringify(t.legalRefs),
          checklist: JSON.stringify(t.checklist),
          links: JSON.stringify(t.links),
          deadline_days: t.deadlineDays,
        })),
      )
      .execute();
  },

  /** Locks the model row so two saves of a new version cannot both take the same number. */
  findModelForUpdate(db: Executor, id: string): Promise<ModelRow | undefined> {
    return db.selectFrom('process_model').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  /** The authority's unit: the oldest unit with no parent (where models made without a unit belong). */
  async authorityUnitId(db: Executor): Promise<string | null> {
    const row = await db
      .selectFrom('unit')
      .select('id')
      .where('parent_id', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row?.id ?? null;
  },

  async unitExists(db: Executor, unitId: string): Promise<boolean> {
    return (await db.selectFrom('unit').select('id').where('id', '=', unitId).executeTakeFirst()) !== undefined;
  },

  findModel(db: Executor, id: string): Promise<ModelRow | undefined> {
    return db.selectFrom('process_model').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findVersion(db: Executor, modelId: string, version: number): Promise<VersionRow | undefined> {
    return db
      .selectFrom('process_model_version')
      .selectAll()
      .where('model_id', '=', modelId)
      .where('version', '=', version)
      .executeTakeFirst();
  },

  listVersions(db: Executor, modelId: string): Promise<Omit<VersionRow, 'bpmn_xml'>[]> {
    return db
      .selectFrom('process_model_version')
      .select(['model_id', 'version', 'source', 'comment', 'warnings', 'created_by', 'created_at'])
      .where('model_id', '=', modelId)
      .orderBy('version', 'desc')
      .execute();
  },

  listTasks(db: Executor, modelId: string, version: number): Promise<TaskRow[]> {
    return db
      .selectFrom('process_model_task')
      .selectAll()
      .where('model_id', '=', modelId)
      .where('version', '=', version)
      .orderBy('name')
      .execute();
  },

  async updateTask(
    db: Executor,
    key: { modelId: string; version: number; elementId: string },
    g: TTaskGuidanceInput,
  ): Promise<boolean> {
    const res = await db
      .updateTable('process_model_task')
      .set({
        guidance: g.guidance,
        legal_refs: JSON.stringify(g.legalRefs),
        checklist: JSON.stringify(g.checklist),
        links: JSON.stringify(g.links),
        deadline_days: g.deadlineDays,
      })
      .where('model_id', '=', key.modelId)
      .where('version', '=', key.version)
      .where('element_id', '=', key.elementId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  /** Models matching the filter; text matches the name, description, topic, a step's name or its guidance. */
  async searchModels(db: Executor, f: TProcessModelQuery): Promise<ModelListRow[]> {
    let q = db
      .selectFrom('process_model as m')
      .selectAll('m')
      .select((eb) =>
        eb
          .selectFrom('process_model_task as t')
          .whereRef('t.model_id', '=', 'm.id')
          .whereRef('t.version', '=', 'm.current_version')
          .select(sql<number>`count(*)::int`.as('n'))
          .as('task_count'),
      );
    if (f.caseTypeCode) q = q.where('m.case_type_code', '=', f.caseTypeCode);
    if (f.topic) q = q.where(sql`lower(m.topic)`, '=', f.topic.toLowerCase());
    if (f.q) {
      const p = likePattern(f.q);
      q = q.where((eb) =>
        eb.or([
          eb(sql`lower(m.name)`, 'like', p),
          eb(sql`lower(m.description)`, 'like', p),
          eb(sql`lower(m.topic)`, 'like', p),
          eb.exists(
            eb
              .selectFrom('process_model_task as t')
              .select('t.element_id')
              .whereRef('t.model_id', '=', 'm.id')
              .whereRef('t.version', '=', 'm.current_version')
              .where((e2) =>
                e2.or([
                  e2(sql`lower(t.name)`, 'like', p),
                  e2(sql`lower(t.guidance)`, 'like', p),
                  e2(sql`lower(t.legal_refs::text)`, 'like', p),
                ]),
              ),
          ),
        ]),
      );
    }
    const rows = await q.orderBy('m.name').limit(500).execute();
    return rows.map((r) => ({ ...r, task_count: Number(r.task_count ?? 0) }));
  },

  /** The steps of the current versions of `modelIds` whose name or guidance holds the text. */
  matchingTasks(
    db: Executor,
    modelIds: string[],
    text: string,
  ): Promise<{ model_id: string; element_id: string; name: string }[]> {
    if (modelIds.length === 0) return Promise.resolve([]);
    const p = likePattern(text);
    return db
      .selectFrom('process_model_task as t')
      .innerJoin('process_model as m', (j) =>
        j.onRef('m.id', '=', 't.model_id').onRef('m.current_version', '=', 't.version'),
      )
      .select(['t.model_id', 't.element_id', 't.name'])
      .where('t.model_id', 'in', modelIds)
      .where((e) =>
        e.or([
          e(sql`lower(t.name)`, 'like', p),
          e(sql`lower(t.guidance)`, 'like', p),
          e(sql`lower(t.legal_refs::text)`, 'like', p),
        ]),
      )
      .orderBy('t.name')
      .execute();
  },

  listMapping(db: Executor, modelId: string): Promise<{ activity: string; element_id: string | null }[]> {
    return db
      .selectFrom('process_model_mapping')
      .select(['activity', 'element_id'])
      .where('model_id', '=', modelId)
      .orderBy('activity')
      .execute();
  },

  async replaceMapping(db: Executor, modelId: string, entries: TMappingEntry[]): Promise<void> {
    await db.deleteFrom('process_model_mapping').where('model_id', '=', modelId).execute();
    if (entries.length === 0) return;
    await db
      .insertInto('process_model_mapping')
      .values(entries.map((e) => ({ model_id: modelId, activity: e.activity, element_id: e.elementId })))
      .execute();
  },

  /** The most recently changed model for a case type. */
  findModelForCaseType(db: Executor, caseTypeCode: string): Promise<ModelRow | undefined> {
    return db
      .selectFrom('process_model')
      .selectAll()
      .where('case_type_code', '=', caseTypeCode)
      .orderBy('updated_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  },
};

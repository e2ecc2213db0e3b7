import type {
  TCreateModelVersion,
  TCreateProcessModel,
  TModelTask,
  TProcessModelDetail,
  TProcessModelQuery,
  TProcessModelSummary,
  TTaskGuidanceInput,
  TUpdateProcessModel,
} from '@sagsgang/contracts';
import { AppError } from '../../platform/errors.js';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { DEFAULT_BPMN_LIMITS, type BpmnLimits, type DrawnTask } from './bpmn-document.js';
import { importBpmn } from './bpmn-import.js';
import {
  processModelsRepository as repo,
  type ModelRow,
  type NewTask,
  type TaskRow,
} from './process-models.repository.js';

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

function blankGuidance(t: DrawnTask): NewTask {
  return { ...t, guidance: '', legalRefs: [], checklist: [], links: [], deadlineDays: null };
}

export function toTask(r: TaskRow): TModelTask {
  return {
    elementId: r.element_id,
    name: r.name,
    elementType: r.element_type,
    guidance: r.guidance,
    legalRefs: r.legal_refs,
    checklist: r.checklist,
    links: r.links,
    deadlineDays: r.deadline_days === null ? null : Number(r.deadline_days),
  };
}

function toSummary(
  m: ModelRow,
  taskCount: number,
  matchedTasks: TProcessModelSummary['matchedTasks'] = [],
): TProcessModelSummary {
  return {
    id: m.id,
    name: m.name,
    topic: m.topic,
    caseTypeCode: m.case_type_code,
    description: m.description,
    currentVersion: m.current_version,
    taskCount,
    updatedAt: iso(m.updated_at),
    matchedTasks,
  };
}

/** Creates a model with its first version; the BPMN is checked before anything is written. */
export async function createProcessModel(
  db: Executor,
  input: TCreateProcessModel,
  actorId: string | null,
  limits: BpmnLimits = DEFAULT_BPMN_LIMITS,
): Promise<TProcessModelDetail> {
  const doc = await importBpmn(input.bpmnXml, limits);
  const id = await inTransaction(db, async (trx) => {
    const modelId = await repo.insertModel(trx, { ...input, createdBy: actorId });
    await repo.insertVersion(trx, {
      modelId,
      version: 1,
      xml: doc.xml,
      source: input.source,
      comment: input.comment,
      warnings: doc.warnings,
      createdBy: actorId,
    });
    await repo.insertTasks(trx, modelId, 1, doc.tasks.map(blankGuidance));
    return modelId;
  });
  return getProcessModel(db, id);
}

/**
 * Saves a new drawing as the next version. Guidance follows each step by element id, or by name when the step was
 * redrawn under a new id, so a redrawing never loses what was written.
 */
export async function createModelVersion(
  db: Executor,
  modelId: string,
  input: TCreateModelVersion,
  actorId: string | null,
  limits: BpmnLimits = DEFAULT_BPMN_LIMITS,
): Promise<TProcessModelDetail> {
  const doc = await importBpmn(input.bpmnXml, limits);
  await inTransaction(db, async (trx) => {
    const model = await repo.findModelForUpdate(trx, modelId);
    if (!model) throw new AppError('not_found', 'No such workflow model.');
    const previous = await repo.listTasks(trx, modelId, model.current_version);
    const byId = new Map(previous.map((t) => [t.element_id, t]));
    const byName = new Map(previous.filter((t) => t.name).map((t) => [t.name.toLowerCase(), t]));
    const version = model.current_version + 1;
    await repo.insertVersion(trx, {
      modelId,
      version,
      xml: doc.xml,
      source: input.source,
      comment: input.comment,
      warnings: doc.warnings,
      createdBy: actorId,
    });
    const tasks = doc.tasks.map((t) => {
      const old = byId.get(t.elementId) ?? (t.name ? byName.get(t.name.toLowerCase()) : undefined);
      return old
        ? { ...toTask(old), elementId: t.elementId, name: t.name, elementType: t.elementType }
        : blankGuidance(t);
    });
    await repo.insertTasks(trx, modelId, version, tasks);
    await repo.updateModel(trx, modelId, { current_version: version });
  });
  return getProcessModel(db, modelId);
}

export async function updateProcessModel(
  db: Executor,
  modelId: string,
  patch: TUpdateProcessModel,
): Promise<TProcessModelDetail> {
  const model = await repo.findModel(db, modelId);
  if (!model) throw new AppError('not_found', 'No such workflow model.');
  await repo.updateModel(db, modelId, {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.topic !== undefined && { topic: patch.topic }),
    ...(patch.caseTypeCode !== undefined && { case_type_code: patch.caseTypeCode }),
    ...(patch.description !== undefined && { description: patch.description }),
  });
  return getProcessModel(db, modelId);
}

/** A model at one version (the current one by default), with its diagram, steps and version history. */
export async function getProcessModel(db: Executor, modelId: string, version?: number): Promise<TProcessModelDetail> {
  const model = await repo.findModel(db, modelId);
  if (!model) throw new AppError('not_found', 'No such workflow model.');
  const v = version ?? model.current_version;
  const row = await repo.findVersion(db, modelId, v);
  if (!row) throw new AppError('not_found', `The workflow model has no version ${v}.`);
  const [tasks, versions] = await Promise.all([repo.listTasks(db, modelId, v), repo.listVersions(db, modelId)]);
  return {
    ...toSummary(model, tasks.length),
    version: v,
    bpmnXml: row.bpmn_xml,
    tasks: tasks.map(toTask),
    warnings: row.warnings,
    versions: versions.map((x) => ({
      version: x.version,
      source: x.source as TProcessModelDetail['versions'][number]['source'],
      comment: x.comment,
      createdAt: iso(x.created_at),
      createdBy: x.created_by,
    })),
  };
}

/** The workflow portal's list: every model, narrowed by case type, topic or text in the steps' guidance. */
export async function searchProcessModels(db: Executor, query: TProcessModelQuery): Promise<TProcessModelSummary[]> {
  const rows = await repo.searchModels(db, query);
  const matches = query.q
    ? await repo.matchingTasks(
        db,
        rows.map((r) => r.id),
        query.q,
      )
    : [];
  const byModel = new Map<string, TProcessModelSummary['matchedTasks']>();
  for (const m of matches) {
    const list = byModel.get(m.model_id) ?? [];
    list.push({ elementId: m.element_id, name: m.name });
    byModel.set(m.model_id, list);
  }
  const collator = new Intl.Collator('da');
  return rows
    .map((r) => toSummary(r, r.task_count, byModel.get(r.id) ?? []))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** Writes a step's guidance. Only the current version is edited: older versions are the record of what applied. */
export async function updateTaskGuidance(
  db: Executor,
  key: { modelId: string; version: number; elementId: string },
  input: TTaskGuidanceInput,
): Promise<TModelTask> {
  const model = await repo.findModel(db, key.modelId);
  if (!model) throw new AppError('not_found', 'No such workflow model.');
  if (key.version !== model.current_version) {
    throw new AppError('invalid_state', `Only the current version (${model.current_version}) can be edited.`, {
      currentVersion: model.current_version,
    });
  }
  const updated = await repo.updateTask(db, key, input);
  if (!updated) throw new AppError('not_found', `The workflow has no step ${key.elementId}.`);
  await repo.updateModel(db, key.modelId, {});
  const task = (await repo.listTasks(db, key.modelId, key.version)).find((t) => t.element_id === key.elementId)!;
  return toTask(task);
}

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
import type { Principal } from '../../platform/auth/principal.js';
import { DEFAULT_BPMN_LIMITS, type BpmnLimits, type DrawnTask } from './bpmn-document.js';
import { importBpmn } from './bpmn-import.js';
import {
  assertMayEditWorkflow,
  defaultWorkflowUnit,
  mayEditWorkflow,
  recordWorkflowChange,
} from './workflow-access.js';
import type { WorkflowEditor } from './workflow-access.js';
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
    unitId: m.unit_id,
    currentVersion: m.current_version,
    taskCount,
    updatedAt: iso(m.updated_at),
    matchedTasks,
  };
}

/** A unit named in a request must exist: a clear 400, not a broken foreign key. */
async function assertUnitExists(db: Executor, unitId: string | undefined): Promise<void> {
  if (unitId !== undefined && !(await repo.unitExists(db, unitId)))
    throw new AppError('validation', 'unitId: no such unit.', [{ path: 'unitId', message: 'no such unit' }]);
}

/** What a model's description is, as its audit entries keep it before and after a change. */
const described = (m: ModelRow) => ({
  name: m.name,
  topic: m.topic,
  caseTypeCode: m.case_type_code,
  description: m.description,
  unitId: m.unit_id,
  currentVersion: m.current_version,
});

/**
 * Creates a model with its first version; the BPMN is checked before anything is written. With an editor, the unit
 * must be one they may edit workflows of (their own analyst unit when the request names none); without one (the
 * demo, an import), the model goes to the unit named or the authority's.
 */
export async function createProcessModel(
  db: Executor,
  input: TCreateProcessModel,
  actorId: string | null,
  editor?: WorkflowEditor,
  limits: BpmnLimits = DEFAULT_BPMN_LIMITS,
): Promise<TProcessModelDetail> {
  const doc = await importBpmn(input.bpmnXml, limits);
  const id = await inTransaction(db, async (trx) => {
    await assertUnitExists(trx, input.unitId);
    const authority = await repo.authorityUnitId(trx);
    const unitId = input.unitId ?? (editor ? await defaultWorkflowUnit(trx, editor.principal, authority) : authority);
    if (editor) await assertMayEditWorkflow(trx, editor.principal, unitId);
    const modelId = await repo.insertModel(trx, { ...input, unitId, createdBy: actorId });
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
    const created = await repo.findModel(trx, modelId);
    await recordWorkflowChange(trx, {
      editor,
      actorUserId: actorId,
      modelId,
      action: 'create',
      change: 'model',
      before: null,
      after: described(created!),
      summary: { steps: doc.tasks.map((t) => t.elementId) },
    });
    return modelId;
  });
  return getProcessModel(db, id, undefined, editor?.principal);
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
  editor?: WorkflowEditor,
  limits: BpmnLimits = DEFAULT_BPMN_LIMITS,
): Promise<TProcessModelDetail> {
  // Refuse someone who may not change the model before reading what they sent; checked again under the lock.
  const current = editor && (await repo.findModel(db, modelId));
  if (editor && current) await assertMayEditWorkflow(db, editor.principal, current.unit_id);
  const doc = await importBpmn(input.bpmnXml, limits);
  await inTransaction(db, async (trx) => {
    const model = await repo.findModelForUpdate(trx, modelId);
    if (!model) throw new AppError('not_found', 'No such workflow model.');
    if (editor) await assertMayEditWorkflow(trx, editor.principal, model.unit_id);
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
    const kept = new Set(tasks.map((t) => t.elementId));
    await recordWorkflowChange(trx, {
      editor,
      actorUserId: actorId,
      modelId,
      action: 'update',
      change: 'version',
      before: { currentVersion: model.current_version },
      after: { currentVersion: version },
      summary: {
        comment: input.comment,
        stepsAdded: doc.tasks.filter((t) => !byId.has(t.elementId)).map((t) => t.elementId),
        stepsRemoved: previous.filter((t) => !kept.has(t.element_id)).map((t) => t.element_id),
      },
    });
  });
  return getProcessModel(db, modelId, undefined, editor?.principal);
}

/**
 * Changes the fields the patch names and no others. Moving a model to another unit needs edit rights on both.
 * Audited with the description before and after.
 */
export async function updateProcessModel(
  db: Executor,
  modelId: string,
  patch: TUpdateProcessModel,
  editor?: WorkflowEditor,
): Promise<TProcessModelDetail> {
  await inTransaction(db, async (trx) => {
    const model = await repo.findModelForUpdate(trx, modelId);
    if (!model) throw new AppError('not_found', 'No such workflow model.');
    await assertUnitExists(trx, patch.unitId);
    if (editor) {
      await assertMayEditWorkflow(trx, editor.principal, model.unit_id);
      if (patch.unitId !== undefined && patch.unitId !== model.unit_id)
        await assertMayEditWorkflow(trx, editor.principal, patch.unitId);
    }
    await repo.updateModel(trx, modelId, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.topic !== undefined && { topic: patch.topic }),
      ...(patch.caseTypeCode !== undefined && { case_type_code: patch.caseTypeCode }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.unitId !== undefined && { unit_id: patch.unitId }),
    });
    const after = await repo.findModel(trx, modelId);
    await recordWorkflowChange(trx, {
      editor,
      modelId,
      action: 'update',
      change: 'model',
      before: described(model),
      after: described(after!),
    });
  });
  return getProcessModel(db, modelId, undefined, editor?.principal);
}

/**
 * A model at one version (the current one by default), with its diagram, steps and version history, and whether
 * `reader` may change it.
 */
export async function getProcessModel(
  db: Executor,
  modelId: string,
  version?: number,
  reader?: Principal,
): Promise<TProcessModelDetail> {
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
    editable: reader ? await mayEditWorkflow(db, reader, model.unit_id) : false,
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

/** What a step's guidance is, as its audit entries keep it before and after a change. */
const guidanceOf = (t: TModelTask): TTaskGuidanceInput => ({
  guidance: t.guidance,
  legalRefs: t.legalRefs,
  checklist: t.checklist,
  links: t.links,
  deadlineDays: t.deadlineDays,
});

/**
 * Writes a step's guidance. Only the current version is edited: older versions are the record of what applied.
 * Audited with the guidance before and after.
 */
export async function updateTaskGuidance(
  db: Executor,
  key: { modelId: string; version: number; elementId: string },
  input: TTaskGuidanceInput,
  editor?: WorkflowEditor,
): Promise<TModelTask> {
  return inTransaction(db, async (trx) => {
    const model = await repo.findModelForUpdate(trx, key.modelId);
    if (!model) throw new AppError('not_found', 'No such workflow model.');
    if (editor) await assertMayEditWorkflow(trx, editor.principal, model.unit_id);
    if (key.version !== model.current_version) {
      throw new AppError('invalid_state', `Only the current version (${model.current_version}) can be edited.`, {
        currentVersion: model.current_version,
      });
    }
    const stepOf = async () =>
      (await repo.listTasks(trx, key.modelId, key.version)).find((t) => t.element_id === key.elementId);
    const before = await stepOf();
    if (!before) throw new AppError('not_found', `The workflow has no step ${key.elementId}.`);
    await repo.updateTask(trx, key, input);
    await repo.updateModel(trx, key.modelId, {});
    const task = toTask((await stepOf())!);
    await recordWorkflowChange(trx, {
      editor,
      modelId: key.modelId,
      action: 'update',
      change: 'guidance',
      before: { ...guidanceOf(toTask(before)) },
      after: { ...guidanceOf(task) },
      summary: { version: key.version, elementId: key.elementId },
    });
    return task;
  });
}

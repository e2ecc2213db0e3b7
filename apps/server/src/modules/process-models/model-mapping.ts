import { assertMayEditWorkflow, recordWorkflowChange, type WorkflowEditor } from './workflow-access.js';
import type { TMappingEntry, TMappingRow, TModelMapping } from '@sagsgang/contracts';
import { AppError } from '../../platform/errors.js';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { processModelsRepository as repo, type TaskRow } from './process-models.repository.js';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** How each activity maps to a step of a model version: explicit entries first, then equal names. */
export interface ActivityMapping {
  modelId: string;
  version: number;
  rows: TMappingRow[];
  /** activity → element id; absent when unmapped, null when deliberately left out of the workflow. */
  lookup: Map<string, string | null>;
}

function resolve(
  tasks: TaskRow[],
  stored: { activity: string; element_id: string | null }[],
  activities: Iterable<string>,
): TMappingRow[] {
  const byName = new Map<string, string>();
  for (const t of tasks) if (t.name && !byName.has(norm(t.name))) byName.set(norm(t.name), t.element_id);
  const taskIds = new Set(tasks.map((t) => t.element_id));
  const explicit = new Map(stored.map((s) => [s.activity, s.element_id]));
  const all = new Set<string>([...explicit.keys(), ...activities]);
  const rows: TMappingRow[] = [];
  for (const activity of all) {
    const manual = explicit.get(activity);
    if (manual === null) rows.push({ activity, elementId: null, how: 'ignored' });
    else if (manual !== undefined && taskIds.has(manual)) rows.push({ activity, elementId: manual, how: 'manual' });
    else if (byName.has(norm(activity))) rows.push({ activity, elementId: byName.get(norm(activity))!, how: 'name' });
    else rows.push({ activity, elementId: null, how: 'unmapped' });
  }
  const collator = new Intl.Collator('da');
  return rows.sort((a, b) => collator.compare(a.activity, b.activity));
}

/** The mapping of `activities` (plus every stored entry) onto the model's version (current by default). */
export async function resolveMapping(
  db: Executor,
  modelId: string,
  activities: Iterable<string>,
  version?: number,
): Promise<ActivityMapping> {
  const model = await repo.findModel(db, modelId);
  if (!model) throw new AppError('not_found', 'No such workflow model.');
  const v = version ?? model.current_version;
  const [tasks, stored] = await Promise.all([repo.listTasks(db, modelId, v), repo.listMapping(db, modelId)]);
  const rows = resolve(tasks, stored, activities);
  const lookup = new Map<string, string | null>();
  for (const r of rows) if (r.how !== 'unmapped') lookup.set(r.activity, r.elementId);
  return { modelId, version: v, rows, lookup };
}

/** The mapping screen's data: the steps to choose from and every known activity with how it maps. */
export async function getModelMapping(
  db: Executor,
  modelId: string,
  activities: Iterable<string>,
): Promise<TModelMapping> {
  const m = await resolveMapping(db, modelId, activities);
  const tasks = await repo.listTasks(db, modelId, m.version);
  return {
    modelId,
    version: m.version,
    tasks: tasks.map((t) => ({ elementId: t.element_id, name: t.name })),
    rows: m.rows,
  };
}

/** Replaces the hand-made entries; each step named must exist in the current version. Audited before and after. */
export async function saveModelMapping(
  db: Executor,
  modelId: string,
  entries: TMappingEntry[],
  editor?: WorkflowEditor,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const model = await repo.findModelForUpdate(trx, modelId);
    if (!model) throw new AppError('not_found', 'No such workflow model.');
    if (editor) await assertMayEditWorkflow(trx, editor.principal, model.unit_id);
    const ids = new Set((await repo.listTasks(trx, modelId, model.current_version)).map((t) => t.element_id));
    const unknown = entries.filter((e) => e.elementId !== null && !ids.has(e.elementId));
    if (unknown.length) {
      throw new AppError('validation', `The workflow has no step ${unknown.map((u) => u.elementId).join(', ')}.`, {
        unknown: unknown.map((u) => u.activity),
      });
    }
    const seen = new Set<string>();
    const unique = entries.filter((e) => !seen.has(e.activity) && seen.add(e.activity));
    const before = await repo.listMapping(trx, modelId);
    await repo.replaceMapping(trx, modelId, unique);
    const asRecord = (list: { activity: string; elementId: string | null }[]) =>
      Object.fromEntries(list.map((e) => [e.activity, e.elementId]));
    await recordWorkflowChange(trx, {
      editor,
      modelId,
      action: 'update',
      change: 'mapping',
      before: asRecord(before.map((e) => ({ activity: e.activity, elementId: e.element_id }))),
      after: asRecord(unique),
    });
  });
}

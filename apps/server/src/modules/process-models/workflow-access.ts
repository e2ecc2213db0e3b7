/**
 * Who changes a workflow: the analysts of the unit it belongs to (an analyst's grant covers the units below it) and
 * the administrators of the whole authority. Every employee reads workflows.
 */
import { AUDIT_PURPOSES } from '@sagsgang/contracts';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { hasRole, type Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/transaction.js';
import { rootUnitIds } from '../org/index.js';

/** A change made by a signed-in person: checked against the model's unit and audited under their name. */
export interface WorkflowEditor {
  principal: Principal;
  requestId?: string;
}

async function authorityWideAdmin(db: Executor, principal: Principal): Promise<boolean> {
  const admin = principal.scope.admin;
  if (!admin || admin.size === 0) return false;
  return (await rootUnitIds(db)).some((id) => admin.has(id));
}

/** True when `principal` may change a workflow of `unitId` (null: a model of no unit, which only admins change). */
export async function mayEditWorkflow(db: Executor, principal: Principal, unitId: string | null): Promise<boolean> {
  if (principal.kind !== 'staff') return false;
  if (unitId !== null && hasRole(principal, ['analyst'], unitId)) return true;
  return authorityWideAdmin(db, principal);
}

export async function assertMayEditWorkflow(db: Executor, principal: Principal, unitId: string | null): Promise<void> {
  if (await mayEditWorkflow(db, principal, unitId)) return;
  throw new AppError(
    'forbidden',
    "This workflow belongs to another unit: only that unit's analysts and the authority's administrators change it.",
    { reason: 'workflow_not_editable', unitId },
  );
}

/**
 * The unit a new workflow goes to when the request names none: the one unit the creator holds the analyst role on,
 * else the authority's unit for an authority-wide administrator. Several analyst units: the request must choose.
 */
export async function defaultWorkflowUnit(
  db: Executor,
  principal: Principal,
  authorityUnitId: string | null,
): Promise<string | null> {
  const analystUnits = principal.grants.filter((g) => g.role === 'analyst' && g.unitId).map((g) => g.unitId!);
  const distinct = [...new Set(analystUnits)];
  if (distinct.length === 1) return distinct[0]!;
  if (distinct.length > 1) {
    throw new AppError('validation', 'unitId: choose the unit the workflow belongs to.', [
      { path: 'unitId', message: 'required' },
    ]);
  }
  if (await authorityWideAdmin(db, principal)) return authorityUnitId;
  throw new AppError('forbidden', 'You may not create workflows.', { reason: 'workflow_not_editable' });
}

/** Fields that differ between two flat records, by name. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/** One audit entry per change to a workflow, with what it was before and after, in the change's transaction. */
export async function recordWorkflowChange(
  trx: Executor,
  o: {
    /** Who changed it through a request; without one (an import, the demo), `actorUserId`. */
    editor?: WorkflowEditor;
    actorUserId?: string | null;
    modelId: string;
    action: 'create' | 'update' | 'delete';
    change: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    summary?: Record<string, unknown>;
  },
): Promise<void> {
  await recordAudit(trx, {
    actorUserId: o.editor?.principal.userId ?? o.actorUserId ?? null,
    action: o.action,
    entityType: 'process_model',
    entityId: o.modelId,
    purpose: AUDIT_PURPOSES.workflowAdministration,
    requestId: o.editor?.requestId ?? null,
    details: {
      change: o.change,
      before: o.before,
      after: o.after,
      changed: changedFields(o.before ?? {}, o.after ?? {}),
      ...o.summary,
    },
  });
}

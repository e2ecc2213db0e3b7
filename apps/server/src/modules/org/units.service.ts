import { AUDIT_PURPOSES, type TCreateUnitRequest, type TUnitNode, type TUpdateUnitRequest } from '@sagsgang/contracts';
import type { Executor } from '../../platform/db/transaction.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/auth/principal.js';
import { recordAudit, type AuditEntry } from '../../platform/audit/record-audit.js';
import { orgRepository as repo } from './org.repository.js';
import { assertAdminOn } from './admin-reach.js';

type RequestMeta = Pick<AuditEntry, 'requestId' | 'ip'>;

/** The units with no parent: the whole authority, for a question asked of "all units". */
export function rootUnitIds(db: Executor): Promise<string[]> {
  return repo.rootUnitIds(db);
}

/** How many units exist: none means a new, empty authority. */
export function countUnits(db: Executor): Promise<number> {
  return repo.countUnits(db);
}

/** The whole unit tree, children sorted by code. Unit names are not personal data: every staff member may read it. */
export async function unitTree(executor: Executor): Promise<TUnitNode[]> {
  const rows = await repo.listUnits(executor);
  const nodes = new Map<string, TUnitNode>(
    rows.map((u) => [
      u.id,
      {
        id: u.id,
        parentId: u.parent_id,
        kind: u.kind,
        code: u.code,
        nameDa: u.name_da,
        nameEn: u.name_en,
        children: [],
      },
    ]),
  );
  const roots: TUnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

function uniqueCode(err: unknown): never {
  if ((err as { code?: string }).code === '23505')
    throw new AppError('conflict', 'Another unit already has that code.', { reason: 'unit_code_taken' });
  throw err;
}

export async function createUnit(
  db: Executor,
  principal: Principal,
  input: TCreateUnitRequest,
  meta: RequestMeta,
): Promise<string> {
  assertAdminOn(principal, input.parentId);
  const parent = await repo.findUnit(db, input.parentId);
  if (!parent) throw new AppError('not_found', 'No such parent unit.');
  if (parent.kind === 'team')
    throw new AppError('invalid_state', 'A team cannot have units below it.', { reason: 'team_has_no_subunits' });
  return inTransaction(db, async (trx) => {
    const id = await repo
      .insertUnit(trx, {
        parent_id: input.parentId,
        kind: input.kind,
        code: input.code,
        name_da: input.nameDa,
        name_en: input.nameEn,
      })
      .catch(uniqueCode);
    await recordAudit(trx, {
      ...meta,
      actorUserId: principal.userId,
      action: 'create',
      entityType: 'unit',
      entityId: id,
      purpose: AUDIT_PURPOSES.organisationAdministration,
    });
    return id;
  });
}

export async function updateUnit(
  db: Executor,
  principal: Principal,
  id: string,
  input: TUpdateUnitRequest,
  meta: RequestMeta,
): Promise<void> {
  const unit = await repo.findUnit(db, id);
  if (!unit) throw new AppError('not_found', 'No such unit.');
  assertAdminOn(principal, id);
  if (input.parentId !== undefined && input.parentId !== unit.parent_id) {
    if (!unit.parent_id)
      throw new AppError('invalid_state', 'The authority itself cannot be moved.', { reason: 'authority_cannot_move' });
    assertAdminOn(principal, input.parentId);
    // The unit's own subtree is in the admin's scope below it; a parent inside it would make a cycle.
    const subtree = new Set([id]);
    const rows = await repo.listUnits(db);
    for (let grew = true; grew;) {
      grew = false;
      for (const r of rows) {
        if (r.parent_id && subtree.has(r.parent_id) && !subtree.has(r.id)) {
          subtree.add(r.id);
          grew = true;
        }
      }
    }
    if (subtree.has(input.parentId))
      throw new AppError('invalid_state', 'A unit cannot be moved below itself.', { reason: 'move_below_itself' });
  }
  await inTransaction(db, async (trx) => {
    await repo
      .updateUnit(trx, id, {
        parent_id: input.parentId,
        code: input.code,
        name_da: input.nameDa,
        name_en: input.nameEn,
      })
      .catch(uniqueCode);
    await recordAudit(trx, {
      ...meta,
      actorUserId: principal.userId,
      action: 'update',
      entityType: 'unit',
      entityId: id,
      purpose: AUDIT_PURPOSES.organisationAdministration,
      details: { fields: Object.keys(input) },
    });
  });
}

export async function deleteUnit(db: Executor, principal: Principal, id: string, meta: RequestMeta): Promise<void> {
  const unit = await repo.findUnit(db, id);
  if (!unit) throw new AppError('not_found', 'No such unit.');
  assertAdminOn(principal, id);
  if (!unit.parent_id)
    throw new AppError('invalid_state', 'The authority itself cannot be deleted.', {
      reason: 'authority_cannot_delete',
    });
  if (await repo.unitInUse(db, id))
    throw new AppError('conflict', 'The unit still has units or people in it.', { reason: 'unit_not_empty' });
  await inTransaction(db, async (trx) => {
    await repo.deleteUnit(trx, id).catch((err: { code?: string }) => {
      // Cases, goals and other records still point at the unit: it stays, as history needs it.
      if (err.code === '23503')
        throw new AppError('conflict', 'The unit is referred to by cases or other records.', {
          reason: 'unit_referenced',
        });
      throw err;
    });
    await recordAudit(trx, {
      ...meta,
      actorUserId: principal.userId,
      action: 'delete',
      entityType: 'unit',
      entityId: id,
      purpose: AUDIT_PURPOSES.organisationAdministration,
    });
  });
}

import {
  AUDIT_PURPOSES,
  type TAuditFollowUp,
  type TAuditRemark,
  type TCreateAuditRemark,
  type TCreateInitiative,
  type TInitiative,
} from '@sagsgang/contracts';
import { localDateOf } from '@sagsgang/clock';
import { AppError } from '../../../platform/errors.js';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { hasRole, unitsWithRole, type Principal } from '../../../platform/auth/principal.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { supervisionRepository as repo, type AuditRemarkRow, type InitiativeRow } from '../supervision.repository.js';
import { loadProgramme } from './access.js';

export function initiativeView(r: InitiativeRow, today: string): TInitiative {
  return {
    id: r.id,
    programmeId: r.programme_id,
    auditRemarkId: r.audit_remark_id,
    criterionId: r.criterion_id,
    sampleId: r.sample_id,
    kind: r.kind as TInitiative['kind'],
    title: r.title,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    dueDate: r.due_date,
    status: r.status as TInitiative['status'],
    completedOn: r.completed_on,
    overdue: (r.status === 'planned' || r.status === 'in_progress') && r.due_date < today,
  };
}

function requireQuality(p: Principal, unitId: string): void {
  if (p.kind !== 'staff' || !hasRole(p, ['quality'], unitId))
    throw new AppError('forbidden', 'Only the quality unit may do this.', { unitId });
}

/** An improvement initiative (training, a changed workflow, a new checklist item) with an owner and a due date. */
export async function createInitiative(
  db: Executor,
  p: Principal,
  input: TCreateInitiative,
  requestId?: string,
): Promise<TInitiative> {
  if (input.programmeId) {
    const { programme } = await loadProgramme(db, p, input.programmeId, 'manage');
    if (input.criterionId && !(await repo.criteria(db, [programme.id])).some((c) => c.id === input.criterionId))
      throw new AppError('validation', 'criterionId: not a criterion of the programme', [
        { path: '/criterionId', message: 'not a criterion of the programme' },
      ]);
    if (input.sampleId && (await repo.sample(db, input.sampleId))?.programme_id !== programme.id)
      throw new AppError('validation', 'sampleId: not a sample of the programme', [
        { path: '/sampleId', message: 'not a sample of the programme' },
      ]);
  }
  if (input.auditRemarkId) {
    const remark = await repo.auditRemark(db, input.auditRemarkId);
    if (!remark) throw new AppError('not_found', 'No such audit remark.');
    requireQuality(p, remark.unit_id);
  }
  if ((await repo.countStaff(db, [input.ownerId])) !== 1)
    throw new AppError('validation', 'ownerId: must be an active staff member', [
      { path: '/ownerId', message: 'unknown or inactive staff member' },
    ]);
  const id = await inTransaction(db, async (trx) => {
    const initiativeId = await repo.insertInitiative(trx, {
      programme_id: input.programmeId ?? null,
      audit_remark_id: input.auditRemarkId ?? null,
      criterion_id: input.criterionId ?? null,
      sample_id: input.sampleId ?? null,
      kind: input.kind,
      title: input.title,
      owner_id: input.ownerId,
      due_date: input.dueDate,
      created_by: p.userId,
    });
    await recordAudit(trx, {
      actorUserId: p.userId,
      action: 'create',
      entityType: 'supervision_initiative',
      entityId: initiativeId,
      purpose: AUDIT_PURPOSES.supervision,
      requestId: requestId ?? null,
    });
    return initiativeId;
  });
  const [row] = await repo.initiatives(db, { ids: [id] });
  return initiativeView(row!, localDateOf(new Date()));
}

/** Moves an initiative on: planned, in progress, done (on a day), or dropped. */
export async function updateInitiative(
  db: Executor,
  p: Principal,
  id: string,
  u: { status: TInitiative['status']; completedOn?: string },
  requestId?: string,
): Promise<TInitiative> {
  const unitId = await repo.initiativeUnit(db, id);
  if (!unitId) throw new AppError('not_found', 'No such initiative.');
  requireQuality(p, unitId);
  const today = localDateOf(new Date());
  const completedOn = u.status === 'done' ? (u.completedOn ?? today) : null;
  if (completedOn && completedOn > today)
    throw new AppError('validation', 'completedOn: cannot lie in the future', [
      { path: '/completedOn', message: 'in the future' },
    ]);
  await inTransaction(db, async (trx) => {
    await repo.updateInitiative(trx, id, { status: u.status, completed_on: completedOn });
    await recordAudit(trx, {
      actorUserId: p.userId,
      action: 'update',
      entityType: 'supervision_initiative',
      entityId: id,
      purpose: AUDIT_PURPOSES.supervision,
      requestId: requestId ?? null,
      details: { status: u.status },
    });
  });
  const [row] = await repo.initiatives(db, { ids: [id] });
  return initiativeView(row!, today);
}

export async function listInitiatives(
  db: Executor,
  p: Principal,
  programmeId: string,
): Promise<{ items: TInitiative[] }> {
  await loadProgramme(db, p, programmeId);
  const today = localDateOf(new Date());
  return { items: (await repo.initiatives(db, { programmeIds: [programmeId] })).map((r) => initiativeView(r, today)) };
}

const remarkView = (r: AuditRemarkRow): TAuditRemark => ({
  id: r.id,
  unitId: r.unit_id,
  year: r.year,
  report: r.report,
  remark: r.remark,
  createdAt: new Date(r.created_at).toISOString(),
});

/** The auditor's remark, per year and report; its action plan is the initiatives made for it. */
export async function createAuditRemark(
  db: Executor,
  p: Principal,
  input: TCreateAuditRemark,
  requestId?: string,
): Promise<TAuditRemark> {
  requireQuality(p, input.unitId);
  const id = await inTransaction(db, async (trx) => {
    const remarkId = await repo.insertAuditRemark(trx, {
      unit_id: input.unitId,
      year: input.year,
      report: input.report,
      remark: input.remark,
      created_by: p.userId,
    });
    await recordAudit(trx, {
      actorUserId: p.userId,
      action: 'create',
      entityType: 'supervision_audit_remark',
      entityId: remarkId,
      purpose: AUDIT_PURPOSES.supervision,
      requestId: requestId ?? null,
    });
    return remarkId;
  });
  return remarkView((await repo.auditRemark(db, id))!);
}

/** The half-year's last day: 'YYYY-H1' ends on 30 June, 'YYYY-H2' on 31 December. */
export function halfYearEnd(halfYear: string): string {
  const m = /^(\d{4})-H([12])$/.exec(halfYear);
  if (!m)
    throw new AppError('validation', 'halfYear: write it as YYYY-H1 or YYYY-H2', [
      { path: '/halfYear', message: 'YYYY-H1 or YYYY-H2' },
    ]);
  return m[2] === '1' ? `${m[1]}-06-30` : `${m[1]}-12-31`;
}

/**
 * The half-year follow-up for the committee: each remark of the reader's units with its action plan, each
 * initiative's status as of the half-year's end (done only if done by then), and the day the remark was fully
 * implemented, if it was.
 */
export async function auditFollowUp(db: Executor, p: Principal, halfYear: string): Promise<TAuditFollowUp> {
  const asOf = halfYearEnd(halfYear);
  const units = p.kind === 'staff' ? unitsWithRole(p, ['quality', 'teamlead']) : [];
  if (units.length === 0) throw new AppError('forbidden', 'Only the quality unit and team leads may read this.');
  // A remark on a year's accounts is followed up from that year on.
  const remarks = (await repo.auditRemarks(db, units)).filter((r) => r.year <= Number(asOf.slice(0, 4)));
  const initiatives = await repo.initiatives(db, { auditRemarkIds: remarks.map((r) => r.id) });
  return {
    halfYear,
    asOf,
    remarks: remarks.map((r) => {
      const plan = initiatives
        .filter((i) => i.audit_remark_id === r.id)
        .map((i) => {
          // As the committee saw it at the half-year's end: work done after it was not done yet.
          const doneThen = i.status === 'done' && i.completed_on !== null && i.completed_on <= asOf;
          const asThen: InitiativeRow =
            i.status === 'done' && !doneThen ? { ...i, status: 'in_progress', completed_on: null } : i;
          return initiativeView(asThen, asOf);
        });
      const done = plan.filter((i) => i.status === 'done').length;
      const live = plan.filter((i) => i.status !== 'dropped');
      const allDone = live.length > 0 && live.every((i) => i.status === 'done');
      return {
        ...remarkView(r),
        initiatives: plan,
        done,
        total: live.length,
        fullyImplementedOn: allDone
          ? live
              .map((i) => i.completedOn!)
              .sort()
              .at(-1)!
          : null,
      };
    }),
  };
}

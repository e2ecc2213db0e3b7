import type { TCreateFindingRequest, TFindingView } from '@sagsgang/contracts';
import { hasRole, unitsWithRole, type Principal, type StaffRole } from '../../../platform/auth/principal.js';
import { AppError } from '../../../platform/errors.js';
import { auditDenied } from '../../../platform/audit/record-audit.js';
import { inTransaction, type Executor } from '../../../platform/db/transaction.js';
import { findingsRepository as repo } from '../findings.repository.js';

/** The quality unit records the citizens' advisor's findings and follows them up. */
const KEEPERS: readonly StaffRole[] = ['quality'];
/** Managers and analysts read the findings that concern their units. */
const READERS: readonly StaffRole[] = ['quality', 'teamlead', 'analyst', 'admin'];

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function assertKeeperOf(p: Principal, unitIds: readonly string[]): void {
  const outside = unitIds.filter((u) => !hasRole(p, KEEPERS, u));
  if (outside.length > 0)
    throw new AppError('forbidden', 'You do not keep the findings of every unit named.', { unitIds: outside });
}

export async function listFindings(db: Executor, p: Principal, id?: string): Promise<TFindingView[]> {
  const { findings, actions } = await repo.list(db, unitsWithRole(p, READERS), id);
  return findings.map((f) => ({
    id: f.id,
    source: f.source as TFindingView['source'],
    reportYear: f.report_year,
    complaintId: f.complaint_id,
    title: f.title,
    recommendation: f.recommendation,
    unitIds: f.unit_ids,
    caseTypeIds: f.case_type_ids,
    responsibleId: f.responsible_id,
    responsibleName: f.responsible_name,
    status: f.status as TFindingView['status'],
    foundOn: f.found_on,
    closedAt: iso(f.closed_at),
    actions: actions
      .filter((a) => a.finding_id === f.id)
      .map((a) => ({ id: a.id, description: a.description, dueDate: a.due_date, doneAt: iso(a.done_at) })),
  }));
}

export async function createFinding(db: Executor, p: Principal, input: TCreateFindingRequest): Promise<string> {
  assertKeeperOf(p, input.unitIds);
  if (input.source === 'annual_report' && !input.reportYear)
    throw new AppError('validation', 'reportYear: required for a finding of the annual report.', [
      { path: 'reportYear', message: 'required' },
    ]);
  return inTransaction(db, async (trx) => {
    const id = await repo.insert(trx, {
      source: input.source,
      report_year: input.reportYear ?? null,
      complaint_id: input.complaintId ?? null,
      title: input.title,
      recommendation: input.recommendation,
      unit_ids: input.unitIds,
      case_type_ids: input.caseTypeIds,
      responsible_id: input.responsibleId,
      found_on: input.foundOn,
    });
    await repo.insertActions(
      trx,
      input.actions.map((a) => ({ finding_id: id, description: a.description, due_date: a.dueDate })),
    );
    return id;
  });
}

async function findingOr404(db: Executor, p: Principal, id: string) {
  const [f] = await listFindings(db, p, id);
  if (!f)
    throw new AppError('not_found', 'No such finding.', auditDenied({ entityType: 'advisor_finding', entityId: id }));
  return f;
}

/** Moves a finding on in its follow-up; a finding closes only once every action is done. */
export async function setFindingStatus(
  db: Executor,
  p: Principal,
  id: string,
  status: TFindingView['status'],
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const f = await findingOr404(trx, p, id);
    assertKeeperOf(p, f.unitIds);
    if (status === 'closed' && f.actions.some((a) => !a.doneAt))
      throw new AppError('invalid_state', 'Cannot close the finding: some of its actions are not done.', {
        state: f.status,
      });
    await repo.setStatus(trx, id, status, now);
    return findingOr404(trx, p, id);
  });
}

export async function setActionDone(db: Executor, p: Principal, actionId: string, done: boolean, now = new Date()) {
  return inTransaction(db, async (trx) => {
    const a = await repo.findAction(trx, actionId);
    if (!a || !unitsWithRole(p, READERS).some((u) => a.unit_ids.includes(u)))
      throw new AppError(
        'not_found',
        'No such action.',
        auditDenied({ entityType: 'advisor_action', entityId: actionId }),
      );
    assertKeeperOf(p, a.unit_ids);
    await repo.setActionDone(trx, actionId, done ? now : null);
    return findingOr404(trx, p, a.finding_id);
  });
}

import { AUDIT_PURPOSES, type TWorkQueuePage, type TWorkQueueQuery } from '@sagsgang/contracts';
import { localDateOf } from '@sagsgang/clock';
import { AppError } from '../../../platform/errors.js';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { unitsWithRole, type Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { queueRepository } from '../work-queue.repository.js';
import { toCaseSummary } from '../case-views.js';

/**
 * The open cases of the caseworker's units (or one of them), most at risk first. A page names applicants, so each
 * read is audited: one entry per page (not per row), with how many cases and persons it showed.
 */
export async function getWorkQueue(
  db: Executor,
  principal: Principal,
  query: TWorkQueueQuery,
  now = new Date(),
  requestId?: string,
): Promise<TWorkQueuePage> {
  const scope = unitsWithRole(principal, ['caseworker', 'teamlead']);
  if (query.unitId && !scope.includes(query.unitId)) {
    throw new AppError('forbidden', 'You do not work in this unit.', { unitId: query.unitId });
  }
  const today = localDateOf(now);
  const assigneeId =
    query.assignee === 'me' ? principal.userId : query.assignee === 'unassigned' ? null : query.assignee;
  const { ids, total, totalCapped } = await queueRepository.page(db, {
    unitIds: query.unitId ? [query.unitId] : scope.sort(),
    caseTypeId: query.caseTypeId,
    phase: query.phase,
    state: query.state,
    assigneeId,
    risk: query.risk,
    today,
    limit: query.limit,
    offset: query.offset,
  });
  const rows = await queueRepository.summariesByIds(db, ids);
  await recordAudit(db, {
    actorUserId: principal.userId,
    action: 'read',
    entityType: 'work_queue',
    entityId: query.unitId ?? null,
    purpose: AUDIT_PURPOSES.workQueue,
    requestId: requestId ?? null,
    details: {
      cases: rows.length,
      persons: new Set(rows.map((r) => r.applicant_id ?? r.applicant_name)).size,
      total,
      offset: query.offset,
      filter: { ...query, limit: undefined, offset: undefined },
    },
  });
  return { items: rows.map((r) => toCaseSummary(r, today)), total, totalCapped, today };
}
